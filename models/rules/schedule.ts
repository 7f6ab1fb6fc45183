/**
 * When a person's scheduled messages fall due, computed in their own time zone with luxon
 * (never with agenda's repeatAt, which ignores zones) and on the business calendar: a wall
 * time like 08:30 stays 08:30 across the daylight-saving changes.
 */
import { DateTime } from 'luxon';
import { isBusinessDay } from './calendar';
import { addDays, type LocalDate, localDate } from './dates';

/** The instant a wall-clock time happens on a date in a zone. */
export function wallTime(date: LocalDate, hhmm: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toJSDate();
}

/**
 * The local date whose morning message is due at `now`: today in the person's zone, when it
 * is a working day and its time has come; null otherwise (a weekend, a holiday, too early).
 */
export function dueMorning(now: Date, zone: string, hhmm: string, country: string): LocalDate | null {
  const today = localDate(now, zone);
  if (!isBusinessDay(today, country)) return null;
  return now >= wallTime(today, hhmm, zone) ? today : null;
}

/** The next instant after `now` a morning message falls due (a working day at `hhmm`). */
export function nextMorning(now: Date, zone: string, hhmm: string, country: string): Date {
  for (let d = localDate(now, zone); ; d = addDays(d, 1)) {
    if (!isBusinessDay(d, country)) continue;
    const at = wallTime(d, hhmm, zone);
    if (at > now) return at;
  }
}
