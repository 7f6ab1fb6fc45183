/**
 * Open invoices close to their limitation date (or past it), for the digest and the customer
 * card: one query on the open invoices of an owner or a customer, due before the earliest date
 * that can be flagged, then the rule (5 years B2B, 2 years against a consumer).
 */
import type { Models } from '../index';
import { addDays, fromStored, type LocalDate, toStored } from '../rules/dates';
import { type LimitationAlert, limitationAlerts } from '../rules/limitation';
import type { Policy } from '../rules/policy';

export interface CustomerLimitationAlert extends LimitationAlert {
  customer: string;
}

export async function limitationWatch(
  models: Models,
  policy: Policy,
  scope: { owner?: string; customer?: string },
  asOf: LocalDate,
): Promise<CustomerLimitationAlert[]> {
  // A consumer's 2 years is the shortest limitation: nothing due later can be flagged yet.
  const latestDue = addDays(asOf, policy.limitationWarningDays - 365 * 2 + 1);
  const invoices = await models.Invoice.find(
    {
      ...scope,
      status: { $in: ['open', 'partially_paid'] },
      dueDate: { $lte: toStored(latestDue) },
    },
    { number: 1, customer: 1, dueDate: 1 },
  ).lean();
  if (invoices.length === 0) return [];
  const consumers = new Set(
    (
      await models.Customer.find(
        { reference: { $in: [...new Set(invoices.map((i) => i.customer))] }, consumer: true },
        { reference: 1 },
      ).lean()
    ).map((c) => c.reference),
  );
  const byCustomer = new Map<string, Array<{ number: string; dueDate: LocalDate }>>();
  for (const i of invoices) {
    const list = byCustomer.get(i.customer) ?? [];
    list.push({ number: i.number, dueDate: fromStored(i.dueDate) });
    byCustomer.set(i.customer, list);
  }
  return [...byCustomer].flatMap(([customer, list]) =>
    limitationAlerts(list, asOf, {
      consumer: consumers.has(customer),
      warningDays: policy.limitationWarningDays,
    }).map((a) => ({ customer, ...a })),
  );
}
