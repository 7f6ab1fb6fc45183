/**
 * The sales-rep step, a ladder step before the formal notice: when the oldest invoice still
 * chased is `salesRepStep.offsetDays` past due and no formal notice has gone on it, the
 * customer's sales rep (`salesRep`, a staff member) is asked for a visit or a call — once per
 * matter (its delivery key names the customer and that invoice; a customer asked in the last
 * `REASK_AFTER_DAYS` is not asked again for another invoice). Handed-over customers, invoices
 * under a pending promise or wholly disputed, and customers whose rep is their owner are left out.
 */
import type { Models } from '../index';
import { addDays, daysBetween, type LocalDate, localDate, toStored } from '../rules/dates';
import { chaseable } from '../rules/invoice-facts';
import { type Policy, STEP_KEYS } from '../rules/policy';
import { customerLadder, underPromise } from './ladder-state';

export const SALES_REP_JOB = 'sales-rep';
/** A customer asked about recently is not asked again for another of its invoices before this. */
export const REASK_AFTER_DAYS = 60;

export const salesRepKey = (customer: string, invoice: string) => `${SALES_REP_JOB}:${customer}:${invoice}`;
/** The customer a sales-rep delivery key is about. */
export const customerOfKey = (key: string) => key.slice(SALES_REP_JOB.length + 1, key.lastIndexOf(':'));

export interface SalesRepAsk {
  key: string;
  customer: string;
  name: string;
  owner: string;
  rep: string;
  /** The invoices late enough, oldest first, with what remains chaseable and days late. */
  invoices: Array<{
    number: string;
    currency: string;
    remaining: number;
    dueDate: LocalDate;
    daysLate: number;
  }>;
}

const FORMAL = STEP_KEYS.indexOf('formal_notice');

/** The asks due on `day` (of one owner's customers, or all). */
export async function salesRepAsksDue(
  models: Models,
  policy: Policy,
  day: LocalDate,
  owner?: string,
): Promise<SalesRepAsk[]> {
  if (!policy.salesRepStep.enabled) return [];
  const latestDue = toStored(addDays(day, -policy.salesRepStep.offsetDays));
  const late = await models.Invoice.distinct('customer', {
    status: { $in: ['open', 'partially_paid'] },
    dueDate: { $lte: latestDue },
    ...(owner ? { owner } : {}),
  });
  if (late.length === 0) return [];
  const customers = await models.Customer.find(
    {
      reference: { $in: late },
      salesRep: { $exists: true, $nin: [null, ''] },
      'handover.since': { $exists: false },
    },
    { reference: 1, name: 1, owner: 1, salesRep: 1 },
  ).lean();
  const reps = new Set(
    (
      await models.Staff.find(
        { handle: { $in: customers.map((c) => c.salesRep!) }, active: { $ne: false } },
        { handle: 1 },
      ).lean()
    ).map((s) => s.handle),
  );
  const out: SalesRepAsk[] = [];
  for (const c of customers) {
    if (!reps.has(c.salesRep!) || c.salesRep === c.owner) continue;
    const ladder = await customerLadder(models, policy, c.reference, day);
    const invoices = ladder.invoices
      .filter((i) => chaseable(i.facts) > 0 && !underPromise(i, policy, day))
      .filter((i) => STEP_KEYS.indexOf(i.history.lastStep ?? 'pre_due_call') < FORMAL)
      .filter((i) => daysBetween(i.facts.dueDate, day) >= policy.salesRepStep.offsetDays)
      .map((i) => ({
        number: i.number,
        currency: i.facts.currency,
        remaining: chaseable(i.facts),
        dueDate: i.facts.dueDate,
        daysLate: daysBetween(i.facts.dueDate, day),
      }));
    if (invoices.length === 0) continue;
    // Asked about this customer lately (for this invoice or another): once is enough.
    const recent = await models.Delivery.exists({
      job: SALES_REP_JOB,
      key: { $regex: `^${escapeRegex(`${SALES_REP_JOB}:${c.reference}:`)}` },
      $or: [
        { sentAt: { $gte: toStored(addDays(day, -REASK_AFTER_DAYS)) } },
        { status: { $in: ['sending', 'inbox', 'failed', 'uncertain'] } },
      ],
    });
    if (recent) continue;
    const key = salesRepKey(c.reference, invoices[0]!.number);
    out.push({ key, customer: c.reference, name: c.name, owner: c.owner, rep: c.salesRep!, invoices });
  }
  return out;
}

/** The last contacts with a customer (calls, letters, e-mails, promises, disputes), newest first. */
export async function lastContacts(models: Models, customer: string, timeZone: string, n = 3) {
  const rows = await models.Activity.find(
    { customer, kind: { $in: ['call', 'letter', 'email', 'promise', 'dispute'] } },
    { at: 1, kind: 1, summary: 1, author: 1 },
  )
    .sort({ at: -1 })
    .limit(n)
    .lean();
  return rows.map((r) => ({
    on: localDate(r.at, timeZone),
    kind: r.kind,
    summary: r.summary,
    author: r.author,
  }));
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
