/**
 * Open invoices close to their limitation date (or past it), for the digest and the customer
 * card: one query on the open invoices of an owner or a customer, due before the earliest date
 * that can be flagged, then the rule (5 years B2B, 2 years against a consumer).
 */
import type { Models } from '../index';
import { addDays, fromStored, type LocalDate, toStored } from '../rules/dates';
import { outstanding } from '../rules/invoice-facts';
import { type LimitationAlert, limitationAlerts } from '../rules/limitation';
import type { Policy } from '../rules/policy';
import { invoiceFacts } from './invoice-state';

export interface CustomerLimitationAlert extends LimitationAlert {
  customer: string;
  /** What is still owed on the invoice (minor units) and its currency. */
  amount: number;
  currency: string;
}

export async function limitationWatch(
  models: Models,
  policy: Policy,
  scope: { owner?: string; customer?: string },
  asOf: LocalDate,
): Promise<CustomerLimitationAlert[]> {
  // A consumer's 2 years is the shortest limitation: nothing due later can be flagged yet.
  const latestDue = addDays(asOf, policy.limitationWarningDays - 365 * 2 + 1);
  const invoices = await models.Invoice.find({
    ...scope,
    status: { $in: ['open', 'partially_paid'] },
    dueDate: { $lte: toStored(latestDue) },
  }).lean();
  if (invoices.length === 0) return [];
  const consumers = new Set(
    (
      await models.Customer.find(
        { reference: { $in: [...new Set(invoices.map((i) => i.customer))] }, consumer: true },
        { reference: 1 },
      ).lean()
    ).map((c) => c.reference),
  );
  const owed = new Map(
    invoices.map((i) => [i.number, { amount: outstanding(invoiceFacts(i)), currency: i.currency }]),
  );
  const byCustomer = new Map<string, Array<{ number: string; dueDate: LocalDate }>>();
  for (const i of invoices) {
    if (owed.get(i.number)!.amount <= 0) continue;
    const list = byCustomer.get(i.customer) ?? [];
    list.push({ number: i.number, dueDate: fromStored(i.dueDate) });
    byCustomer.set(i.customer, list);
  }
  return [...byCustomer].flatMap(([customer, list]) =>
    limitationAlerts(list, asOf, {
      consumer: consumers.has(customer),
      warningDays: policy.limitationWarningDays,
    }).map((a) => ({ customer, ...a, ...owed.get(a.invoice)! })),
  );
}
