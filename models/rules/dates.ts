/**
 * Calendar dates as people mean them. An invoice is due on a day, not at an instant: rules
 * work on `LocalDate` strings (YYYY-MM-DD) in the team's time zone; the database stores the
 * same day as a Date at 00:00 UTC (so range queries and sorts work). This module is the one
 * place that converts between instants, local dates and stored dates.
 */
import { DateTime } from 'luxon';

/** A calendar day, 'YYYY-MM-DD'. */
export type LocalDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(s: string): s is LocalDate {
  if (!ISO_DATE.test(s)) return false;
  // A real calendar day survives a round trip through Date (31 February does not).
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The day it is at `instant` in `zone` (what "today" means to the team). */
export function localDate(instant: Date, zone: string): LocalDate {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** A stored day (00:00 UTC) back to its calendar date. */
export function fromStored(d: Date): LocalDate {
  return d.toISOString().slice(0, 10);
}

/** A calendar date as stored: 00:00 UTC of that day. */
export function toStored(d: LocalDate): Date {
  return new Date(`${d}T00:00:00.000Z`);
}

// Calendar-day arithmetic needs no time zone: on UTC midnights every day lasts exactly
// DAY_MS. Plain Date arithmetic here (not luxon) because rankings do it per invoice per request.
const DAY_MS = 86_400_000;

function utcMs(d: LocalDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return new Date(utcMs(d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(d: LocalDate): number {
  return new Date(utcMs(d)).getUTCDay() || 7;
}

export function endOfMonth(d: LocalDate): LocalDate {
  const t = new Date(utcMs(d));
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** The instant a local wall-clock time happens in a zone (e.g. 08:30 in Europe/Paris). */
export function instantAt(d: LocalDate, hhmm: string, zone: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return DateTime.fromISO(d, { zone }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toJSDate();
}
