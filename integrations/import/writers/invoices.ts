import { RECOMPUTE_INVOICE } from '../../../models/ledger/invoice-state';
import { fromStored, toStored } from '../../../models/rules/dates';
import { formatMoney } from '../../../models/rules/money';
import type { InvoiceRowT } from '../rows';
import { countUpserts, emptyOutcome, type Writer } from './types';

/**
 * Invoices, keyed by number. An issued invoice never changes amount, currency, customer or
 * issue date (corrections are credit notes): a row that says otherwise is rejected, whether the
 * first one came from an earlier import or from earlier in the same file. What an export says
 * has been paid may change.
 */
export const writeInvoices: Writer<InvoiceRowT> = async (batch, { models }) => {
  const out = emptyOutcome();
  const refs = [...new Set(batch.map((b) => b.value.customer_reference))];
  const owners = new Map(
    (await models.Customer.find({ reference: { $in: refs } }, { reference: 1, owner: 1 }).lean()).map((c) => [
      c.reference,
      c.owner,
    ]),
  );
  const stored = new Map(
    (
      await models.Invoice.find(
        { number: { $in: batch.map((b) => b.value.number) } },
        { number: 1, amount: 1, currency: 1, customer: 1, issueDate: 1 },
      ).lean()
    ).map((i) => [
      i.number,
      {
        amount: i.amount,
        currency: i.currency,
        customer: i.customer,
        issue_date: fromStored(i.issueDate),
        row: 0,
      },
    ]),
  );
  const ops: unknown[] = [];
  for (const { row, value: r } of batch) {
    const owner = owners.get(r.customer_reference);
    if (!owner) {
      out.rejected.push({
        row,
        column: 'customer_reference',
        reason: `unknown customer "${r.customer_reference}" (import customers first)`,
      });
      continue;
    }
    const first = stored.get(r.number);
    if (first) {
      const clash = clashWith(first, r);
      if (clash) {
        const where = first.row ? `line ${first.row} of this file` : 'an earlier import';
        out.rejected.push({
          row,
          column: clash.column,
          reason: `invoice ${r.number} already exists (${where}) with ${clash.what}; an issued invoice does not change — use a credit note`,
        });
        continue;
      }
    } else {
      stored.set(r.number, {
        amount: r.amount,
        currency: r.currency,
        customer: r.customer_reference,
        issue_date: r.issue_date,
        row,
      });
    }
    ops.push({
      updateOne: {
        filter: { number: r.number },
        update: [
          {
            $set: {
              number: r.number,
              customer: r.customer_reference,
              owner,
              currency: r.currency,
              amount: r.amount,
              issueDate: toStored(r.issue_date),
              dueDate: toStored(r.due_date),
              exportedPaid: r.amount_paid,
              createdAt: { $ifNull: ['$createdAt', '$$NOW'] },
            },
          },
          ...RECOMPUTE_INVOICE,
        ],
        upsert: true,
      },
    });
  }
  if (ops.length > 0)
    countUpserts(await models.Invoice.collection.bulkWrite(ops as never, { ordered: true }), out);
  return out;
};

function clashWith(
  first: { amount: number; currency: string; customer: string; issue_date: string },
  r: InvoiceRowT,
): { column: string; what: string } | null {
  if (first.currency !== r.currency) return { column: 'currency', what: `currency ${first.currency}` };
  if (first.amount !== r.amount)
    return {
      column: 'amount',
      what: `amount ${formatMoney({ amount: first.amount, currency: first.currency }, 'en')}`,
    };
  if (first.customer !== r.customer_reference)
    return { column: 'customer_reference', what: `customer ${first.customer}` };
  if (first.issue_date !== r.issue_date)
    return { column: 'issue_date', what: `issue date ${first.issue_date}` };
  return null;
}
