/**
 * Re-judging promises from payments (after an import, at a promise check): kept,
 * partially kept or broken per instalment, stored on the promise.
 */
import type { Models } from '../index';
import { fromStored, type LocalDate, toStored } from '../rules/dates';
import type { Policy } from '../rules/policy';
import { judgePromise, type PromiseStatus } from '../rules/promises';
import { markDirty } from './summaries';

export interface PromiseChange {
  id: string;
  customer: string;
  owner: string;
  from: PromiseStatus;
  to: PromiseStatus;
}

export async function refreshPromises(
  models: Models,
  customers: string[],
  asOf: LocalDate,
  policy: Policy,
): Promise<PromiseChange[]> {
  const promises = await models.PaymentPromise.find({
    customer: { $in: customers },
    status: 'pending',
  }).lean();
  if (promises.length === 0) return [];
  const payments = await models.Payment.find({
    customer: { $in: [...new Set(promises.map((p) => p.customer))] },
  }).lean();
  const changes: PromiseChange[] = [];
  for (const p of promises) {
    const givenOn = fromStored(p.givenOn);
    const counted = payments
      .filter((pay) => pay.customer === p.customer && fromStored(pay.date) >= givenOn)
      .filter(
        (pay) =>
          p.invoices.length === 0 ||
          pay.invoiceNumbers.length === 0 ||
          pay.invoiceNumbers.some((n) => p.invoices.includes(n)),
      )
      .map((pay) => ({ date: fromStored(pay.date), amount: pay.amount, currency: pay.currency }));
    const judged = judgePromise(
      p.instalments.map((i) => ({ date: fromStored(i.date), amount: i.amount, currency: i.currency })),
      counted,
      asOf,
      policy.promiseGraceDays,
      policy.country,
    );
    const instalments = p.instalments.map((i, k) => ({
      date: i.date,
      amount: i.amount,
      currency: i.currency,
      status: judged.instalments[k]!.status,
      paidToward: judged.instalments[k]!.paidToward,
    }));
    const unchanged =
      judged.status === 'pending' &&
      instalments.every(
        (i, k) => i.status === p.instalments[k]!.status && i.paidToward === p.instalments[k]!.paidToward,
      );
    if (unchanged) continue;
    // Only a pending promise moves, and only once: the filter on status makes a repeat a no-op.
    const res = await models.PaymentPromise.updateOne(
      { _id: p._id, status: 'pending' },
      // Judged on the ledger's day (the injected clock's), not the machine's: "broken since the
      // last digest" and the worklist's broken-promise band compare it with calendar days.
      { $set: { status: judged.status, instalments, judgedAt: toStored(asOf) } },
    );
    if (judged.status !== 'pending' && res.modifiedCount > 0) {
      changes.push({
        id: String(p._id),
        customer: p.customer,
        owner: p.owner,
        from: 'pending',
        to: judged.status,
      });
    }
  }
  await markDirty(
    models,
    changes.map((c) => ({ customer: c.customer })),
  );
  return changes;
}
