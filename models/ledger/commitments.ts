/**
 * Writing what a customer said — a dispute, a payment promise, an activity — so that a retry
 * lands on the same documents: each write is an upsert on the operation's key with
 * `$setOnInsert`, and each reports whether it really wrote (so summaries are only marked
 * dirty for real changes). No multi-document transaction is needed (a standalone MongoDB
 * has none): an operation interrupted half-way is completed by running it again.
 */
import type { Models } from '../index';
import { type LocalDate, toStored } from '../rules/dates';
import { outstanding } from '../rules/invoice-facts';
import { invoiceFacts } from './invoice-state';

export interface DisputeInput {
  operationKey: string;
  customer: string;
  owner: string;
  invoice: string;
  reason: string;
  detail: string;
  reviewOn: LocalDate;
  recordedBy: string;
}

/**
 * Opens a dispute on one invoice and puts its whole outstanding amount under dispute, which
 * pauses the ladder for that invoice only. Returns true when anything was written.
 */
export async function openDispute(models: Models, d: DisputeInput): Promise<boolean> {
  const dispute = await models.Dispute.updateOne(
    { operationKey: d.operationKey, customer: d.customer },
    {
      $setOnInsert: {
        owner: d.owner,
        invoices: [d.invoice],
        reason: d.reason,
        detail: d.detail,
        status: 'open',
        reviewOn: toStored(d.reviewOn),
        recordedBy: d.recordedBy,
      },
    },
    { upsert: true },
  );
  const inv = await models.Invoice.findOne({ number: d.invoice }).lean();
  let paused = 0;
  if (inv) {
    const disputedAmount = outstanding(invoiceFacts(inv));
    const res = await models.Invoice.updateOne(
      { number: d.invoice, disputedAmount: { $ne: disputedAmount } },
      { $set: { disputedAmount } },
    );
    paused = res.modifiedCount;
  }
  return dispute.upsertedCount + paused > 0;
}

export interface PromiseInput {
  operationKey: string;
  customer: string;
  owner: string;
  invoices: string[];
  instalments: Array<{ date: LocalDate; amount: number; currency: string }>;
  givenOn: LocalDate;
  recordedBy: string;
}

/** Records a payment promise (one or several instalments). Returns true when it was new. */
export async function recordPromise(models: Models, p: PromiseInput): Promise<boolean> {
  const res = await models.PaymentPromise.updateOne(
    { operationKey: p.operationKey, customer: p.customer },
    {
      $setOnInsert: {
        owner: p.owner,
        invoices: p.invoices,
        instalments: p.instalments.map((i) => ({
          ...i,
          date: toStored(i.date),
          status: 'pending',
          paidToward: 0,
        })),
        status: 'pending',
        givenOn: toStored(p.givenOn),
        recordedBy: p.recordedBy,
      },
    },
    { upsert: true },
  );
  return res.upsertedCount > 0;
}

export interface ActivityInput {
  key: string;
  customer?: string;
  invoices?: string[];
  kind: string;
  channel: string;
  author: string;
  at: Date;
  outcome?: string;
  summary: string;
  data?: unknown;
}

/** Appends to the trail once per key. Returns true when it was new. */
export async function appendActivity(models: Models, a: ActivityInput): Promise<boolean> {
  const { key, ...fields } = a;
  const res = await models.Activity.updateOne({ key }, { $setOnInsert: fields }, { upsert: true });
  return res.upsertedCount > 0;
}
