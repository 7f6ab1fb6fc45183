/**
 * Dates in call notes: chrono-node (French and English) for the common forms, plus the few
 * that collections staff use and chrono does not know: "fin du mois", "le 15", "by the 5th",
 * "sous huitaine", "next week" (its Friday: a promise for next week is due by then).
 * A date is never in the past: "lundi" written on a Monday means the next one.
 */
import * as chrono from 'chrono-node';
import { lastBusinessDayOnOrBefore } from '../../models/rules/calendar';
import { addDays, endOfMonth, type LocalDate, localDate, weekday } from '../../models/rules/dates';
import { fold } from './lexicon';

/**
 * The day a part of a note names, for a promise ("next week": its Friday, the day by which it is
 * broken) or a call-back ("next week": its Monday).
 */
export function noteDate(
  text: string,
  kind: 'promise' | 'callback',
  at: { now: Date; timeZone: string; country: string },
): LocalDate | null {
  const { now, timeZone, country } = at;
  const today = localDate(now, timeZone);
  const f = fold(text);
  if (/\b(end of (the )?month|month[- ]end|fin (du |de )?mois)\b/.test(f))
    return lastBusinessDayOnOrBefore(endOfMonth(today), country);
  if (/\b(end of (the )?week|fin (de la |de )?semaine)\b/.test(f)) return addDays(today, 5 - weekday(today));
  if (/\bsous huitaine\b/.test(f)) return addDays(today, 8);
  if (/\bsous quinzaine\b/.test(f)) return addDays(today, 15);
  if (/\b(next week|la semaine prochaine|semaine prochaine)\b/.test(f))
    return addDays(today, (kind === 'promise' ? 12 : 8) - weekday(today));
  const dayOfMonth =
    /\b(?:le|avant le|d'ici le|pour le|au plus tard le)\s+(\d{1,2})(?:er)?\b(?!\s*[/.-]\d|\s*(?:k|000|janv|fevr|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec))/.exec(
      f,
    ) ?? /\b(?:the|by the|on the|before the)\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b)/.exec(f);
  if (dayOfMonth) return nextDayOfMonth(today, Number(dayOfMonth[1]));
  const ref = { instant: now, timezone: timeZone };
  for (const parser of [chrono.fr, chrono.en]) {
    const found = parser.parse(text, ref, { forwardDate: true })[0];
    if (!found) continue;
    let day = localDate(found.start.date(), timeZone);
    // A weekday named on that same weekday means next week's ("rappeler lundi", said on Monday).
    if (
      day === today &&
      !/\b(today|aujourd'hui|auj|ce jour|tonight|ce soir)\b/.test(f) &&
      found.start.isCertain('weekday')
    )
      day = addDays(day, 7);
    return day < today ? null : day;
  }
  return null;
}

function nextDayOfMonth(today: LocalDate, day: number): LocalDate | null {
  if (day < 1 || day > 31) return null;
  const [y, m] = today.split('-').map(Number) as [number, number];
  for (let k = 0; k < 3; k++) {
    const month = m + k;
    const candidate = new Date(Date.UTC(y, month - 1, day));
    if (candidate.getUTCDate() !== day) continue; // 31 in a 30-day month
    const iso = candidate.toISOString().slice(0, 10);
    if (iso >= today) return iso;
  }
  return null;
}
