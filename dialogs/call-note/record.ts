/**
 * Recording a confirmed call note: the call in the trail, each dispute (pausing the ladder on
 * its invoice only), the payment promise with its instalments, the call-back. Everything it
 * writes is keyed by the note's operation key (the id of the message it came from), each step
 * an idempotent upsert, the trail first: a retry, a second Confirm or a restart after a crash
 * half-way completes the same operation and never records anything twice. The note is marked
 * recorded last, so an interrupted recording is found and finished (`finishInterruptedNotes`).
 */
import type { Models } from '../../models';
import { appendActivity, openDispute, recordPromise } from '../../models/ledger/commitments';
import { invoiceFacts } from '../../models/ledger/invoice-state';
import { recordCallPerformed } from '../../models/ledger/ladder-state';
import { markDirty } from '../../models/ledger/summaries';
import { addBusinessDays } from '../../models/rules/calendar';
import { type LocalDate, localDate, toStored } from '../../models/rules/dates';
import { chaseable } from '../../models/rules/invoice-facts';
import type { Policy } from '../../models/rules/policy';
import type { CallLog } from '../../models/schemas/call-log';
import { words } from '../handover/words';
import { money } from '../i18n';
import { trailLang, trailOutcome, trailSay } from '../words/trail';
import { CallNote, type NotePromise } from './note';

export interface Recorded {
  customer: string;
  instalments: Array<{ date: LocalDate; amount: number; currency: string }>;
  disputes: Array<{ invoice: string; reason: string; reviewOn: LocalDate }>;
  callback: LocalDate | null;
  /** Promises of this customer the new one replaced. */
  superseded: number;
  /** Their ids, so that undoing the note puts them back. */
  supersededIds?: string[];
}

export async function recordCallLog(
  models: Models,
  policy: Policy,
  log: Pick<CallLog, 'key' | 'staff' | 'lang' | 'text' | 'note' | 'source' | 'writtenAt'> & {
    promiseMode?: CallLog['promiseMode'];
    reportedBy?: CallLog['reportedBy'];
  },
): Promise<Recorded> {
  const note = CallNote.parse(log.note);
  if (!note.customer) throw new Error(`call note ${log.key} has no customer`);
  const customer = await models.Customer.findOne({ reference: note.customer }, { owner: 1 }).lean();
  if (!customer) throw new Error(`customer ${note.customer} of call note ${log.key} no longer exists`);
  const ref = note.customer;
  const key = log.key;
  const givenOn = localDate(log.writtenAt, policy.timeZone);
  const mentioned = [
    ...new Set([...note.promises.flatMap((p) => p.invoices), ...note.disputes.map((d) => d.invoice)]),
  ];

  // The trail first: a promise or a dispute never exists without the call it came from.
  await appendActivity(models, {
    key: `${key}#call`,
    customer: ref,
    invoices: mentioned,
    kind: 'call',
    channel: 'phone',
    author: log.staff,
    at: log.writtenAt,
    outcome: note.outcome ?? 'noted',
    // A sales rep's report confirmed by the owner: the owner's note, the rep named.
    summary: log.reportedBy
      ? words(trailLang(policy)).repSummary(log.reportedBy.name ?? '', log.text)
      : log.text,
    data: { note, source: log.source, contact: note.contact, reportedBy: log.reportedBy?.handle },
  });

  const reviewOn = addBusinessDays(givenOn, policy.disputeReviewBusinessDays, policy.country);
  for (const d of note.disputes) {
    const disputeKey = `${key}#dispute:${d.invoice}`;
    await appendActivity(models, {
      key: `${disputeKey}:activity`,
      customer: ref,
      invoices: [d.invoice],
      kind: 'dispute',
      channel: 'phone',
      author: log.staff,
      at: log.writtenAt,
      outcome: d.reason,
      summary: trailSay(policy, 'dispute', { reason: trailOutcome(policy, d.reason), detail: d.detail }),
    });
    await openDispute(models, {
      operationKey: disputeKey,
      customer: ref,
      owner: customer.owner,
      invoice: d.invoice,
      reason: d.reason,
      detail: d.detail,
      reviewOn,
      recordedBy: log.staff,
    });
  }

  // "The rest" is what remains chaseable once this note's disputes are open.
  const instalments = await promiseInstalments(models, ref, note.promises, new Set());
  let superseded = 0;
  let supersededIds: string[] = [];
  if (instalments.length > 0) {
    const promiseKey = `${key}#promise`;
    const team = trailLang(policy);
    const summary = instalments.map((i) => `${money(i.amount, i.currency, team)} ${i.date}`).join(' + ');
    await appendActivity(models, {
      key: `${promiseKey}:activity`,
      customer: ref,
      invoices: [...new Set(note.promises.flatMap((p) => p.invoices))],
      kind: 'promise',
      channel: 'phone',
      author: log.staff,
      at: log.writtenAt,
      outcome: 'promised',
      summary: trailSay(policy, 'promise', { instalments: summary }),
    });
    await recordPromise(models, {
      operationKey: promiseKey,
      customer: ref,
      owner: customer.owner,
      invoices: [...new Set(note.promises.flatMap((p) => p.invoices))],
      instalments,
      givenOn,
      recordedBy: log.staff,
    });
    // What the customer says now replaces what they said before — unless the person chose, when
    // confirming, to keep the pending promise and add this one beside it.
    if (log.promiseMode !== 'add') {
      const replaced = await models.PaymentPromise.find(
        { customer: ref, status: 'pending', operationKey: { $ne: promiseKey } },
        { _id: 1 },
      ).lean();
      supersededIds = replaced.map((p) => String(p._id));
      const res = await models.PaymentPromise.updateMany(
        { _id: { $in: replaced.map((p) => p._id) }, status: 'pending' },
        { $set: { status: 'cancelled' } },
      );
      superseded = res.modifiedCount;
    }
  }

  // A call that reached someone is the ladder's call step performed (the next step counts from it).
  if (!['no_answer', 'voicemail', 'wrong_number'].includes(note.outcome ?? ''))
    await recordCallPerformed(models, policy, ref, givenOn);
  if (note.callback)
    await models.Customer.updateOne(
      { reference: ref, callbackOn: { $ne: toStored(note.callback) } },
      { $set: { callbackOn: toStored(note.callback) } },
    );
  await markDirty(models, [{ customer: ref, owner: customer.owner }]);
  return {
    customer: ref,
    instalments,
    disputes: note.disputes.map((d) => ({ invoice: d.invoice, reason: d.reason, reviewOn })),
    callback: note.callback,
    superseded,
    supersededIds,
  };
}

/**
 * Dated amounts of the promise; "the rest" resolved against what is chaseable today, less the
 * invoices this note disputes (`disputing`: already excluded once the disputes are recorded).
 */
export async function promiseInstalments(
  models: Models,
  customer: string,
  promises: NotePromise[],
  disputing: Set<string>,
): Promise<Array<{ date: LocalDate; amount: number; currency: string }>> {
  const dated = promises.filter((p): p is NotePromise & { date: LocalDate } => p.date !== null);
  if (dated.length === 0) return [];
  const open = await models.Invoice.find({ customer, status: { $in: ['open', 'partially_paid'] } }).lean();
  const out: Array<{ date: LocalDate; amount: number; currency: string }> = [];
  for (const p of dated) {
    let amount = p.amount;
    if (amount === null) {
      const owed = open
        .filter((i) => i.currency === p.currency && !disputing.has(i.number))
        .filter((i) => p.invoices.length === 0 || p.invoices.includes(i.number))
        .reduce((n, i) => n + chaseable(invoiceFacts(i)), 0);
      const named = dated
        .filter((q) => q !== p && q.currency === p.currency && q.amount !== null)
        .reduce((n, q) => n + (q.amount ?? 0), 0);
      amount = owed - named;
    }
    if (amount > 0) out.push({ date: p.date, amount, currency: p.currency });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
