import { derivedStatus, RECOMPUTE_INVOICE } from '../../../models/ledger/invoice-state';
import { markDirty } from '../../../models/ledger/summaries';
import { fromStored, toStored } from '../../../models/rules/dates';
import { formatMoney } from '../../../models/rules/money';
import type { InvoiceRowT } from '../rows';
import { countUpserts, emptyOutcome, unknownCustomer, type Writer } from './types';

interface Known {
  amount: number;
  currency: string;
  customer: string;
  issue_date: string;
  due_date: string;
  exportedPaid: number;
  owner: string;
  /** Line of this file that created it; 0 when it came from an earlier import. */
  row: number;
}

/**
 * Invoices, keyed by number. An issued invoice never changes amount, currency, customer or
 * issue date (corrections are credit notes): a row that says otherwise is rejected, whether the
 * first one came from an earlier import or from earlier in the same file. The due date and
 * what the export says has been paid may change.
 *
 * New invoices are written whole with their derived state; an existing one gets only what
 * changed, and its paid amount and status are recomputed in the database when the export's
 * paid amount moved (payments may have been applied meanwhile).
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
  const known = new Map<string, Known>(
    (
      await models.Invoice.find(
        { number: { $in: batch.map((b) => b.value.number) } },
        {
          number: 1,
          amount: 1,
          currency: 1,
          customer: 1,
          issueDate: 1,
          dueDate: 1,
          exportedPaid: 1,
          owner: 1,
        },
      ).lean()
    ).map((i) => [
      i.number,
      {
        amount: i.amount,
        currency: i.currency,
        customer: i.customer,
        issue_date: fromStored(i.issueDate),
        due_date: fromStored(i.dueDate),
        exportedPaid: i.exportedPaid ?? 0,
        owner: i.owner,
        row: 0,
      },
    ]),
  );
  const ops: unknown[] = [];
  const recompute: string[] = [];
  const touched = new Map<string, string>();
  for (const { row, value: r } of batch) {
    const owner = owners.get(r.customer_reference);
    if (!owner) {
      out.rejected.push(unknownCustomer(row, r.customer_reference));
      continue;
    }
    const first = known.get(r.number);
    if (!first) {
      touched.set(r.customer_reference, owner);
      known.set(r.number, { ...r, customer: r.customer_reference, exportedPaid: r.amount_paid, owner, row });
      ops.push({
        updateOne: {
          filter: { number: r.number },
          update: {
            $setOnInsert: {
              customer: r.customer_reference,
              owner,
              currency: r.currency,
              amount: r.amount,
              issueDate: toStored(r.issue_date),
              dueDate: toStored(r.due_date),
              exportedPaid: r.amount_paid,
              allocations: [],
              credits: [],
              amountPaid: r.amount_paid,
              status: derivedStatus(r.amount, r.amount_paid, 0),
              disputedAmount: 0,
              createdAt: new Date(),
            },
          },
          upsert: true,
        },
      });
      continue;
    }
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
    const changes: Record<string, unknown> = {};
    if (first.due_date !== r.due_date) changes.dueDate = toStored(r.due_date);
    if (first.owner !== owner) changes.owner = owner;
    if (first.exportedPaid !== r.amount_paid) {
      changes.exportedPaid = r.amount_paid;
      recompute.push(r.number);
    }
    Object.assign(first, { due_date: r.due_date, owner, exportedPaid: r.amount_paid });
    if (Object.keys(changes).length === 0) {
      out.unchanged++;
      continue;
    }
    // Only a real change marks the summary stale: re-importing the same export is a no-op.
    touched.set(r.customer_reference, owner);
    ops.push({ updateOne: { filter: { number: r.number }, update: { $set: changes } } });
  }
  if (ops.length > 0)
    countUpserts(await models.Invoice.collection.bulkWrite(ops as never, { ordered: true }), out);
  for (const number of recompute)
    await models.Invoice.collection.updateOne({ number }, RECOMPUTE_INVOICE as never);
  await markDirty(
    models,
    [...touched].map(([customer, owner]) => ({ customer, owner })),
  );
  return out;
};

function clashWith(first: Known, r: InvoiceRowT): { column: string; what: string } | null {
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
