/**
 * Late-payment penalties under French B2B law (Code de commerce L441-10, D441-5):
 * - interest from the day after the due date, without any reminder, at the rate of the terms
 *   of sale, or by default the ECB main refinancing rate + 10 points, the rate of 1 January
 *   for the first half-year and of 1 July for the second; simple interest on the amount
 *   including tax: amount × rate × days / 365, on what is still unpaid each day;
 * - a fixed indemnity for recovery costs of €40 per invoice paid late.
 * The ECB rates are data (models/data/ecb-rates.json). A half-year not entered yet uses the
 * last known rate and says so, rather than guessing silently.
 */
import ecbData from '../data/ecb-rates.json';
import { addDays, compareDates, daysBetween, type LocalDate } from './dates';
import { daysLate, type InvoiceFacts, outstanding } from './invoice-facts';
import type { Money } from './money';

export interface EcbRate {
  halfYear: string;
  ecbRatePct: number;
}

export const ECB_RATES: EcbRate[] = ecbData.rates;
export const FIXED_INDEMNITY: Money = { amount: 4000, currency: 'EUR' };
const LEGAL_MARGIN_PCT = 10;

export function halfYearOf(d: LocalDate): string {
  return `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** First day of the half-year after the one containing `d`. */
function nextHalfYearStart(d: LocalDate): LocalDate {
  const y = Number(d.slice(0, 4));
  return Number(d.slice(5, 7)) <= 6 ? `${y}-07-01` : `${y + 1}-01-01`;
}

/** The legal default rate for a half-year, or the last known one with a warning. */
export function legalRate(
  halfYear: string,
  table: EcbRate[] = ECB_RATES,
): { ratePct: number; warning?: string } {
  const exact = table.find((r) => r.halfYear === halfYear);
  if (exact) return { ratePct: exact.ecbRatePct + LEGAL_MARGIN_PCT };
  const earlier = table
    .filter((r) => r.halfYear < halfYear)
    .sort((a, b) => a.halfYear.localeCompare(b.halfYear));
  const last = earlier.at(-1) ?? table[0];
  if (!last) throw new Error('the ECB rate table is empty');
  const ratePct = last.ecbRatePct + LEGAL_MARGIN_PCT;
  return {
    ratePct,
    warning: `ECB rate for ${halfYear} not entered; used ${last.halfYear} (${ratePct.toFixed(2)} %)`,
  };
}

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
  /** €40 when the invoice is (or was paid) late; in euros whatever the invoice currency. */
  indemnity: Money | null;
  segments: PenaltySegment[];
  warnings: string[];
}

export interface PenaltyTerms {
  /** Annual rate from the terms of sale, in percent; absent → the legal default rate. */
  contractualRatePct?: number;
  /** The €40 indemnity applies between businesses only. */
  b2b?: boolean;
  ecbTable?: EcbRate[];
}

/**
 * Penalties owed on `inv` at `asOf`. Payments and credit notes lower the base from their date;
 * a paid amount with no date (from an export) is taken as paid on the due date, the reading
 * most favourable to the customer.
 */
export function latePenalties(
  inv: InvoiceFacts,
  asOf: LocalDate,
  country: string,
  terms: PenaltyTerms = {},
): Penalties {
  const table = terms.ecbTable ?? ECB_RATES;
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
    warnings: [],
  };

  if (late === 0) return none;

  const segments: PenaltySegment[] = [];
  const warnings = new Set<string>();
  let base = inv.amount - undatedPaid;
  // Events up to the due date already reduce the base before interest starts.
  let i = 0;
  while (i < dated.length && compareDates(dated[i]!.date, inv.dueDate) <= 0) base -= dated[i++]!.amount;

  let day = addDays(inv.dueDate, 1);
  while (compareDates(day, asOf) <= 0 && base > 0) {
    // The segment runs until the next payment, the next half-year, or asOf.
    let end = asOf;
    const nextEvent = dated[i]?.date;
    if (nextEvent && compareDates(addDays(nextEvent, -1), end) < 0) end = addDays(nextEvent, -1);
    const rate =
      terms.contractualRatePct !== undefined
        ? { ratePct: terms.contractualRatePct }
        : legalRate(halfYearOf(day), table);
    if (terms.contractualRatePct === undefined) {
      const boundary = addDays(nextHalfYearStart(day), -1);
      if (compareDates(boundary, end) < 0) end = boundary;
    }
    if (rate.warning) warnings.add(rate.warning);
    if (compareDates(end, day) >= 0) {
      const days = daysBetween(day, end) + 1;
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
    indemnity: terms.b2b === false ? null : FIXED_INDEMNITY,
    segments,
    warnings: [...warnings],
  };
}
