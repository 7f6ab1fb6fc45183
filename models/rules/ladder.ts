/**
 * Where an invoice stands on the escalation ladder and what comes next, when.
 * The current step is the last step really performed (a letter sent or posted, a call
 * logged); the next one is due at the later of its ladder offset and the previous step's own
 * deadline plus grace (so a hand-over never comes before a formal notice's deadline has run).
 * A dispute pauses the ladder for that invoice only; a pending promise pauses it until the
 * promised date plus grace; the reminder cap pushes a reminder back rather than repeating.
 */
import { addBusinessDays, onOrNextBusinessDay } from './calendar';
import { addDays, compareDates, type LocalDate, maxDate } from './dates';
import { chaseable, type InvoiceFacts } from './invoice-facts';
import { isCallChannel, type LadderStep, type Policy, type StepKey } from './policy';

export interface LadderHistory {
  /** The last step performed on this invoice, and when. */
  lastStep?: StepKey;
  lastStepOn?: LocalDate;
  /** The deadline that step gave the customer (a formal notice's 8 business days), if any. */
  lastStepDeadline?: LocalDate;
  /** Latest promised date covering this invoice, while the promise is pending. */
  promisedUntil?: LocalDate;
  /** Dates of reminders (letters, emails) already sent to this customer, any invoice. */
  customerReminders: LocalDate[];
}

export type LadderStatus =
  | 'settled' // nothing left to chase
  | 'paused_dispute'
  | 'waiting_promise' // next step after the promise date + grace
  | 'capped' // next reminder held back by the reminder cap
  | 'scheduled' // next step in the future
  | 'due' // next step due today or earlier
  | 'complete'; // every step done (handed over)

export interface LadderPosition {
  status: LadderStatus;
  current: StepKey | null;
  next: { step: LadderStep; on: LocalDate } | null;
}

function stepBaseDate(step: LadderStep, inv: InvoiceFacts): LocalDate {
  return addDays(step.from === 'issue' ? inv.issueDate : inv.dueDate, step.offsetDays);
}

function isLarge(inv: InvoiceFacts, policy: Policy): boolean {
  const threshold = policy.largeInvoiceThreshold[inv.currency];
  return threshold !== undefined && inv.amount >= threshold;
}

/** The steps that apply to this invoice after `after`, in order. */
function remainingSteps(
  inv: InvoiceFacts,
  policy: Policy,
  after: StepKey | undefined,
  asOf: LocalDate,
  written = false,
): LadderStep[] {
  const start = after ? policy.ladder.findIndex((s) => s.key === after) + 1 : 0;
  return policy.ladder.slice(start).filter((s) => {
    if (s.onlyLarge && !isLarge(inv, policy)) return false;
    // Written steps only: a call not made does not hold the letters back (it stays in the worklist).
    if (written && isCallChannel(s.channel)) return false;
    // Before-the-due-date care is pointless once the invoice is due: skip it.
    const preDue = s.from === 'issue' || s.offsetDays <= 0;
    return !(preDue && compareDates(asOf, inv.dueDate) > 0);
  });
}

/**
 * `written`: the next letter, email or hand-over, skipping call steps (what the escalation
 * sweep drafts); otherwise the next step of any channel (what the worklist calls for).
 */
export function ladderPosition(
  inv: InvoiceFacts,
  history: LadderHistory,
  policy: Policy,
  asOf: LocalDate,
  opts: { written?: boolean } = {},
): LadderPosition {
  const current = history.lastStep ?? null;
  if (chaseable(inv) <= 0)
    return { status: inv.disputedAmount > 0 ? 'paused_dispute' : 'settled', current, next: null };
  const step = remainingSteps(inv, policy, history.lastStep, asOf, opts.written)[0];
  if (!step) return { status: 'complete', current, next: null };

  let on = onOrNextBusinessDay(stepBaseDate(step, inv), policy.country);
  if (history.lastStepOn) {
    on = maxDate(on, addBusinessDays(history.lastStepOn, policy.minBusinessDaysBetweenSteps, policy.country));
  }
  if (history.lastStepDeadline) {
    // The previous step's deadline must have run (plus grace) before the next one.
    on = maxDate(on, addBusinessDays(history.lastStepDeadline, policy.deadlineGraceDays, policy.country));
  }
  let status: LadderStatus = 'scheduled';
  if (history.promisedUntil) {
    const afterGrace = addBusinessDays(history.promisedUntil, policy.promiseGraceDays + 1, policy.country);
    if (compareDates(afterGrace, on) > 0) {
      on = afterGrace;
      status = 'waiting_promise';
    }
  }
  if (step.countsAsReminder) {
    // A reminder overdue since its date would go out today: the cap is judged from today.
    const from = compareDates(on, asOf) < 0 ? asOf : on;
    const capped = applyReminderCap(from, history.customerReminders, policy);
    if (compareDates(capped, from) > 0) {
      on = capped;
      status = 'capped';
    }
  }
  if (compareDates(on, asOf) <= 0) status = 'due';
  return { status, current, next: { step, on } };
}

/** The first day on or after `on` when sending one more reminder stays within the cap. */
export function applyReminderCap(on: LocalDate, reminders: LocalDate[], policy: Policy): LocalDate {
  const { max, withinDays } = policy.reminderCap;
  const sorted = [...reminders].sort(compareDates);
  let day = on;
  for (;;) {
    const windowStart = addDays(day, -(withinDays - 1));
    const inWindow = sorted.filter((d) => compareDates(d, windowStart) >= 0 && compareDates(d, day) <= 0);
    if (inWindow.length < max) return onOrNextBusinessDay(day, policy.country);
    // Wait until the oldest reminder in the window leaves it.
    day = addDays(inWindow[0]!, withinDays);
  }
}

/** The step a broken promise escalates to: one past the last performed (or the first post-due step). */
export function escalateOneStep(
  inv: InvoiceFacts,
  history: LadderHistory,
  policy: Policy,
  asOf: LocalDate,
): StepKey | null {
  return remainingSteps(inv, policy, history.lastStep, asOf)[0]?.key ?? null;
}
