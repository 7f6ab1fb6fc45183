import { allocate, applyPayment, uncoveredByPayments } from '../../../models/ledger/payments';
import { markDirty } from '../../../models/ledger/summaries';
import { compareDates, fromStored, toStored } from '../../../models/rules/dates';
import type { PaymentRowT } from '../rows';
import { emptyOutcome, unknownCustomer, type Writer } from './types';

/**
 * Payments, keyed by reference. A new payment is spread over the invoices it names (in that
 * order), or over the customer's oldest open invoices in its currency; what is left stays on
 * account. The spread is stored on the payment first, then applied to each invoice once.
 */
export const writePayments: Writer<PaymentRowT> = async (batch, { models }) => {
  const out = emptyOutcome();
  const touched = new Set<string>();
  const known = new Set(
    (
      await models.Customer.find(
        { reference: { $in: batch.map((b) => b.value.customer_reference) } },
        { reference: 1 },
      ).lean()
    ).map((c) => c.reference),
  );
  const existing = new Map(
    (await models.Payment.find({ reference: { $in: batch.map((b) => b.value.reference) } }).lean()).map(
      (p) => [p.reference, p],
    ),
  );
  for (const { row, value: r } of batch) {
    if (!known.has(r.customer_reference)) {
      out.rejected.push(unknownCustomer(row, r.customer_reference));
      continue;
    }
    const before = existing.get(r.reference);
    if (before) {
      if (
        before.amount !== r.amount ||
        before.currency !== r.currency ||
        before.customer !== r.customer_reference ||
        fromStored(before.date) !== r.date
      ) {
        out.rejected.push({
          row,
          column: 'amount',
          reason: `payment ${r.reference} was already imported with other details; a payment does not change`,
        });
        continue;
      }
      // Same payment again: complete its application if a crash interrupted it.
      if ((await applyPayment(models, before)) > 0) touched.add(r.customer_reference);
      out.unchanged++;
      continue;
    }
    const targets = await targetInvoices(models, r);
    if ('error' in targets) {
      out.rejected.push({ row, column: 'invoice_numbers', reason: targets.error });
      continue;
    }
    const { allocations, unallocated } = allocate(r.amount, targets.invoices);
    const payment = {
      reference: r.reference,
      customer: r.customer_reference,
      date: toStored(r.date),
      currency: r.currency,
      amount: r.amount,
      invoiceNumbers: r.invoice_numbers,
      allocations,
      unallocated,
      createdAt: new Date(),
    };
    await models.Payment.collection.insertOne(payment as never);
    existing.set(r.reference, payment as never);
    await applyPayment(models, payment);
    touched.add(r.customer_reference);
    out.inserted++;
  }
  out.touchedCustomers = [...touched];
  await markDirty(
    models,
    out.touchedCustomers.map((customer) => ({ customer })),
  );
  return out;
};

async function targetInvoices(
  models: Parameters<Writer<PaymentRowT>>[1]['models'],
  r: PaymentRowT,
): Promise<{ invoices: Array<{ number: string; outstanding: number }> } | { error: string }> {
  if (r.invoice_numbers.length > 0) {
    const found = await models.Invoice.find({ number: { $in: r.invoice_numbers } }).lean();
    const byNumber = new Map(found.map((i) => [i.number, i]));
    const unknown = r.invoice_numbers.filter((n) => !byNumber.has(n));
    if (unknown.length > 0) return { error: `unknown invoice ${unknown.join(', ')}` };
    const foreign = found.filter((i) => i.customer !== r.customer_reference).map((i) => i.number);
    if (foreign.length > 0) return { error: `invoice ${foreign.join(', ')} belongs to another customer` };
    const otherCurrency = found.filter((i) => i.currency !== r.currency).map((i) => i.number);
    if (otherCurrency.length > 0)
      return { error: `invoice ${otherCurrency.join(', ')} is not in ${r.currency}` };
    return {
      invoices: r.invoice_numbers.map((n) => ({
        number: n,
        outstanding: uncoveredByPayments(byNumber.get(n)!),
      })),
    };
  }
  const open = await models.Invoice.find({
    customer: r.customer_reference,
    currency: r.currency,
    status: { $in: ['open', 'partially_paid'] },
  }).lean();
  open.sort((a, b) => compareDates(fromStored(a.dueDate), fromStored(b.dueDate)));
  return { invoices: open.map((i) => ({ number: i.number, outstanding: uncoveredByPayments(i) })) };
}
