/**
 * Late-payment penalties under French law.
 * Between businesses (Code de commerce L441-10, D441-5):
 * - interest from the day after the due date, without any reminder, at the rate of the terms
 *   of sale (at least 3 × the legal interest rate: a lower one is flagged), or by default the
 *   ECB main refinancing rate + 10 points, the rate in force on 1 January for the first
 *   half-year and on 1 July for the second; simple interest on the amount including tax that
 *   is owed and not disputed: base × rate × days / 365, the base falling with each payment;
 * - a fixed indemnity for recovery costs of €40 per invoice paid late.
 * Against a consumer: none of that. Legal interest (Code civil 1231-6) runs only from the
 * formal notice, at the legal rate of each half-year (the "other cases" rate: the creditor is
 * a business).
 * Both rate tables are data (models/data/*.json, with their sources). A half-year not entered
 * yet uses the last known rate and says so, rather than guessing silently.
 */
import ecbData from '../data/ecb-rates.json';
import legalData from '../data/legal-interest-rates.json';
import { addDays, compareDates, daysBetween, type LocalDate, maxDate } from './dates';
import { daysLate, type InvoiceFacts, outstanding } from './invoice-facts';
import type { Money } from './money';

export interface EcbRate {
  halfYear: string;
  ecbRatePct: number;
}
export interface LegalInterestRate {
  halfYear: string;
  /** For creditors who are individuals not acting for professional purposes. */
  individualPct: number;
  /** Every other case: a business creditor. */
  otherPct: number;
}

export const ECB_RATES: EcbRate[] = ecbData.rates;
export const LEGAL_INTEREST_RATES: LegalInterestRate[] = legalData.rates;
export const FIXED_INDEMNITY: Money = { amount: 4000, currency: 'EUR' };
const LEGAL_MARGIN_PCT = 10;
/** L441-10: a contractual rate may not be below three times the legal interest rate. */
const FLOOR_MULTIPLE = 3;

export function halfYearOf(d: LocalDate): string {
  return `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** First day of the half-year after the one containing `d`. */
function nextHalfYearStart(d: LocalDate): LocalDate {
  const y = Number(d.slice(0, 4));
  return Number(d.slice(5, 7)) <= 6 ? `${y}-07-01` : `${y + 1}-01-01`;
}

/** The row for a half-year, or the last one before it with a warning naming both. */
function rowFor<T extends { halfYear: string }>(
  table: T[],
  halfYear: string,
  what: string,
  pct: (row: T) => number,
): { row: T; warning?: string } {
  const exact = table.find((r) => r.halfYear === halfYear);
  if (exact) return { row: exact };
  const sorted = [...table].sort((a, b) => a.halfYear.localeCompare(b.halfYear));
  const last = sorted.filter((r) => r.halfYear < halfYear).at(-1) ?? sorted[0];
  if (!last) throw new Error(`the ${what} table is empty`);
  return {
    row: last,
    warning: `${what} for ${halfYear} not entered; used ${last.halfYear} (${pct(last).toFixed(2)} %)`,
  };
}

/** The legal default rate for a half-year (ECB + 10 points), or the last known one with a warning. */
export function legalRate(
  halfYear: string,
  table: EcbRate[] = ECB_RATES,
): { ratePct: number; warning?: string } {
  const { row, warning } = rowFor(table, halfYear, 'ECB rate', (r) => r.ecbRatePct + LEGAL_MARGIN_PCT);
  return { ratePct: round2(row.ecbRatePct + LEGAL_MARGIN_PCT), ...(warning ? { warning } : {}) };
}

/** The legal interest rate (taux de l'intérêt légal, business creditor) for a half-year. */
export function legalInterestRate(
  halfYear: string,
  table: LegalInterestRate[] = LEGAL_INTEREST_RATES,
): { ratePct: number; warning?: string } {
  const { row, warning } = rowFor(table, halfYear, 'legal interest rate', (r) => r.otherPct);
  return { ratePct: row.otherPct, ...(warning ? { warning } : {}) };
}

/** The lowest contractual rate L441-10 allows in a half-year: 3 × the legal interest rate. */
export function legalFloor(halfYear: string, table: LegalInterestRate[] = LEGAL_INTEREST_RATES) {
  const r = legalInterestRate(halfYear, table);
  return { ...r, ratePct: round2(FLOOR_MULTIPLE * r.ratePct), legalPct: r.ratePct };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface PenaltySegment {
  from: LocalDate;
  /** Last day of interest (inclusive). */
  to: LocalDate;
  days: number;
  ratePct: number;
  base: number;
  /** Interest for the segment in minor units, unrounded. */
  interest: number;
}

export interface Penalties {
  daysLate: number;
  interest: Money;
  /** €40 when the invoice is (or was paid) late, B2B only; in euros whatever the invoice currency. */
  indemnity: Money | null;
  segments: PenaltySegment[];
  /** What the rates rest on: the terms of sale, the L441-10 default, or the legal interest rate (consumer). */
  basis: 'contract' | 'legal' | 'legal_interest';
  warnings: string[];
}

export interface PenaltyTerms {
  /** Annual rate from the terms of sale, in percent; absent → the legal default rate. */
  contractualRatePct?: number;
  /** False for a consumer: no L441-10 penalties nor €40; legal interest from the formal notice. */
  b2b?: boolean;
  /** Consumers: the day the formal notice was sent (interest runs from the next day). */
  formalNoticeOn?: LocalDate;
  ecbTable?: EcbRate[];
  legalTable?: LegalInterestRate[];
}

/**
 * Penalties owed on `inv` at `asOf`. Interest runs on what is owed and not disputed; payments
 * and credit notes lower the base from their date; a paid amount with no date (from an export)
 * is taken as paid on the due date, the reading most favourable to the customer.
 */
export function latePenalties(
  inv: InvoiceFacts,
  asOf: LocalDate,
  country: string,
  terms: PenaltyTerms = {},
): Penalties {
  const b2b = terms.b2b !== false;
  const basis: Penalties['basis'] = !b2b
    ? 'legal_interest'
    : terms.contractualRatePct !== undefined
      ? 'contract'
      : 'legal';
  const dated = [...inv.payments, ...inv.credits].sort((a, b) => compareDates(a.date, b.date));
  const datedTotal = inv.payments.reduce((n, p) => n + p.amount, 0);
  const undatedPaid = Math.max(0, inv.paidTotal - datedTotal);
  const lastSettlement = dated.at(-1)?.date;
  // A settled invoice was late by the days until its last payment; an open one, until asOf.
  const late =
    outstanding(inv) === 0
      ? lastSettlement
        ? daysLate(inv, lastSettlement, country)
        : 0
      : daysLate(inv, asOf, country);
  const none: Penalties = {
    daysLate: late,
    interest: { amount: 0, currency: inv.currency },
    indemnity: null,
    segments: [],
    basis,
    warnings: [],
  };
  if (late === 0) return none;
  // A consumer owes interest only from the formal notice (Code civil 1231-6).
  if (!b2b && !terms.formalNoticeOn) return none;
  const start = b2b
    ? addDays(inv.dueDate, 1)
    : maxDate(addDays(inv.dueDate, 1), addDays(terms.formalNoticeOn!, 1));

  const rateOn = (day: LocalDate) => {
    if (basis === 'contract') return { ratePct: terms.contractualRatePct! };
    if (basis === 'legal') return legalRate(halfYearOf(day), terms.ecbTable ?? ECB_RATES);
    return legalInterestRate(halfYearOf(day), terms.legalTable ?? LEGAL_INTEREST_RATES);
  };
  const segments: PenaltySegment[] = [];
  const warnings = new Set<string>();
  // The disputed part is not owed until the dispute is settled: it bears no interest.
  let base = inv.amount - undatedPaid - inv.disputedAmount;
  let i = 0;
  while (i < dated.length && compareDates(dated[i]!.date, addDays(start, -1)) <= 0)
    base -= dated[i++]!.amount;

  let day = start;
  while (compareDates(day, asOf) <= 0 && base > 0) {
    // The segment runs until the next payment, the next half-year, or asOf.
    let end = asOf;
    const nextEvent = dated[i]?.date;
    if (nextEvent && compareDates(addDays(nextEvent, -1), end) < 0) end = addDays(nextEvent, -1);
    const rate = rateOn(day);
    // Every half-year has its own rate (and its own floor for a contractual rate).
    const boundary = addDays(nextHalfYearStart(day), -1);
    if (compareDates(boundary, end) < 0) end = boundary;
    if ('warning' in rate && rate.warning) warnings.add(rate.warning);
    if (basis === 'contract') {
      const floor = legalFloor(halfYearOf(day), terms.legalTable);
      if (terms.contractualRatePct! < floor.ratePct)
        warnings.add(
          `the contractual rate ${terms.contractualRatePct!.toFixed(2)} % is below the legal floor for ${halfYearOf(day)} (3 × ${floor.legalPct.toFixed(2)} % = ${floor.ratePct.toFixed(2)} %, L441-10)`,
        );
    }
    if (compareDates(end, day) >= 0) {
      const days = daysBetween(day, end) + 1;
      const last = segments.at(-1);
      // A contractual rate does not change at 1 July: one period unless the base changes.
      if (last && last.ratePct === rate.ratePct && last.base === base && addDays(last.to, 1) === day) {
        last.to = end;
        last.days += days;
        last.interest += (base * rate.ratePct * days) / 36500;
      } else
        segments.push({
          from: day,
          to: end,
          days,
          ratePct: rate.ratePct,
          base,
          interest: (base * rate.ratePct * days) / 36500,
        });
    }
    day = addDays(end, 1);
    while (i < dated.length && compareDates(dated[i]!.date, day) <= 0) base -= dated[i++]!.amount;
  }
  const interest = Math.round(segments.reduce((n, s) => n + s.interest, 0));
  return {
    daysLate: late,
    interest: { amount: interest, currency: inv.currency },
    indemnity: b2b ? FIXED_INDEMNITY : null,
    segments,
    basis,
    warnings: [...warnings],
  };
}
