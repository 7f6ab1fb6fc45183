/**
 * The plain facts about an invoice that every rule reads. Schemas map to it; rules never see
 * a mongoose document, so they are tested on plain objects.
 */
import { onOrNextBusinessDay } from './calendar';
import { compareDates, daysBetween, type LocalDate } from './dates';

export interface DatedAmount {
  date: LocalDate;
  amount: number;
}

export interface InvoiceFacts {
  number: string;
  currency: string;
  /** Amount including tax, minor units. */
  amount: number;
  issueDate: LocalDate;
  dueDate: LocalDate;
  /** Everything known paid. Part of it may be undated (an aged-balance export's "amount paid"). */
  paidTotal: number;
  /** Payments allocated to this invoice, with their dates. */
  payments: DatedAmount[];
  /** Credit notes applied. */
  credits: DatedAmount[];
  status: 'open' | 'partially_paid' | 'paid' | 'written_off';
  /** Amount under an open dispute (0 if none). */
  disputedAmount: number;
}

export function creditedTotal(inv: InvoiceFacts): number {
  return inv.credits.reduce((n, c) => n + c.amount, 0);
}

/** What is still owed (never negative). */
export function outstanding(inv: InvoiceFacts): number {
  if (inv.status === 'written_off') return 0;
  return Math.max(0, inv.amount - inv.paidTotal - creditedTotal(inv));
}

/** Owed and not under dispute: what may be chased. */
export function chaseable(inv: InvoiceFacts): number {
  return Math.max(0, outstanding(inv) - inv.disputedAmount);
}

/**
 * The last day a payment is on time. An invoice due on a weekend or public holiday may be paid
 * on the next business day (a transfer cannot land sooner); lateness is recognised only after it.
 */
export function effectiveDueDate(inv: Pick<InvoiceFacts, 'dueDate'>, country: string): LocalDate {
  return onOrNextBusinessDay(inv.dueDate, country);
}

/**
 * Days late at `asOf`: 0 while on time; once late, counted from the stated due date, as the
 * law counts penalties (Code de commerce L441-10: due the day after the date on the invoice).
 */
export function daysLate(inv: Pick<InvoiceFacts, 'dueDate'>, asOf: LocalDate, country: string): number {
  if (compareDates(asOf, effectiveDueDate(inv, country)) <= 0) return 0;
  return daysBetween(inv.dueDate, asOf);
}
