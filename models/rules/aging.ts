/**
 * The aged balance (balance âgée): what is owed, by how late, per currency. Buckets are
 * those credit teams read monthly: not yet due, 1–30, 31–60, 61–90, over 90 days late.
 */
import type { LocalDate } from './dates';
import { daysLate, type InvoiceFacts, outstanding } from './invoice-facts';
import type { Totals } from './money';

export const BUCKETS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type Bucket = (typeof BUCKETS)[number];

export function bucketOf(days: number): Bucket {
  if (days <= 0) return 'not_due';
  if (days <= 30) return 'd1_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90_plus';
}

/** One aged balance, per currency: the buckets, the total and the overdue part. */
export interface AgedBalance {
  buckets: Record<Bucket, Totals>;
  total: Totals;
  overdue: Totals;
  disputed: Totals;
  invoices: number;
}

export function emptyAgedBalance(): AgedBalance {
  return {
    buckets: { not_due: {}, d1_30: {}, d31_60: {}, d61_90: {}, d90_plus: {} },
    total: {},
    overdue: {},
    disputed: {},
    invoices: 0,
  };
}

function put(t: Totals, currency: string, amount: number): void {
  t[currency] = (t[currency] ?? 0) + amount;
}

/** Adds one invoice to a balance (mutates and returns it), so portfolios aggregate in one pass. */
export function addToAgedBalance(
  balance: AgedBalance,
  inv: InvoiceFacts,
  asOf: LocalDate,
  country: string,
): AgedBalance {
  const owed = outstanding(inv);
  if (owed <= 0) return balance;
  const bucket = bucketOf(daysLate(inv, asOf, country));
  put(balance.buckets[bucket], inv.currency, owed);
  put(balance.total, inv.currency, owed);
  if (bucket !== 'not_due') put(balance.overdue, inv.currency, owed);
  if (inv.disputedAmount > 0) put(balance.disputed, inv.currency, Math.min(owed, inv.disputedAmount));
  balance.invoices++;
  return balance;
}

export function agedBalance(invoices: Iterable<InvoiceFacts>, asOf: LocalDate, country: string): AgedBalance {
  const balance = emptyAgedBalance();
  for (const inv of invoices) addToAgedBalance(balance, inv, asOf, country);
  return balance;
}
