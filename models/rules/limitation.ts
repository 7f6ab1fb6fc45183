/**
 * Limitation (prescription): 5 years between businesses (Code de commerce L110-4), 2 years
 * against a consumer (Code de la consommation L218-2), from the day payment was due.
 * Invoices close to it are flagged so that a formal step interrupts it in time.
 */
import { compareDates, daysBetween, type LocalDate } from './dates';

export interface LimitationStatus {
  expiresOn: LocalDate;
  daysLeft: number;
  status: 'ok' | 'approaching' | 'expired';
}

export function limitation(
  dueDate: LocalDate,
  asOf: LocalDate,
  opts: { consumer?: boolean; warningDays: number },
): LimitationStatus {
  const years = opts.consumer ? 2 : 5;
  const expiresOn = `${Number(dueDate.slice(0, 4)) + years}${dueDate.slice(4)}`.replace(/-02-29$/, '-02-28');
  const daysLeft = daysBetween(asOf, expiresOn);
  const status =
    compareDates(asOf, expiresOn) >= 0 ? 'expired' : daysLeft <= opts.warningDays ? 'approaching' : 'ok';
  return { expiresOn, daysLeft, status };
}

export interface LimitationAlert extends LimitationStatus {
  invoice: string;
}

/**
 * The invoices whose limitation date is within `warningDays` (or past), soonest first: what
 * the digest and the customer card flag. Only court action, an enforcement measure or the
 * debtor's acknowledgement interrupts limitation (Code civil 2240–2244); a formal notice does not.
 */
export function limitationAlerts(
  invoices: Array<{ number: string; dueDate: LocalDate }>,
  asOf: LocalDate,
  opts: { consumer?: boolean; warningDays: number },
): LimitationAlert[] {
  return invoices
    .map((i) => ({ invoice: i.number, ...limitation(i.dueDate, asOf, opts) }))
    .filter((a) => a.status !== 'ok')
    .sort((a, b) => compareDates(a.expiresOn, b.expiresOn));
}
