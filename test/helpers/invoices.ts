/** Plain invoice facts for rule tests: a 1,000.00 EUR invoice unless told otherwise. */
import type { InvoiceFacts } from '../../models/rules/invoice-facts';

export function invoice(overrides: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    number: 'INV-1',
    currency: 'EUR',
    amount: 100_000,
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    paidTotal: 0,
    payments: [],
    credits: [],
    status: 'open',
    disputedAmount: 0,
    ...overrides,
  };
}

/** An invoice paid by dated payments (paidTotal kept consistent). */
export function paidBy(
  payments: Array<{ date: string; amount: number }>,
  overrides: Partial<InvoiceFacts> = {},
): InvoiceFacts {
  const paidTotal = payments.reduce((n, p) => n + p.amount, 0);
  const amount = overrides.amount ?? 100_000;
  return invoice({
    payments,
    paidTotal,
    status: paidTotal >= amount ? 'paid' : 'partially_paid',
    ...overrides,
  });
}
