/**
 * From approval to the debtor. An approved draft is sent as it was approved (its PDF, edits
 * included): by email through the mailer, or — registered letters, the formal notice, the
 * hand-over, and any letter without an email address — as a "to post" task for the owner
 * until the registered-mail number (or "posted") is entered. What was sent drives the ladder.
 *
 * Sending once: the send is claimed with a `Delivery` record (`email:<draft>`, unique key)
 * recorded `sending` before the mail server is called and `sent` after, as the scheduler's
 * deliveries are; another instance or a retry finds the claim and sends nothing. A failure
 * (SMTP down) leaves the draft `failed` ("approved, not sent") and the claim `failed` with the
 * time of its next attempt (backoff); `retryUnsent` sends it once when the server is back.
 *
 * Re-check at send time: the ledger is read again, and a draft whose invoices were paid,
 * disputed or promised since is never sent — it is superseded, and the approver is told why.
 */
import { isMongoDuplicateKey, normalizeError, ValidationError } from '../../models/errors';
import { customerLadder, recordStepPerformed, underPromise } from '../../models/ledger/ladder-state';
import { markDirty } from '../../models/ledger/summaries';
import { addBusinessDays } from '../../models/rules/calendar';
import { chaseable } from '../../models/rules/invoice-facts';
import type { StepKey } from '../../models/rules/policy';
import type { DraftStatus } from '../../models/schemas/draft';
import { type DraftServices, findDraft, type StoredDraft, trail, type Via } from '../drafting/drafts';
import { type DraftFacts, formalNoticeDeadline } from '../drafting/facts';
import { composeMail, recipientOf } from './documents';

/** Waits before the 1st, 2nd… retry of an email; after the last, the claim is abandoned (still told). */
export const SEND_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000, 24 * 3600_000];
export const EMAIL_JOB = 'email';
const claimKey = (d: { key: string }) => `${EMAIL_JOB}:${d.key}`;

export type Change = { invoice: string; what: 'paid' | 'part_paid' | 'disputed' | 'promised' };

export type SendOutcome =
  | { kind: 'sent'; draft: StoredDraft }
  | { kind: 'failed'; draft: StoredDraft; error: string }
  | { kind: 'superseded'; draft: StoredDraft; changes: Change[] }
  | { kind: 'to_post'; draft: StoredDraft }
  | { kind: 'nothing'; draft: StoredDraft }
  | { kind: 'already'; draft: StoredDraft };

/** What changed since the draft was written, on the invoices it presses (empty: nothing). */
export async function factsChanged(services: DraftServices, d: StoredDraft): Promise<Change[]> {
  const facts = d.inputs as DraftFacts;
  const today = services.today();
  const ladder = await customerLadder(services.models, services.policy, d.customer, today);
  const docs = await services.models.Invoice.find(
    { number: { $in: facts.invoices.map((i) => i.number) } },
    { number: 1, disputedAmount: 1 },
  ).lean();
  const changes: Change[] = [];
  for (const was of facts.invoices) {
    const now = ladder.invoices.find((i) => i.number === was.number);
    const doc = docs.find((x) => x.number === was.number);
    if (!now)
      changes.push({ invoice: was.number, what: (doc?.disputedAmount ?? 0) > 0 ? 'disputed' : 'paid' });
    else if (now.facts.disputedAmount > 0) changes.push({ invoice: was.number, what: 'disputed' });
    else if (chaseable(now.facts) < was.amount) changes.push({ invoice: was.number, what: 'part_paid' });
    else if (d.kind !== 'call_script' && underPromise(now, services.policy, today))
      changes.push({ invoice: was.number, what: 'promised' });
  }
  return changes;
}

export function changesText(changes: Change[], lang: 'fr' | 'en'): string {
  const what = {
    fr: {
      paid: 'payée',
      part_paid: 'payée en partie',
      disputed: 'contestée',
      promised: 'sous promesse de paiement',
    },
    en: { paid: 'paid', part_paid: 'partly paid', disputed: 'disputed', promised: 'under a payment promise' },
  }[lang];
  return changes.map((c) => `${c.invoice} ${what[c.what]}`).join(', ');
}

async function setStatus(
  services: DraftServices,
  d: StoredDraft,
  from: DraftStatus[],
  to: DraftStatus,
  set: Record<string, unknown> = {},
): Promise<StoredDraft | null> {
  return services.models.Draft.findOneAndUpdate(
    { key: d.key, status: { $in: from } },
    { $set: { status: to, ...set } },
    { returnDocument: 'after' },
  ).lean<StoredDraft>();
}

/** Marks a draft superseded (its facts changed) and says so in the trail. */
export async function supersede(
  services: DraftServices,
  d: StoredDraft,
  changes: Change[],
  by: string,
  via: Via,
): Promise<StoredDraft | null> {
  const reason = changesText(changes, 'en');
  const done = await setStatus(
    services,
    d,
    ['awaiting_approval', 'edited', 'blocked', 'approved', 'failed'],
    'superseded',
    { supersededReason: reason, changes },
  );
  if (done)
    await trail(services, done, 'superseded', by, services.clock.now(), d.versions.length, {
      key: `${d.key}#superseded`,
      via,
      data: { changes },
      detail: reason,
    });
  return done;
}

/**
 * Sends an approved (or failed) draft, once. Returns what happened; never throws for a mail
 * server failure (the draft is then "approved, not sent" and retried).
 */
export async function dispatch(
  services: DraftServices,
  id: string,
  who: { by: string; via: Via },
): Promise<SendOutcome> {
  const d = await findDraft(services, id);
  if (!d) throw new ValidationError(`draft ${id} not found`);
  if (d.status !== 'approved' && d.status !== 'failed') return { kind: 'already', draft: d };
  if (d.delivery === 'none') return { kind: 'nothing', draft: d };
  const changes = await factsChanged(services, d);
  if (changes.length > 0) {
    const done = await supersede(services, d, changes, who.by, who.via);
    if (!done) return { kind: 'already', draft: d };
    await services.models.Delivery.updateOne(
      { key: claimKey(d), status: 'failed' },
      { $set: { status: 'skipped' } },
    );
    return { kind: 'superseded', draft: done, changes };
  }
  if (d.delivery === 'post') return { kind: 'to_post', draft: d };
  const to = await recipientOf(services.models, d.customer);
  if (!to) {
    // No e-mail address: the approved letter becomes a simple letter to post.
    const post = await services.models.Draft.findOneAndUpdate(
      { key: d.key, status: 'approved' },
      { $set: { delivery: 'post' } },
      { returnDocument: 'after' },
    ).lean<StoredDraft>();
    return { kind: 'to_post', draft: post ?? d };
  }
  if (!services.mailer) return { kind: 'nothing', draft: d };

  // The claim: one sender only, whatever the instances and retries.
  const now = services.clock.now();
  const { Delivery } = services.models;
  const existing = await Delivery.findOne({ key: claimKey(d) }).lean();
  let attempt: number;
  if (!existing) {
    try {
      await Delivery.create({
        key: claimKey(d),
        job: EMAIL_JOB,
        staff: d.decidedBy ?? d.owner,
        status: 'sending',
        attempts: 1,
      });
    } catch (err) {
      if (isMongoDuplicateKey(err)) return { kind: 'already', draft: d };
      throw err;
    }
    attempt = 1;
  } else {
    const claimed = await Delivery.updateOne(
      { key: claimKey(d), status: 'failed', attempts: existing.attempts },
      { $set: { status: 'sending' }, $inc: { attempts: 1 } },
    );
    if (claimed.modifiedCount === 0) return { kind: 'already', draft: d };
    attempt = existing.attempts + 1;
  }
  const sending = await setStatus(services, d, ['approved', 'failed'], 'sending');
  if (!sending) {
    await Delivery.deleteOne({ key: claimKey(d), status: 'sending', attempts: 1 });
    return { kind: 'already', draft: d };
  }
  await trail(services, sending, 'sending', who.by, now, d.approvedVersion ?? d.versions.length, {
    key: `${d.key}#sending#${attempt}`,
    via: who.via,
  });

  let proof: { kind: 'smtp' | 'outbox'; id: string; to: string };
  try {
    const mail = await composeMail(services, sending, to, services.today());
    const sent = await services.mailer.send(mail);
    proof = { kind: sent.kind, id: sent.messageId, to: to.email };
    if (sent.file) (proof as Record<string, string>).file = sent.file;
  } catch (err) {
    const e = normalizeError(err);
    const wait = SEND_BACKOFF_MS[attempt - 1];
    const error = `${e.code}: ${e.message}`;
    await Delivery.updateOne(
      { key: claimKey(d) },
      {
        $set: {
          status: wait === undefined ? 'abandoned' : 'failed',
          lastError: error,
          ...(wait === undefined ? {} : { nextAttemptAt: new Date(services.clock.now().getTime() + wait) }),
        },
      },
    );
    const failed = (await setStatus(services, sending, ['sending'], 'failed', { lastError: error }))!;
    await trail(services, failed, 'failed', who.by, services.clock.now(), failed.approvedVersion ?? 1, {
      key: `${d.key}#failed#${attempt}`,
      via: who.via,
      data: { error, retry: wait !== undefined },
    });
    return { kind: 'failed', draft: failed, error };
  }
  const at = services.clock.now();
  await Delivery.updateOne(
    { key: claimKey(d) },
    { $set: { status: 'sent', channel: proof.kind, sentAt: at } },
  );
  const done = await markSent(services, sending, ['sending'], proof, who.by, at, {
    kind: 'email',
    channel: 'email',
    via: who.via,
  });
  return { kind: 'sent', draft: done ?? sending };
}

/** Records a communication as sent, and the ladder step it performs on its invoices. */
async function markSent(
  services: DraftServices,
  d: StoredDraft,
  from: DraftStatus[],
  proof: { kind: 'smtp' | 'outbox' | 'registered' | 'post'; id?: string; to?: string },
  by: string,
  at: Date,
  how: { kind: 'email' | 'letter' | 'escalation'; channel: string; via: Via },
): Promise<StoredDraft | null> {
  const sentOn = services.today();
  const done = await setStatus(services, d, from, 'sent', { sentAt: at, sentOn, proof });
  if (!done) return null;
  const facts = d.inputs as DraftFacts;
  await trail(services, done, 'sent', by, at, d.approvedVersion ?? d.versions.length, {
    key: `${d.key}#sent`,
    kind: how.kind,
    channel: how.channel,
    via: how.via,
    data: { proof, step: d.step },
    detail: `${proof.kind}${proof.id ? ` ${proof.id}` : ''}`,
  });
  await recordStepPerformed(
    services.models,
    services.policy,
    done.invoices?.length ? done.invoices : facts.invoices.map((i) => i.number),
    d.step as StepKey,
    sentOn,
    // The deadline runs from the day it really went out (a formal notice: from its receipt).
    d.step === 'formal_notice'
      ? formalNoticeDeadline(sentOn, services.policy)
      : facts.deadlineBusinessDays
        ? addBusinessDays(sentOn, facts.deadlineBusinessDays, services.policy.country)
        : null,
  );
  await markDirty(services.models, [{ customer: d.customer, owner: d.owner }]);
  return done;
}

const REGISTERED_NUMBER = /^[A-Z0-9][A-Z0-9 -]{7,28}[A-Z0-9]$/i;

/**
 * A letter to post was posted: with its registered-mail number (or a hand-over's reference),
 * it is recorded as sent today, and the next step counts from today.
 */
export async function recordPosted(
  services: DraftServices,
  id: string,
  number: string | null,
  who: { by: string; via: Via; origin?: string },
): Promise<StoredDraft> {
  const d = await findDraft(services, id);
  if (!d) throw new ValidationError(`draft ${id} not found`);
  if (d.status === 'sent')
    throw new ValidationError(`this letter is already recorded as sent (${d.proof?.id ?? d.sentOn})`);
  if (d.status !== 'approved')
    throw new ValidationError(`this draft is ${d.status}: only an approved letter can be posted`);
  const registered = ['registered_letter', 'registered_letter_ar'].includes(
    services.policy.ladder.find((l) => l.key === d.step)?.channel ?? '',
  );
  const clean = number?.trim().replace(/\s+/g, ' ').toUpperCase() ?? null;
  if (registered && (!clean || !REGISTERED_NUMBER.test(clean)))
    throw new ValidationError(
      `a registered letter needs its registered-mail number (e.g. 1A 123 456 7890 1), found "${number ?? ''}"`,
    );
  const done = await markSent(
    services,
    d,
    ['approved'],
    { kind: registered ? 'registered' : 'post', ...(clean ? { id: clean } : {}) },
    who.by,
    services.clock.now(),
    {
      kind: d.step === 'handover' ? 'escalation' : 'letter',
      channel: registered ? 'registered_letter' : 'letter',
      via: who.via,
    },
  );
  if (!done) throw new ValidationError('this draft changed meanwhile: look at it again');
  await services.cards?.changed(done.key, { except: who.origin });
  return done;
}

/**
 * Emails whose last attempt failed and whose wait is over: sent once (each claimed by one
 * runner), or superseded if their facts changed meanwhile. The approver is told either way.
 */
export async function retryUnsent(
  services: DraftServices,
  tell: (d: StoredDraft, outcome: SendOutcome) => Promise<void>,
): Promise<{ retried: number; sent: number }> {
  const due = await services.models.Delivery.find({
    job: EMAIL_JOB,
    status: 'failed',
    nextAttemptAt: { $lte: services.clock.now() },
  }).lean();
  let sent = 0;
  for (const claim of due) {
    const key = claim.key.slice(EMAIL_JOB.length + 1);
    const outcome = await dispatch(services, key, { by: 'relance', via: 'system' });
    await services.cards?.changed(key);
    if (outcome.kind === 'sent') sent++;
    if (outcome.kind === 'sent' || outcome.kind === 'superseded') await tell(outcome.draft, outcome);
  }
  return { retried: due.length, sent };
}
