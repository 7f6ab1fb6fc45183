/**
 * The morning digest as data: a controller's portfolio (aged balance and its change since the
 * last digest, promises due and broken, disputes to review, drafts waiting, top calls, formal
 * notices coming), and a manager's team view with the team's measures.
 */
import type { Models } from '../index';
import { type AgedBalance, agedBalance } from '../rules/aging';
import { approvalAge } from '../rules/approval-age';
import { addBusinessDays } from '../rules/calendar';
import { addDays, compareDates, type LocalDate } from '../rules/dates';
import type { InvoiceFacts } from '../rules/invoice-facts';
import { ladderPosition } from '../rules/ladder';
import type { Totals } from '../rules/money';
import type { Policy } from '../rules/policy';
import { type CustomerPicture, rankCustomers, type Scored, scoreCustomer } from '../rules/scoring';
import {
  changesSince,
  type DigestChanges,
  type DigestSnapshot,
  type DisputeLine,
  type DraftLine,
  type PromiseLine,
  portfolioState,
} from './digest-changes';
import { type HandedOverCustomer, handedOverCustomers } from './handover';
import { loadPictures } from './worklist';

export type { PromiseLine } from './digest-changes';

export interface PersonalDigest {
  kind: 'personal';
  staff: string;
  on: LocalDate;
  balance: AgedBalance;
  previous: { on: LocalDate; overdue: Totals; total: Totals } | null;
  /** Overdue now minus overdue at the previous digest, per currency. */
  overdueChange: Totals;
  /** What changed since the previous digest (null for a first digest). */
  changes: DigestChanges | null;
  promisesDue: PromiseLine[];
  /** Broken and not yet followed up (no promise given nor contact made since); new ones are in `changes`. */
  promisesBroken: PromiseLine[];
  disputesToReview: DisputeLine[];
  /** Drafts waiting for the person's decision, oldest first. */
  drafts: DraftLine[];
  draftsWaiting: number;
  /** Customers owing more than their credit limit (in the limit's currency). */
  overLimit: Array<{ customer: string; name: string; outstanding: number; limit: number; currency: string }>;
  topCalls: Scored[];
  /** The day `topCalls` is for: today, or the next working day once the office day is over. */
  callsOn: LocalDate;
  formalNoticesComing: Array<{ customer: string; name: string; invoice: string; on: LocalDate }>;
  /** Customers with an agency or a commissaire de justice: apart, with what they still owe. */
  handedOver: HandedOverCustomer[];
  /** What this digest saw, recorded at delivery for the next one's changes. */
  snapshot: DigestSnapshot;
}

export interface TeamDigest {
  kind: 'team';
  staff: string;
  on: LocalDate;
  controllers: Array<{ handle: string; name: string; total: Totals; overdue: Totals; customers: number }>;
  largestRisks: Scored[];
  /** The manager's own calls: manager-call steps due on the team's customers (controller named). */
  managerCalls: Scored[];
  approvalsOverdue: number;
  /** Drafts waiting more than a business day for a decision, oldest first. */
  approvals: DraftLine[];
  measures: { dsoDays: Totals; overdueRatioPct: Totals; promisesKeptPct: number | null };
  /** The team's customers with an agency or a commissaire de justice. */
  handedOver: HandedOverCustomer[];
}

function factsOf(c: CustomerPicture): InvoiceFacts[] {
  return c.open.map((o) => ({
    number: o.number,
    currency: o.currency,
    amount: o.outstanding,
    issueDate: o.issueDate,
    dueDate: o.dueDate,
    paidTotal: 0,
    payments: [],
    credits: [],
    status: 'open',
    disputedAmount: o.outstanding - o.chaseable,
  }));
}

function diff(a: Totals, b: Totals): Totals {
  const out: Totals = {};
  for (const c of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (a[c] ?? 0) - (b[c] ?? 0);
    if (d !== 0) out[c] = d;
  }
  return out;
}

/** Customers whose outstanding (in their limit's currency) is above their credit limit. */
export function overLimit(pictures: CustomerPicture[]): PersonalDigest['overLimit'] {
  const out: PersonalDigest['overLimit'] = [];
  for (const c of pictures) {
    const limit = c.creditLimit;
    if (!limit || limit.amount <= 0) continue;
    const outstanding = c.open
      .filter((o) => o.currency === limit.currency)
      .reduce((n, o) => n + o.outstanding, 0);
    if (outstanding > limit.amount)
      out.push({
        customer: c.reference,
        name: c.name,
        outstanding,
        limit: limit.amount,
        currency: limit.currency,
      });
  }
  return out.sort((a, b) => b.outstanding / b.limit - a.outstanding / a.limit);
}

export interface PersonalDigestOptions {
  /** When it is asked for (business hours apply to today's calls); null for another day. */
  now: Date | null;
  /** The day the top calls are for (default `on`): the next working day after closing. */
  callsOn?: LocalDate;
}

export async function personalDigest(
  models: Models,
  policy: Policy,
  staff: string,
  on: LocalDate,
  opts: PersonalDigestOptions | Date | null,
): Promise<PersonalDigest> {
  const { now, callsOn = on } = opts === null || opts instanceof Date ? { now: opts } : opts;
  const pictures = await loadPictures(models, [staff], on);
  const balance = agedBalance(pictures.flatMap(factsOf), on, policy.country);
  const previousDoc = await models.DigestRecord.findOne({ staff, on: { $lt: on } })
    .sort({ on: -1 })
    .lean();
  const previous = previousDoc
    ? { on: previousDoc.on, overdue: previousDoc.overdue as Totals, total: previousDoc.total as Totals }
    : null;
  const previousSnapshot = (previousDoc?.snapshot as DigestSnapshot | undefined) ?? null;
  const state = await portfolioState(models, staff, pictures, on, previousSnapshot);
  const changes =
    previous && previousSnapshot
      ? await changesSince(models, { on: previous.on, snapshot: previousSnapshot }, state, pictures, on)
      : null;

  const promisesDue: PromiseLine[] = [];
  const formalNoticesComing: PersonalDigest['formalNoticesComing'] = [];
  const horizon = addBusinessDays(on, 5, policy.country);
  for (const c of pictures) {
    for (const p of c.promises) {
      if (p.status === 'pending' && p.dates.includes(on))
        promisesDue.push({
          customer: c.reference,
          name: c.name,
          amount: p.amount,
          currency: p.currency,
          date: on,
        });
    }
    // Off the ladder once handed over: no formal notice is coming.
    if (c.handedOverOn) continue;
    for (const [k, inv] of factsOf(c).entries()) {
      const o = c.open[k]!;
      const pos = ladderPosition(
        inv,
        {
          lastStep: (o.step as never) ?? undefined,
          lastStepOn: o.stepOn ?? undefined,
          customerReminders: c.reminders,
        },
        policy,
        on,
      );
      if (pos.next?.step.key === 'formal_notice' && compareDates(pos.next.on, horizon) <= 0) {
        formalNoticesComing.push({
          customer: c.reference,
          name: c.name,
          invoice: inv.number,
          on: pos.next.on,
        });
      }
    }
  }
  const scored = pictures
    .map((c) => scoreCustomer(c, callsOn, callsOn === on ? now : null, policy))
    .filter((s): s is Scored => s !== null);
  return {
    kind: 'personal',
    staff,
    on,
    balance,
    previous,
    overdueChange: previous ? diff(balance.overdue, previous.overdue) : {},
    changes,
    promisesDue,
    promisesBroken: state.brokenStanding.map(({ judgedOn: _, ...p }) => p),
    disputesToReview: state.openDisputes
      .filter((d) => compareDates(d.reviewOn, on) <= 0)
      .map(({ id: _, ...d }) => d),
    drafts: state.drafts.map((d) => ({ ...d, ...approvalAge(d.since, on, policy) })),
    draftsWaiting: state.drafts.length,
    overLimit: overLimit(pictures),
    topCalls: rankCustomers(scored).slice(0, 3),
    callsOn,
    formalNoticesComing: formalNoticesComing.sort((a, b) => compareDates(a.on, b.on)),
    handedOver: await handedOverCustomers(models, policy.timeZone, staff),
    snapshot: state.snapshot,
  };
}

export async function teamDigest(
  models: Models,
  policy: Policy,
  staff: string,
  on: LocalDate,
): Promise<TeamDigest> {
  const pictures = await loadPictures(models, null, on);
  const controllers = await models.Staff.find(
    { role: 'credit_controller', active: { $ne: false } },
    { handle: 1, name: 1 },
  )
    .sort({ handle: 1 })
    .lean();
  const byOwner = new Map<string, CustomerPicture[]>();
  for (const c of pictures) byOwner.set(c.owner, [...(byOwner.get(c.owner) ?? []), c]);
  const team = agedBalance(pictures.flatMap(factsOf), on, policy.country);

  const since90 = new Date(`${addDays(on, -90)}T00:00:00Z`);
  const [sales, judged, approvalsOverdue, handedOver] = await Promise.all([
    models.Invoice.aggregate<{ _id: string; total: number }>([
      { $match: { issueDate: { $gte: since90 } } },
      { $group: { _id: '$currency', total: { $sum: '$amount' } } },
    ]),
    models.PaymentPromise.aggregate<{ _id: string; n: number }>([
      { $match: { judgedAt: { $gte: since90 }, status: { $in: ['kept', 'broken', 'partially_kept'] } } },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]),
    // Approvals overdue: waiting longer than the policy allows (the drafts queue's rule).
    models.Draft.find(
      { status: 'awaiting_approval' },
      { key: 1, customer: 1, step: 1, status: 1, draftedAt: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean()
      .then((docs) =>
        docs
          .map((x) => {
            const since = x.draftedAt ?? (x as { createdAt?: Date }).createdAt ?? new Date(0);
            return { ...x, since, ...approvalAge(since, on, policy) };
          })
          .filter((x) => x.overdue),
      ),
    handedOverCustomers(models, policy.timeZone),
  ]);
  const names = new Map(pictures.map((c) => [c.reference, c.name]));
  const teamScores = pictures
    .map((c) => scoreCustomer(c, on, null, policy, undefined, 'team'))
    .filter((s): s is Scored => s !== null);
  const dsoDays: Totals = {};
  for (const s of sales)
    if (s.total > 0) dsoDays[s._id] = Math.round(((team.total[s._id] ?? 0) / s.total) * 90);
  const overdueRatioPct: Totals = {};
  for (const [c, t] of Object.entries(team.total))
    if (t > 0) overdueRatioPct[c] = Math.round(((team.overdue[c] ?? 0) / t) * 100);
  const count = (status: string) => judged.find((j) => j._id === status)?.n ?? 0;
  const judgedTotal = count('kept') + count('broken') + count('partially_kept');

  return {
    kind: 'team',
    staff,
    on,
    controllers: controllers.map((s) => {
      const mine = byOwner.get(s.handle) ?? [];
      const b = agedBalance(mine.flatMap(factsOf), on, policy.country);
      return { handle: s.handle, name: s.name, total: b.total, overdue: b.overdue, customers: mine.length };
    }),
    // Largest risks: the most overdue money (in its own currency), whatever the call priority.
    largestRisks: teamScores
      .filter((s) => Object.keys(s.overdue).length > 0)
      .sort((a, b) => Math.max(...Object.values(b.overdue)) - Math.max(...Object.values(a.overdue)))
      .slice(0, 5),
    managerCalls: rankCustomers(teamScores.filter((s) => s.reason.facts.controller !== undefined)),
    approvalsOverdue: approvalsOverdue.length,
    approvals: approvalsOverdue.map((x) => ({
      key: x.key,
      customer: x.customer,
      name: names.get(x.customer) ?? x.customer,
      step: x.step,
      status: x.status,
      since: x.since,
      ageBusinessDays: x.ageBusinessDays,
      overdue: x.overdue,
    })),
    measures: {
      dsoDays,
      overdueRatioPct,
      promisesKeptPct: judgedTotal > 0 ? Math.round((count('kept') / judgedTotal) * 100) : null,
    },
    handedOver,
  };
}

/**
 * Remembers what a delivered digest said, for the next one's "since your last digest": one
 * record per person and day (delivering again the same day — the on-demand digest after the
 * morning one — records what the person saw last).
 */
export async function recordDigest(models: Models, d: PersonalDigest, at: Date): Promise<void> {
  await models.DigestRecord.updateOne(
    { staff: d.staff, on: d.on },
    { $set: { total: d.balance.total, overdue: d.balance.overdue, snapshot: d.snapshot, sentAt: at } },
    { upsert: true },
  );
}
