/**
 * The credit insurer's threat-of-loss declaration ("déclaration de menace de sinistre"): a
 * policy usually requires it a fixed number of days after an unpaid invoice's due date, or the
 * cover is lost. With `insurerDeclaration.afterDueDays` set, the digest lists the customers whose
 * earliest deadline falls within `warningDays` — and those whose deadline passed within the
 * same number of days (declare now) — with the amounts concerned per currency.
 */
import type { Models } from '../index';
import { addDays, compareDates, daysBetween, fromStored, type LocalDate, toStored } from '../rules/dates';
import { outstanding } from '../rules/invoice-facts';
import type { Totals } from '../rules/money';
import type { Policy } from '../rules/policy';
import { invoiceFacts } from './invoice-state';

export interface InsurerAlert {
  customer: string;
  name: string;
  /** The earliest declaration deadline among its unpaid invoices. */
  deadline: LocalDate;
  /** Days from the digest's day to the deadline (negative: passed). */
  daysLeft: number;
  invoices: string[];
  /** Owed on those invoices, per currency. */
  amounts: Totals;
}

export async function insurerWatch(
  models: Models,
  policy: Policy,
  scope: { owner?: string },
  asOf: LocalDate,
): Promise<InsurerAlert[]> {
  const { afterDueDays, warningDays } = policy.insurerDeclaration;
  if (afterDueDays === null) return [];
  // Deadlines from `asOf - warningDays` to `asOf + warningDays`: due dates in that window shifted back.
  const earliestDue = addDays(asOf, -afterDueDays - warningDays);
  const latestDue = addDays(asOf, warningDays - afterDueDays);
  const invoices = await models.Invoice.find({
    ...scope,
    status: { $in: ['open', 'partially_paid'] },
    dueDate: { $gte: toStored(earliestDue), $lte: toStored(latestDue) },
  })
    .sort({ dueDate: 1 })
    .lean();
  const byCustomer = new Map<string, InsurerAlert>();
  for (const inv of invoices) {
    const owed = outstanding(invoiceFacts(inv));
    if (owed <= 0) continue;
    const deadline = addDays(fromStored(inv.dueDate), afterDueDays);
    const alert = byCustomer.get(inv.customer) ?? {
      customer: inv.customer,
      name: inv.customer,
      deadline,
      daysLeft: daysBetween(asOf, deadline),
      invoices: [],
      amounts: {},
    };
    alert.invoices.push(inv.number);
    alert.amounts[inv.currency] = (alert.amounts[inv.currency] ?? 0) + owed;
    byCustomer.set(inv.customer, alert);
  }
  if (byCustomer.size === 0) return [];
  const names = await models.Customer.find(
    { reference: { $in: [...byCustomer.keys()] } },
    { reference: 1, name: 1 },
  ).lean();
  for (const c of names) byCustomer.get(c.reference)!.name = c.name;
  return [...byCustomer.values()].sort((a, b) => compareDates(a.deadline, b.deadline));
}
