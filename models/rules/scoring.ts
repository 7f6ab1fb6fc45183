/**
 * Who to call today, as a senior credit controller weighs it (../shared/domain.md):
 *
 * 1. Bands first — a broken promise (4000), a promise falling due (3000), a call-back asked
 *    for (2000), a ladder step due today whose channel is a call (1000), otherwise money at
 *    risk (0). A band always outranks the next: the within-band score stays below 1000.
 * 2. Within a band money at risk dominates — a larger and older debt comes first — and the
 *    rest only tells apart debts of about the same size. The score adds:
 *    - money at risk: log10(1 + Σ chaseable × (1 + days late / 30)) in major units, per currency,
 *      the largest currency counting (amounts are never added across currencies) × `amount`
 *      (100: twice the money at risk is worth 30 points);
 *    - credit-limit usage (outstanding ÷ limit, capped at 2) × `creditUsage`;
 *    - past lateness: broken promises in the last 30 days × `brokenPromises`;
 *    - `strategic` for accounts flagged by sales.
 * 3. Skipped: nothing chaseable (paid, or disputed), a snooze not yet over, a contact in the
 *    last `recentContactDays` business days (unless a promise fell due or broke), and a
 *    customer whose business day is already over in its own time zone.
 * 4. A manager-call step is the manager's: it is on the team's list (the manager's), with the
 *    controller named, and leaves the customer off the controller's own list that day.
 * Every entry carries one reason, as a code plus the facts to say it in either language.
 */
import { DateTime } from 'luxon';
import { addBusinessDays, isBusinessDay } from './calendar';
import { compareDates, daysBetween, type LocalDate } from './dates';
import type { InvoiceFacts } from './invoice-facts';
import { ladderPosition } from './ladder';
import { type Totals, totalsOf } from './money';
import { isCallChannel, type Policy } from './policy';

export interface ScoringWeights {
  amount: number;
  creditUsage: number;
  brokenPromises: number;
  strategic: number;
  /** Business days after a contact during which a customer is left alone. */
  recentContactDays: number;
}

export const DEFAULT_WEIGHTS: ScoringWeights = {
  amount: 100,
  creditUsage: 15,
  brokenPromises: 8,
  strategic: 12,
  recentContactDays: 3,
};

export type ReasonCode = 'promise_broken' | 'promise_due' | 'callback_due' | 'ladder_call' | 'money_at_risk';

export const TIER: Record<ReasonCode, number> = {
  promise_broken: 4000,
  promise_due: 3000,
  callback_due: 2000,
  ladder_call: 1000,
  money_at_risk: 0,
};

/** The within-band score never reaches the next band. */
const BAND_WIDTH = 999.99;

/**
 * Whose list is being made: the customer's owner (a controller's own calls) or the team's (the
 * manager's list, where manager-call steps are).
 */
export type Audience = 'owner' | 'team';

/** What scoring reads about a customer (the per-customer summary, as plain data). */
export interface CustomerPicture {
  reference: string;
  name: string;
  owner: string;
  strategic: boolean;
  timeZone: string;
  businessHours?: { start: string; end: string };
  creditLimit?: { amount: number; currency: string } | null;
  contact?: { name?: string; phone?: string } | null;
  open: Array<{
    number: string;
    currency: string;
    outstanding: number;
    chaseable: number;
    dueDate: LocalDate;
    issueDate: LocalDate;
    step?: string | null;
    stepOn?: LocalDate | null;
  }>;
  promises: Array<{
    status: string;
    dates: LocalDate[];
    amount: number;
    currency: string;
    judgedOn?: LocalDate | null;
  }>;
  lastContact?: { on: LocalDate; kind: string; outcome?: string } | null;
  reminders: LocalDate[];
  callbackOn?: LocalDate | null;
  snoozedUntil?: LocalDate | null;
  /** With a collection agency or commissaire de justice since (the hand-over): on no call list. */
  handedOverOn?: LocalDate | null;
}

export interface Reason {
  code: ReasonCode;
  /** Facts for the sentence: a date, an amount, a step, days late. */
  facts: {
    date?: LocalDate;
    amount?: number;
    currency?: string;
    step?: string;
    invoice?: string;
    daysLate?: number;
    /** A manager's step: the controller whose customer it is (staff handle). */
    controller?: string;
  };
}

export interface Scored {
  customer: CustomerPicture;
  score: number;
  reason: Reason;
  overdue: Totals;
  maxDaysLate: number;
}

function moneyAtRisk(
  c: CustomerPicture,
  asOf: LocalDate,
): { score: number; overdue: Totals; maxDaysLate: number; top: { currency: string; amount: number } | null } {
  const perCurrency: Record<string, number> = {};
  const overdueItems: Array<{ amount: number; currency: string }> = [];
  let maxDaysLate = 0;
  for (const inv of c.open) {
    const late = daysBetween(inv.dueDate, asOf);
    if (late <= 0 || inv.chaseable <= 0) continue;
    maxDaysLate = Math.max(maxDaysLate, late);
    overdueItems.push({ amount: inv.chaseable, currency: inv.currency });
    perCurrency[inv.currency] = (perCurrency[inv.currency] ?? 0) + (inv.chaseable / 100) * (1 + late / 30);
  }
  const best = Object.entries(perCurrency).sort((a, b) => b[1] - a[1])[0];
  const overdue = totalsOf(overdueItems);
  return {
    score: best ? Math.log10(1 + best[1]) : 0,
    overdue,
    maxDaysLate,
    top: best ? { currency: best[0], amount: overdue[best[0]]! } : null,
  };
}

/**
 * True when the customer's business day is over (or it is not a working day there): the only
 * use scoring makes of `now`, so a ranking can score once and count these apart.
 */
export function dayIsOver(c: CustomerPicture, now: Date, policy: Policy): boolean {
  const local = wallClock(now, c.timeZone || policy.timeZone);
  if (!isBusinessDay(local.date, policy.country)) return true;
  return local.time >= (c.businessHours?.end ?? '18:00');
}

// A ranking asks the same (instant, zone) for thousands of customers: convert each pair once.
const wallClocks = new Map<string, { date: LocalDate; time: string }>();

function wallClock(now: Date, zone: string): { date: LocalDate; time: string } {
  const key = `${now.getTime()}|${zone}`;
  let found = wallClocks.get(key);
  if (!found) {
    const local = DateTime.fromJSDate(now, { zone });
    found = { date: local.toISODate()!, time: local.toFormat('HH:mm') };
    if (wallClocks.size > 1000) wallClocks.clear();
    wallClocks.set(key, found);
  }
  return found;
}

/**
 * The customer's entry for `asOf` (the day the list is for), or null when it should not be
 * on the list. `now` is when the list is asked for: business hours only apply to today.
 */
export function scoreCustomer(
  c: CustomerPicture,
  asOf: LocalDate,
  now: Date | null,
  policy: Policy,
  weights: ScoringWeights = DEFAULT_WEIGHTS,
  audience: Audience = 'owner',
): Scored | null {
  const risk = moneyAtRisk(c, asOf);
  const chaseableTotal = c.open.reduce((n, i) => n + i.chaseable, 0);
  if (c.snoozedUntil && compareDates(c.snoozedUntil, asOf) > 0) return null;
  // Handed over: the agency or the commissaire de justice calls now, not the team.
  if (c.handedOverOn) return null;

  const broken = c.promises.filter(
    (p) => (p.status === 'broken' || p.status === 'partially_kept') && p.judgedOn,
  );
  const recentlyBroken = broken.find(
    (p) => !c.lastContact || compareDates(c.lastContact.on, p.judgedOn!) < 0,
  );
  const dueNow = c.promises
    .filter((p) => p.status === 'pending')
    .flatMap((p) =>
      p.dates.filter((d) => compareDates(d, asOf) <= 0 && daysBetween(d, asOf) <= 3).map((d) => ({ p, d })),
    )[0];

  let reason: Reason | null = null;
  if (recentlyBroken) {
    reason = {
      code: 'promise_broken',
      facts: {
        date: recentlyBroken.dates.at(-1),
        amount: recentlyBroken.amount,
        currency: recentlyBroken.currency,
      },
    };
  } else if (dueNow) {
    reason = {
      code: 'promise_due',
      facts: { date: dueNow.d, amount: dueNow.p.amount, currency: dueNow.p.currency },
    };
  } else if (c.callbackOn && compareDates(c.callbackOn, asOf) <= 0) {
    reason = { code: 'callback_due', facts: { date: c.callbackOn } };
  }
  const promiseEvent = reason !== null && reason.code !== 'callback_due';

  // A manager-call step due: the manager's call, not the controller's.
  let managerStep = false;
  if (!reason) {
    if (chaseableTotal <= 0) return null;
    // A call step of the ladder due by today on one of the invoices.
    for (const inv of c.open) {
      const facts: InvoiceFacts = {
        number: inv.number,
        currency: inv.currency,
        amount: inv.outstanding,
        issueDate: inv.issueDate,
        dueDate: inv.dueDate,
        paidTotal: 0,
        payments: [],
        credits: [],
        status: 'open',
        disputedAmount: inv.outstanding - inv.chaseable,
      };
      const pendingPromise = c.promises.find((p) => p.status === 'pending');
      const pos = ladderPosition(
        facts,
        {
          lastStep: (inv.step as never) ?? undefined,
          lastStepOn: inv.stepOn ?? undefined,
          promisedUntil: pendingPromise?.dates.at(-1),
          customerReminders: c.reminders,
        },
        policy,
        asOf,
      );
      if (pos.status === 'due' && pos.next && isCallChannel(pos.next.step.channel)) {
        const forManager = pos.next.step.channel === 'manager_phone';
        if (forManager && audience === 'owner') {
          managerStep = true;
          continue;
        }
        reason = {
          code: 'ladder_call',
          facts: {
            step: pos.next.step.key,
            invoice: inv.number,
            date: pos.next.on,
            ...(forManager ? { controller: c.owner } : {}),
          },
        };
        break;
      }
    }
  }
  if (!reason && managerStep) return null;
  if (!reason) {
    if (!risk.top) return null;
    reason = {
      code: 'money_at_risk',
      facts: { amount: risk.top.amount, currency: risk.top.currency, daysLate: risk.maxDaysLate },
    };
  }

  // Leave alone a customer contacted in the last few business days, unless a promise event.
  if (
    !promiseEvent &&
    c.lastContact &&
    // (fewer than N business days since: the Nth business day after it is still to come)
    addBusinessDays(c.lastContact.on, weights.recentContactDays, policy.country) > asOf
  ) {
    if (reason.code !== 'callback_due') return null;
  }
  if (now && dayIsOver(c, now, policy)) return null;

  let usage = 0;
  if (c.creditLimit && c.creditLimit.amount > 0) {
    const owed = c.open
      .filter((i) => i.currency === c.creditLimit!.currency)
      .reduce((n, i) => n + i.outstanding, 0);
    usage = Math.min(2, owed / c.creditLimit.amount);
  }
  const withinBand =
    weights.amount * risk.score +
    weights.creditUsage * usage +
    weights.brokenPromises * broken.length +
    (c.strategic ? weights.strategic : 0);
  const score = TIER[reason.code] + Math.min(BAND_WIDTH, withinBand);
  return {
    customer: c,
    score: Math.round(score * 100) / 100,
    reason,
    overdue: risk.overdue,
    maxDaysLate: risk.maxDaysLate,
  };
}

/**
 * Ranks customers: band first, then the score; at an equal score the older debt, then the
 * reference, so the order is stable.
 */
export function rankCustomers(scored: Scored[]): Scored[] {
  return [...scored].sort(compareRank);
}

/** The ranking order: negative when `a` comes before `b`. */
export function compareRank(a: Scored, b: Scored): number {
  return (
    TIER[b.reason.code] - TIER[a.reason.code] ||
    b.score - a.score ||
    b.maxDaysLate - a.maxDaysLate ||
    a.customer.reference.localeCompare(b.customer.reference)
  );
}

/**
 * The first `k` of a ranking being built one entry at a time, without sorting everything: a
 * team's list is its first ten of 100k scored customers. Same order as rankCustomers.
 */
export class TopRanked {
  private readonly best: Scored[] = [];

  constructor(private readonly k: number) {}

  add(s: Scored): void {
    const { best, k } = this;
    if (best.length >= k && compareRank(s, best[best.length - 1]!) >= 0) return;
    // Binary search for the first entry that ranks after s (equal entries keep their order).
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareRank(s, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, s);
    if (best.length > k) best.pop();
  }

  get ranked(): Scored[] {
    return [...this.best];
  }
}
