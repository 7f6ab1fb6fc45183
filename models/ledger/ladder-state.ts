/**
 * The ladder as it really happened, per invoice of one customer: the last step performed (a
 * letter or email sent, a registered letter posted, a call logged: `Invoice.ladder`), the
 * deadline it gave, the pending promise covering it, the reminders already sent to the
 * customer and those already on their way (drafts waiting or approved count toward the cap, so
 * the cap applies when drafting), and the drafts that already hold a step. Read from the
 * ledger; the decisions are the pure rules of `models/rules/ladder.ts`.
 */
import type { Models } from '../index';
import { addBusinessDays } from '../rules/calendar';
import {
  addDays,
  compareDates,
  fromStored,
  type LocalDate,
  localDate,
  maxDate,
  toStored,
} from '../rules/dates';
import { chaseable, type InvoiceFacts } from '../rules/invoice-facts';
import { type LadderHistory, type LadderPosition, ladderPosition } from '../rules/ladder';
import { isCallChannel, type Policy, STEP_KEYS, type StepKey } from '../rules/policy';
import { LIVE_DRAFT_STATUSES } from '../schemas/draft';
import { invoiceFacts } from './invoice-state';

export interface InvoiceOnLadder {
  number: string;
  facts: InvoiceFacts;
  history: LadderHistory;
  /** Any channel: what the worklist and chat drafting look at. */
  position: LadderPosition;
  /** Written steps only (letters, emails, hand-over): what the sweep drafts. */
  written: LadderPosition;
  /** The latest promised date covering it, while a promise is pending. */
  promisedUntil?: LocalDate;
  /** Steps that already have a draft waiting, approved, on its way or sent for this invoice. */
  held: StepKey[];
}

export interface CustomerLadder {
  invoices: InvoiceOnLadder[];
  /** Reminders sent (letters, emails) and on their way, dated, for the cap. */
  reminders: LocalDate[];
}

/**
 * A step recorded without its deadline (history loaded from elsewhere, the demo) is taken to
 * have given the usual one, as the letters state it (dialogs/drafting/facts.ts).
 */
const USUAL_DEADLINE_BUSINESS_DAYS: Partial<Record<StepKey, number>> = {
  reminder_letter: 8,
  second_reminder: 8,
};
function assumedDeadline(step: string | null | undefined, on: Date | null | undefined, policy: Policy) {
  if (!step || !on) return undefined;
  // A formal notice: its presumed receipt (2 business days) plus the policy's days.
  if (step === 'formal_notice')
    return addDays(addBusinessDays(fromStored(on), 2, policy.country), policy.formalNoticeDays);
  const days = USUAL_DEADLINE_BUSINESS_DAYS[step as StepKey];
  return days ? addBusinessDays(fromStored(on), days, policy.country) : undefined;
}

/** Kinds of activity that are reminders sent to the customer. */
export const REMINDER_ACTIVITY_KINDS = ['letter', 'email'] as const;

export async function customerLadder(
  models: Models,
  policy: Policy,
  customer: string,
  asOf: LocalDate,
): Promise<CustomerLadder> {
  const since = toStored(addDays(asOf, -policy.reminderCap.withinDays * 2));
  const reminderSteps = policy.ladder.filter((s) => s.countsAsReminder).map((s) => s.key);
  const [docs, promises, sent, drafts] = await Promise.all([
    models.Invoice.find({ customer, status: { $in: ['open', 'partially_paid'] } }).lean(),
    models.PaymentPromise.find({ customer, status: 'pending' }, { invoices: 1, instalments: 1 }).lean(),
    models.Activity.find(
      { customer, kind: { $in: [...REMINDER_ACTIVITY_KINDS] }, at: { $gte: since } },
      { at: 1 },
    ).lean(),
    models.Draft.find(
      { customer, status: { $in: [...LIVE_DRAFT_STATUSES] } },
      { step: 1, status: 1, invoices: 1, draftedAt: 1, createdAt: 1, inputs: 1 },
    ).lean(),
  ]);
  // Reminders on their way count from the day they were drafted (they will go out soon).
  const onTheirWay = drafts
    .filter((d) => d.status !== 'sent' && reminderSteps.includes(d.step as StepKey))
    .map((d) => maxDate(localDate(d.draftedAt ?? d.createdAt ?? toStored(asOf), policy.timeZone), asOf));
  const reminders = [...sent.map((a) => fromStored(a.at)), ...onTheirWay].sort(compareDates);

  const invoices = docs
    .map((doc) => {
      const facts = invoiceFacts(doc);
      const covering = promises.filter((p) => !p.invoices?.length || p.invoices.includes(doc.number));
      const promisedUntil = covering
        .flatMap((p) => p.instalments.map((i) => fromStored(i.date)))
        .sort(compareDates)
        .at(-1);
      const history: LadderHistory = {
        lastStep: (doc.ladder?.step as StepKey | undefined) ?? undefined,
        lastStepOn: doc.ladder?.on ? fromStored(doc.ladder.on) : undefined,
        lastStepDeadline: doc.ladder?.deadline
          ? fromStored(doc.ladder.deadline)
          : assumedDeadline(doc.ladder?.step, doc.ladder?.on, policy),
        promisedUntil,
        customerReminders: reminders,
      };
      const held = drafts.filter((d) => draftInvoices(d).includes(doc.number)).map((d) => d.step as StepKey);
      return {
        number: doc.number,
        facts,
        history,
        position: ladderPosition(facts, history, policy, asOf),
        written: ladderPosition(facts, history, policy, asOf, { written: true }),
        promisedUntil,
        held,
      };
    })
    .filter((i) => chaseable(i.facts) > 0)
    .sort((a, b) => compareDates(a.facts.dueDate, b.facts.dueDate));
  return { invoices, reminders };
}

/** The invoices a draft presses (older drafts only have them in their facts). */
export function draftInvoices(d: { invoices?: string[] | null; inputs?: unknown }): string[] {
  if (d.invoices?.length) return d.invoices;
  const facts = d.inputs as { invoices?: Array<{ number: string }> } | undefined;
  return facts?.invoices?.map((i) => i.number) ?? [];
}

/** True while a pending promise covers the invoice (until its date plus grace). */
export function underPromise(inv: InvoiceOnLadder, policy: Policy, asOf: LocalDate): boolean {
  if (!inv.promisedUntil) return false;
  const afterGrace = addBusinessDays(inv.promisedUntil, policy.promiseGraceDays + 1, policy.country);
  return compareDates(asOf, afterGrace) < 0;
}

const order = (k: StepKey) => STEP_KEYS.indexOf(k);

/**
 * What the escalation sweep drafts for this customer today: the furthest written step due on
 * any invoice that has no draft for it yet, with exactly the invoices for which that step is
 * due (an invoice never gets the same step twice). Calls are the worklist's; null when nothing.
 */
export function writtenStepDue(
  ladder: CustomerLadder,
  policy: Policy,
): { step: StepKey; invoices: string[] } | null {
  const due = ladder.invoices.filter(
    (i) => i.written.status === 'due' && i.written.next && !i.held.includes(i.written.next.step.key),
  );
  if (due.length === 0) return null;
  const step = due.map((i) => i.written.next!.step.key).reduce((a, b) => (order(b) > order(a) ? b : a));
  if (isCallChannel(policy.ladder.find((l) => l.key === step)!.channel)) return null;
  return { step, invoices: due.filter((i) => i.written.next!.step.key === step).map((i) => i.number) };
}

/** The furthest step due today on any invoice, and the soonest one to come (any channel). */
export function stepsAhead(ladder: CustomerLadder): { due: StepKey | null; soonest: StepKey | null } {
  let due: StepKey | null = null;
  let soonest: { step: StepKey; on: LocalDate } | null = null;
  for (const { position: pos } of ladder.invoices) {
    if (!pos.next) continue;
    if (pos.status === 'due') {
      if (!due || order(pos.next.step.key) > order(due)) due = pos.next.step.key;
    } else if (!soonest || pos.next.on < soonest.on) soonest = { step: pos.next.step.key, on: pos.next.on };
  }
  return { due, soonest: soonest?.step ?? null };
}

/**
 * Records a step as performed on these invoices, on `on`, with the deadline it gave: only
 * forward (a later or further step is never overwritten by an earlier one).
 */
export async function recordStepPerformed(
  models: Models,
  policy: Policy,
  invoices: string[],
  step: StepKey,
  on: LocalDate,
  deadline: LocalDate | null,
): Promise<number> {
  const further = STEP_KEYS.slice(order(step));
  const res = await models.Invoice.updateMany(
    {
      number: { $in: invoices },
      $or: [
        { 'ladder.step': { $exists: false } },
        { 'ladder.step': null },
        { 'ladder.step': { $nin: further } },
      ],
    },
    {
      $set: {
        ladder: { step, on: toStored(on), ...(deadline ? { deadline: toStored(deadline) } : {}) },
      },
    },
  );
  return res.modifiedCount;
}

/** A call logged: the call step due (or next) on each invoice counts as performed that day. */
export async function recordCallPerformed(
  models: Models,
  policy: Policy,
  customer: string,
  on: LocalDate,
): Promise<number> {
  const ladder = await customerLadder(models, policy, customer, on);
  let n = 0;
  for (const inv of ladder.invoices) {
    const next = inv.position.next;
    if (next && inv.position.status === 'due' && isCallChannel(next.step.channel))
      n += await recordStepPerformed(models, policy, [inv.number], next.step.key, on, null);
  }
  return n;
}
