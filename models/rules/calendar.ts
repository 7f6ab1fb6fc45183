/**
 * Business days: weekends and the public holidays of the team's country, from date-holidays
 * (maintained per country and region) rather than a hand-written list.
 */
import Holidays from 'date-holidays';
import { addDays, type LocalDate, weekday } from './dates';

const cache = new Map<string, Set<LocalDate>>();

/** The public holidays of a country in a year (observances such as Pentecost Sunday excluded). */
export function publicHolidays(country: string, year: number): Set<LocalDate> {
  const key = `${country}:${year}`;
  let days = cache.get(key);
  if (!days) {
    const hd = new Holidays(country);
    days = new Set(
      (hd.getHolidays(year) || [])
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10) as LocalDate),
    );
    cache.set(key, days);
  }
  return days;
}

export function isPublicHoliday(d: LocalDate, country: string): boolean {
  return publicHolidays(country, Number(d.slice(0, 4))).has(d);
}

export function isBusinessDay(d: LocalDate, country: string): boolean {
  return weekday(d) <= 5 && !isPublicHoliday(d, country);
}

/** `d` itself if it is a business day, else the next one. */
export function onOrNextBusinessDay(d: LocalDate, country: string): LocalDate {
  let cur = d;
  while (!isBusinessDay(cur, country)) cur = addDays(cur, 1);
  return cur;
}

/** `d` itself if it is a business day, else the one before (a month-end on a Sunday: the Friday). */
export function lastBusinessDayOnOrBefore(d: LocalDate, country: string): LocalDate {
  let cur = d;
  while (!isBusinessDay(cur, country)) cur = addDays(cur, -1);
  return cur;
}

/** Moves `n` business days forward (or backward when negative) from `d`. */
export function addBusinessDays(d: LocalDate, n: number, country: string): LocalDate {
  let cur = d;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  while (left > 0) {
    cur = addDays(cur, step);
    if (isBusinessDay(cur, country)) left--;
  }
  return cur;
}

/** Business days after `from` up to and including `to` (0 when to ≤ from). */
export function businessDaysBetween(from: LocalDate, to: LocalDate, country: string): number {
  let n = 0;
  for (let cur = addDays(from, 1); cur <= to; cur = addDays(cur, 1)) if (isBusinessDay(cur, country)) n++;
  return n;
}
