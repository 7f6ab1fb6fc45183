/**
 * Stores the demo portfolio through the same paths real data takes (the importers for staff,
 * customers, invoices and payments), then its disputes, promises and activity trail.
 * Idempotent: every record has a stable key, so loading twice changes nothing.
 */

import { appendActivity, openDispute, recordPromise } from '../../models/ledger/commitments';
import { refreshPromises } from '../../models/ledger/promises';
import { markDirty } from '../../models/ledger/summaries';
import { toStored } from '../../models/rules/dates';
import { trailSay } from '../../models/words/trail';
import type { ImportKind } from '../import/headers';
import { validateRows, writeRows } from '../import/importer';
import type { Ledger } from '../ledger';
import { demoPortfolio } from './portfolio';

export interface DemoSummary {
  staff: number;
  customers: number;
  invoices: number;
  payments: number;
  disputes: number;
  promises: number;
  activities: number;
}

/** Drops everything the demo (or anything else) stored: the ledger collections. */
export async function resetLedger(ledger: Ledger): Promise<void> {
  for (const model of Object.values(ledger.models)) await model.deleteMany({});
}

export async function loadDemo(ledger: Ledger, seed = 42): Promise<DemoSummary> {
  const today = ledger.today();
  const demo = demoPortfolio(today, seed, ledger.policy.country);
  const opts = { models: ledger.models, asOf: today, policy: ledger.policy, author: 'demo' };
  const store = async (kind: ImportKind, rows: Array<Record<string, string>>) => {
    const { valid, rejected } = validateRows(kind, rows);
    if (rejected.length > 0)
      throw new Error(`demo ${kind} row ${rejected[0]!.row} is invalid: ${rejected[0]!.reason}`);
    await writeRows(kind, valid, opts);
  };
  await store('staff', demo.staff);
  // The staff CSV has no language column: Tom works in English.
  await ledger.models.Staff.updateOne({ handle: 'tom' }, { $set: { language: 'en' } });
  await store('customers', demo.customers);
  await store('invoices', demo.invoices);
  await store('payments', demo.payments);

  const { models } = ledger;
  const ownerOf = new Map(demo.customers.map((c) => [c.reference, c.owner!]));
  // Customers whose disputes, promises or trail this load actually wrote: their summaries are stale.
  const changed = new Set<string>();
  // Mongoose stamps updatedAt on every matched update: the writers report inserts and real
  // changes only (updates filter out the documents they would not change).
  for (const d of demo.disputes) {
    const key = `demo:dispute:${d.invoice}`;
    const owner = ownerOf.get(d.customer)!;
    const opened = await openDispute(models, { operationKey: key, owner, ...d });
    const trail = await appendActivity(models, {
      key: `${key}:activity`,
      customer: d.customer,
      invoices: [d.invoice],
      kind: 'dispute',
      channel: 'phone',
      author: d.recordedBy,
      at: toStored(d.openedOn),
      outcome: d.reason,
      summary: trailSay(ledger.policy, 'dispute', { reason: d.reason, detail: d.detail }),
    });
    if (opened || trail) changed.add(d.customer);
  }
  for (const p of demo.promises) {
    const fresh = await recordPromise(models, {
      operationKey: `demo:promise:${p.invoices.join(',')}`,
      owner: ownerOf.get(p.customer)!,
      ...p,
    });
    if (fresh) changed.add(p.customer);
  }
  for (const a of demo.activities) {
    const key = `demo:activity:${a.customer}:${a.invoices.join(',')}:${a.kind}:${a.step ?? a.on}`;
    const fresh = await appendActivity(models, {
      key,
      customer: a.customer,
      invoices: a.invoices,
      kind: a.kind,
      channel: a.channel,
      author: a.author,
      at: toStored(a.on),
      outcome: a.outcome,
      summary: a.summary,
      data: a.step ? { step: a.step } : undefined,
    });
    if (fresh) changed.add(a.customer);
    // The ladder keeps the last step performed on each invoice.
    if (a.step) {
      const ladder = await models.Invoice.updateOne(
        {
          number: a.invoices[0],
          $or: [{ 'ladder.on': { $exists: false } }, { 'ladder.on': { $lt: toStored(a.on) } }],
        },
        { $set: { ladder: { step: a.step, on: toStored(a.on) } } },
      );
      if (ladder.modifiedCount > 0) changed.add(a.customer);
    }
  }
  await refreshPromises(
    models,
    demo.customers.map((c) => c.reference!),
    today,
    ledger.policy,
  );
  await markDirty(
    models,
    [...changed].map((customer) => ({ customer, owner: ownerOf.get(customer) })),
  );
  return {
    staff: demo.staff.length,
    customers: demo.customers.length,
    invoices: demo.invoices.length,
    payments: demo.payments.length,
    disputes: demo.disputes.length,
    promises: demo.promises.length,
    activities: demo.activities.length,
  };
}

/** At an embedded start: a newcomer sees a living portfolio, never an empty one. */
export async function loadDemoIfEmpty(ledger: Ledger): Promise<DemoSummary | null> {
  if ((await ledger.models.Customer.estimatedDocumentCount()) > 0) return null;
  return loadDemo(ledger);
}
