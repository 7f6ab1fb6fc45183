/**
 * Which day a call list is for, asked at any hour: during office hours (and before opening)
 * today's; after closing, on a weekend or a public holiday, the next working day's — so "who
 * should I call today?" at 21:35 answers with tomorrow's calls instead of nobody.
 */
import { DateTime } from 'luxon';
import { addBusinessDays, isBusinessDay } from './calendar';
import type { LocalDate } from './dates';

/** The office day a team works, in its own zone (customers may have their own hours). */
export const OFFICE_HOURS = { start: '09:00', end: '18:00' } as const;

export type OfficeMoment = 'before_opening' | 'open' | 'after_closing' | 'day_off';

export interface CallDay {
  /** The local date it is now in the zone. */
  today: LocalDate;
  moment: OfficeMoment;
  /** The day the list is for: today, or the next working day when today's office day is over. */
  day: LocalDate;
}

export function callDay(
  now: Date,
  zone: string,
  country: string,
  hours: { start: string; end: string } = OFFICE_HOURS,
): CallDay {
  const local = DateTime.fromJSDate(now, { zone });
  const today = local.toISODate()!;
  const time = local.toFormat('HH:mm');
  if (!isBusinessDay(today, country))
    return { today, moment: 'day_off', day: addBusinessDays(today, 1, country) };
  if (time >= hours.end) return { today, moment: 'after_closing', day: addBusinessDays(today, 1, country) };
  return { today, moment: time < hours.start ? 'before_opening' : 'open', day: today };
}
