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
  return DateTime.fromJSDate(d, { zone: 'UTC' }).toISODate()!;
}

/** A calendar date as stored: 00:00 UTC of that day. */
export function toStored(d: LocalDate): Date {
  return new Date(`${d}T00:00:00.000Z`);
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(d, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round(
    DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days,
  );
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(d: LocalDate): number {
  return DateTime.fromISO(d, { zone: 'UTC' }).weekday;
}

export function endOfMonth(d: LocalDate): LocalDate {
  return DateTime.fromISO(d, { zone: 'UTC' }).endOf('month').toISODate()!;
}

/** The instant a local wall-clock time happens in a zone (e.g. 08:30 in Europe/Paris). */
export function instantAt(d: LocalDate, hhmm: string, zone: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return DateTime.fromISO(d, { zone }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toJSDate();
}
