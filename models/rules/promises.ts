/**
 * Judging a payment promise from payments. Instalments are judged cumulatively at their date
 * plus the grace days: paid in full → kept; something paid toward it → partially kept;
 * nothing → broken. Until then it is pending (or already kept if paid early).
 */
import { addBusinessDays } from './calendar';
import { compareDates, type LocalDate } from './dates';

export type InstalmentStatus = 'pending' | 'kept' | 'partially_kept' | 'broken';
export type PromiseStatus = InstalmentStatus | 'cancelled';

export interface Instalment {
  date: LocalDate;
  amount: number;
  currency: string;
}

export interface PromiseJudgement {
  status: PromiseStatus;
  instalments: Array<Instalment & { status: InstalmentStatus; paidToward: number; judgedOn: LocalDate }>;
  /** Paid toward the promise so far, per the promise currency. */
  paid: number;
}

export interface PaymentFact {
  date: LocalDate;
  amount: number;
  currency: string;
}

/**
 * `payments` are the customer's payments that count toward the promise (made on or after
 * the day it was given, allocated to its invoices or on account).
 */
export function judgePromise(
  instalments: Instalment[],
  payments: PaymentFact[],
  asOf: LocalDate,
  graceDays: number,
  country: string,
): PromiseJudgement {
  const sorted = [...instalments].sort((a, b) => compareDates(a.date, b.date));
  const currency = sorted[0]?.currency ?? 'EUR';
  const relevant = payments.filter((p) => p.currency === currency);
  const paidBy = (d: LocalDate) =>
    relevant.filter((p) => compareDates(p.date, d) <= 0).reduce((n, p) => n + p.amount, 0);
  const paidNow = paidBy(asOf);

  let promisedBefore = 0;
  const judged = sorted.map((inst) => {
    const promisedThrough = promisedBefore + inst.amount;
    const judgedOn = addBusinessDays(inst.date, graceDays, country);
    const due = compareDates(asOf, judgedOn) > 0;
    const paid = due ? paidBy(judgedOn) : paidNow;
    const paidToward = Math.max(0, Math.min(inst.amount, paid - promisedBefore));
    let status: InstalmentStatus;
    if (paid >= promisedThrough) status = 'kept';
    else if (!due) status = 'pending';
    else status = paidToward > 0 ? 'partially_kept' : 'broken';
    promisedBefore = promisedThrough;
    return { ...inst, status, paidToward, judgedOn };
  });

  let status: PromiseStatus = 'pending';
  if (judged.some((i) => i.status === 'broken')) status = 'broken';
  else if (judged.some((i) => i.status === 'partially_kept')) status = 'partially_kept';
  else if (judged.length > 0 && judged.every((i) => i.status === 'kept')) status = 'kept';
  return { status, instalments: judged, paid: paidNow };
}

/** A judged promise that calls for escalation (broken, or only partly kept). */
export function isBreach(status: PromiseStatus): boolean {
  return status === 'broken' || status === 'partially_kept';
}
