/** What a batch writer gets and gives back. */
import type { Models } from '../../../models';
import type { LocalDate } from '../../../models/rules/dates';
import type { Policy } from '../../../models/rules/policy';

export interface Rejected {
  /** Line in the file (the header is line 1), or the index in an API body. */
  row: number;
  column: string | null;
  reason: string;
}

export interface RowRef<T> {
  row: number;
  value: T;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
  /** Customers whose balances moved (payments), for promise re-judging. */
  touchedCustomers?: string[];
}

export interface WriteContext {
  models: Models;
  asOf: LocalDate;
  policy: Policy;
}

export type Writer<T> = (batch: RowRef<T>[], ctx: WriteContext) => Promise<BatchOutcome>;

export function emptyOutcome(): BatchOutcome {
  return { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
}

/** Invoices and payments name their customer, which must have been imported before them. */
export function unknownCustomer(row: number, reference: string): Rejected {
  return {
    row,
    column: 'customer_reference',
    reason: `unknown customer "${reference}" (import customers first)`,
  };
}

/** Counts from a bulkWrite of upserts: inserted, updated, and matched but unchanged. */
export function countUpserts(
  res: { upsertedCount: number; modifiedCount: number; matchedCount: number },
  out: BatchOutcome,
): void {
  out.inserted += res.upsertedCount;
  out.updated += res.modifiedCount;
  out.unchanged += res.matchedCount - res.modifiedCount;
}
