/**
 * Keeping customer summaries fresh. Writers call markDirty (one cheap update per customer);
 * readers call refreshDirty before reading summaries. A refresh only clears what it saw: a
 * write that lands during a refresh bumps `seq` again, so it is refreshed next time.
 */
import type { Models } from '../index';
import { addDays, fromStored, type LocalDate } from '../rules/dates';
import { chaseable, outstanding } from '../rules/invoice-facts';
import { invoiceFacts } from './invoice-state';

export async function markDirty(
  models: Models,
  changes: Array<{ customer: string; owner?: string }>,
): Promise<void> {
  if (changes.length === 0) return;
  await models.CustomerSummary.collection.bulkWrite(
    changes.map((c) => ({
      updateOne: {
        filter: { customer: c.customer },
        update: c.owner
          ? { $inc: { seq: 1 }, $set: { owner: c.owner, dirty: true }, $setOnInsert: { cleanSeq: 0 } }
          : { $inc: { seq: 1 }, $set: { dirty: true } },
        upsert: !!c.owner,
      },
    })) as never,
    { ordered: false },
  );
}

/** Refreshes the dirty summaries among the given owners' customers (all owners when omitted). */
export async function refreshDirty(models: Models, asOf: LocalDate, owners?: string[]): Promise<number> {
  const filter: Record<string, unknown> = { dirty: true };
  if (owners) filter.owner = { $in: owners };
  const dirty = await models.CustomerSummary.find(filter, { customer: 1, seq: 1 }).lean();
  for (let i = 0; i < dirty.length; i += 500) {
    await refreshSummaries(
      models,
      dirty.slice(i, i + 500).map((d) => ({ customer: d.customer, seq: d.seq ?? 0 })),
      asOf,
    );
  }
  return dirty.length;
}

const CONTACT_KINDS = ['call', 'letter', 'email', 'promise', 'dispute', 'callback'];

async function refreshSummaries(
  models: Models,
  seen: Array<{ customer: string; seq: number }>,
  asOf: LocalDate,
): Promise<void> {
  const refs = seen.map((s) => s.customer);
  const since30 = new Date(`${addDays(asOf, -30)}T00:00:00Z`);
  const since60 = new Date(`${addDays(asOf, -60)}T00:00:00Z`);
  const [customers, invoices, promises, lastContacts, reminders, disputes] = await Promise.all([
    models.Customer.find({ reference: { $in: refs } }).lean(),
    models.Invoice.find({ customer: { $in: refs }, status: { $in: ['open', 'partially_paid'] } }).lean(),
    models.PaymentPromise.find({
      customer: { $in: refs },
      $or: [{ status: 'pending' }, { judgedAt: { $gte: since30 } }],
    }).lean(),
    models.Activity.aggregate<{ _id: string; on: Date; kind: string; outcome?: string; author: string }>([
      { $match: { customer: { $in: refs }, kind: { $in: CONTACT_KINDS } } },
      { $sort: { at: -1 } },
      {
        $group: {
          _id: '$customer',
          on: { $first: '$at' },
          kind: { $first: '$kind' },
          outcome: { $first: '$outcome' },
          author: { $first: '$author' },
        },
      },
    ]),
    models.Activity.find(
      { customer: { $in: refs }, kind: { $in: ['letter', 'email'] }, at: { $gte: since60 } },
      { customer: 1, at: 1 },
    ).lean(),
    models.Dispute.aggregate<{ _id: string; n: number }>([
      { $match: { customer: { $in: refs }, status: 'open' } },
      { $group: { _id: '$customer', n: { $sum: 1 } } },
    ]),
  ]);
  const group = <T>(items: T[], key: (t: T) => string) => {
    const m = new Map<string, T[]>();
    for (const it of items) {
      const k = key(it);
      const list = m.get(k);
      if (list) list.push(it);
      else m.set(k, [it]);
    }
    return m;
  };
  const invoicesBy = group(invoices, (i) => i.customer);
  const promisesBy = group(promises, (p) => p.customer);
  const remindersBy = group(reminders, (r) => r.customer ?? '');
  const lastBy = new Map(lastContacts.map((l) => [l._id, l]));
  const disputesBy = new Map(disputes.map((d) => [d._id, d.n]));
  const seqOf = new Map(seen.map((s) => [s.customer, s.seq]));

  const refreshedAt = new Date();
  const ops = customers.map((c) => {
    const contact = c.contacts.find((x) => x.usual) ?? c.contacts[0];
    const last = lastBy.get(c.reference);
    const summary = {
      owner: c.owner,
      name: c.name,
      language: c.language,
      timeZone: c.timeZone,
      strategic: c.strategic,
      businessHours: c.businessHours,
      creditLimit: c.creditLimit,
      contact: contact ? { name: contact.name, phone: contact.phone, email: contact.email } : null,
      open: (invoicesBy.get(c.reference) ?? []).map((i) => {
        const facts = invoiceFacts(i);
        return {
          n: i.number,
          cur: i.currency,
          amt: outstanding(facts),
          ch: chaseable(facts),
          due: facts.dueDate,
          issued: facts.issueDate,
          step: i.ladder?.step ?? null,
          stepOn: i.ladder?.on ? fromStored(i.ladder.on) : null,
        };
      }),
      promises: (promisesBy.get(c.reference) ?? []).map((p) => ({
        status: p.status,
        dates: p.instalments.map((x) => fromStored(x.date)),
        amount: p.instalments.reduce((n, x) => n + x.amount, 0),
        currency: p.instalments[0]?.currency,
        judgedOn: p.judgedAt ? fromStored(p.judgedAt) : null,
      })),
      lastContact: last
        ? { on: fromStored(last.on), kind: last.kind, outcome: last.outcome, author: last.author }
        : null,
      reminders: (remindersBy.get(c.reference) ?? []).map((r) => fromStored(r.at)),
      openDisputes: disputesBy.get(c.reference) ?? 0,
      callbackOn: c.callbackOn ? fromStored(c.callbackOn) : null,
      snoozedUntil: c.snoozedUntil ? fromStored(c.snoozedUntil) : null,
      handedOverOn: c.handover?.since ? c.handover.since.toISOString().slice(0, 10) : null,
      cleanSeq: seqOf.get(c.reference) ?? 0,
      dirty: false,
      refreshedAt,
    };
    return {
      updateOne: {
        filter: { customer: c.reference, seq: seqOf.get(c.reference) ?? 0 },
        update: { $set: summary },
      },
    };
  });
  if (ops.length > 0) await models.CustomerSummary.collection.bulkWrite(ops as never, { ordered: false });
}
