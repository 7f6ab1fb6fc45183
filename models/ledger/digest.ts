/**
 * The morning digest as data: a controller's portfolio (aged balance and its change since the
 * last digest, promises due and broken, disputes to review, drafts waiting, top calls, formal
 * notices coming), and a manager's team view with the team's measures.
 */
import type { Models } from '../index';
import { type AgedBalance, agedBalance } from '../rules/aging';
import { addBusinessDays } from '../rules/calendar';
import { addDays, compareDates, fromStored, type LocalDate } from '../rules/dates';
import type { InvoiceFacts } from '../rules/invoice-facts';
import { ladderPosition } from '../rules/ladder';
import type { Totals } from '../rules/money';
import type { Policy } from '../rules/policy';
import { type CustomerPicture, rankCustomers, type Scored, scoreCustomer } from '../rules/scoring';
import { loadPictures } from './worklist';

export interface PromiseLine {
  customer: string;
  name: string;
  amount: number;
  currency: string;
  date: LocalDate;
}

export interface PersonalDigest {
  kind: 'personal';
  staff: string;
  on: LocalDate;
  balance: AgedBalance;
  previous: { on: LocalDate; overdue: Totals; total: Totals } | null;
  /** Overdue now minus overdue at the previous digest, per currency. */
  overdueChange: Totals;
  promisesDue: PromiseLine[];
  promisesBroken: PromiseLine[];
  disputesToReview: Array<{
    customer: string;
    invoices: string[];
    reason: string;
    detail: string;
    reviewOn: LocalDate;
  }>;
  draftsWaiting: number;
  topCalls: Scored[];
  formalNoticesComing: Array<{ customer: string; name: string; invoice: string; on: LocalDate }>;
}

export interface TeamDigest {
  kind: 'team';
  staff: string;
  on: LocalDate;
  controllers: Array<{ handle: string; name: string; total: Totals; overdue: Totals; customers: number }>;
  largestRisks: Scored[];
  approvalsOverdue: number;
  measures: { dsoDays: Totals; overdueRatioPct: Totals; promisesKeptPct: number | null };
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

function draftsCollection(models: Models) {
  // Drafts are written by the drafting module; counted here by their stored status.
  return models.Customer.db.collection('drafts');
}

export async function personalDigest(
  models: Models,
  policy: Policy,
  staff: string,
  on: LocalDate,
  now: Date | null,
): Promise<PersonalDigest> {
  const pictures = await loadPictures(models, [staff], on);
  const balance = agedBalance(pictures.flatMap(factsOf), on, policy.country);
  const previousDoc = await models.DigestRecord.findOne({ staff, on: { $lt: on } })
    .sort({ on: -1 })
    .lean();
  const previous = previousDoc
    ? { on: previousDoc.on, overdue: previousDoc.overdue as Totals, total: previousDoc.total as Totals }
    : null;
  const brokenSince = previous?.on ?? addDays(on, -7);

  const promisesDue: PromiseLine[] = [];
  const promisesBroken: PromiseLine[] = [];
  const formalNoticesComing: PersonalDigest['formalNoticesComing'] = [];
  const horizon = addBusinessDays(on, 5, policy.country);
  for (const c of pictures) {
    for (const p of c.promises) {
      const line = {
        customer: c.reference,
        name: c.name,
        amount: p.amount,
        currency: p.currency,
        date: p.dates.at(-1)!,
      };
      if (p.status === 'pending' && p.dates.includes(on)) promisesDue.push({ ...line, date: on });
      if (
        (p.status === 'broken' || p.status === 'partially_kept') &&
        p.judgedOn &&
        compareDates(p.judgedOn, brokenSince) > 0
      )
        promisesBroken.push(line);
    }
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
  const disputes = await models.Dispute.find({
    owner: staff,
    status: 'open',
    reviewOn: { $lte: new Date(`${on}T00:00:00Z`) },
  }).lean();
  const draftsWaiting = await draftsCollection(models).countDocuments({
    owner: staff,
    status: 'awaiting_approval',
  });
  const scored = pictures
    .map((c) => scoreCustomer(c, on, now, policy))
    .filter((s): s is Scored => s !== null);
  return {
    kind: 'personal',
    staff,
    on,
    balance,
    previous,
    overdueChange: previous ? diff(balance.overdue, previous.overdue) : {},
    promisesDue,
    promisesBroken,
    disputesToReview: disputes.map((d) => ({
      customer: d.customer,
      invoices: d.invoices,
      reason: d.reason,
      detail: d.detail,
      reviewOn: fromStored(d.reviewOn),
    })),
    draftsWaiting,
    topCalls: rankCustomers(scored).slice(0, 3),
    formalNoticesComing: formalNoticesComing.sort((a, b) => compareDates(a.on, b.on)),
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
  const [sales, judged, approvalsOverdue] = await Promise.all([
    models.Invoice.aggregate<{ _id: string; total: number }>([
      { $match: { issueDate: { $gte: since90 } } },
      { $group: { _id: '$currency', total: { $sum: '$amount' } } },
    ]),
    models.PaymentPromise.aggregate<{ _id: string; n: number }>([
      { $match: { judgedAt: { $gte: since90 }, status: { $in: ['kept', 'broken', 'partially_kept'] } } },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]),
    draftsCollection(models).countDocuments({
      status: 'awaiting_approval',
      createdAt: { $lt: new Date(`${addBusinessDays(on, -1, policy.country)}T00:00:00Z`) },
    }),
  ]);
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
    largestRisks: pictures
      .map((c) => scoreCustomer(c, on, null, policy, undefined, 'team'))
      .filter((s): s is Scored => s !== null && Object.keys(s.overdue).length > 0)
      .sort((a, b) => Math.max(...Object.values(b.overdue)) - Math.max(...Object.values(a.overdue)))
      .slice(0, 5),
    approvalsOverdue,
    measures: {
      dsoDays,
      overdueRatioPct,
      promisesKeptPct: judgedTotal > 0 ? Math.round((count('kept') / judgedTotal) * 100) : null,
    },
  };
}

/** Remembers what a delivered digest said (for tomorrow's "change since"). */
export async function recordDigest(models: Models, d: PersonalDigest): Promise<void> {
  await models.DigestRecord.updateOne(
    { staff: d.staff, on: d.on },
    { $set: { total: d.balance.total, overdue: d.balance.overdue, sentAt: new Date() } },
    { upsert: true },
  );
}
