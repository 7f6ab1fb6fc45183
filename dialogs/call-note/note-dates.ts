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
  written: string,
  kind: 'promise' | 'callback',
  at: { now: Date; timeZone: string; country: string },
): LocalDate | null {
  const { now, timeZone, country } = at;
  const today = localDate(now, timeZone);
  const text = withCalendarShorthand(written);
  const f = fold(text);
  if (
    /\b(now|maintenant|immediatement|tout de suite|right away|today|aujourd'hui|ce jour|ce soir|tonight)\b/.test(
      f,
    ) &&
    !/\b(demain|tomorrow)\b/.test(f)
  )
    return today;
  const month = monthOnly(f, today, country);
  if (month) return month;
  if (/\b(?:before|avant) (?:christmas|noel)\b/.test(f)) return `${today.slice(0, 4)}-12-24`;
  if (/\b(end of next month|fin (?:du )?mois prochain)\b/.test(f))
    return lastBusinessDayOnOrBefore(endOfMonth(addDays(endOfMonth(today), 1)), country);
  const weeks = /\b(?:sous|dans|in|within|d'ici)\s+(\d{1,2})\s*(j|jours?|days?|semaines?|weeks?|wks?)\b/.exec(
    f,
  );
  if (weeks) return addDays(today, Number(weeks[1]) * (/^(s|w)/.test(weeks[2]!) ? 7 : 1));
  const after = /\bthe (monday|tuesday|wednesday|thursday|friday) after\b/.exec(f);
  if (after) return addDays(nextWeekday(today, after[1]!), 7);
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
    // "call back at 3", "rappeler à 15h": an hour alone is later today.
    if (
      /^(?:at|a|à|after|apres|après|vers)\s*\d{1,2}(?:\s*h\d*|:\d\d)?\s*(?:pm|am)?$/i.test(found.text.trim())
    )
      return today;
    let day = localDate(found.start.date(), timeZone);
    // A weekday named on that same weekday means next week's ("rappeler lundi", said on Monday).
    if (
      day === today &&
      !/\b(today|aujourd'hui|auj|ce jour|tonight|ce soir)\b/.test(f) &&
      found.start.isCertain('weekday')
    )
      day = addDays(day, 7);
    // A date a year away was in the past ("livrée le 12 octobre"): not a promise or a call-back.
    return day < today || day > addDays(today, 330) ? null : day;
  }
  // "after 2", "à 15h", "this afternoon", "cet aprem": later today.
  if (
    /\b(?:after|at|apres|a|vers)\s+\d{1,2}(?:h|:\d\d|\s*pm)?\b|\b(?:afternoon|apres-midi|aprem|pm|ce midi|lunchtime|after lunch|apres (?:le )?dejeuner|later today|plus tard aujourd'hui)\b/.test(
      f,
    )
  )
    return today;
  return null;
}

const WEEKDAYS_EN = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
function nextWeekday(today: LocalDate, name: string): LocalDate {
  const target = WEEKDAYS_EN.indexOf(name) + 1;
  const d = (target - weekday(today) + 7) % 7 || 7;
  return addDays(today, d);
}

const MONTHS: Array<[RegExp, number]> = [
  [/janv(?:ier)?|january|jan/, 1],
  [/fevr(?:ier)?|february|feb/, 2],
  [/mars|march/, 3],
  [/avril|april|avr/, 4],
  [/mai|may/, 5],
  [/juin|june/, 6],
  [/juillet|july|juil/, 7],
  [/aout|august/, 8],
  [/septembre|september|sept/, 9],
  [/octobre|october|oct/, 10],
  [/novembre|november|nov/, 11],
  [/decembre|december|dec/, 12],
];

/** The month of a month-number (the next one, this one included). */
export function monthStart(month: number, today: LocalDate): LocalDate {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const year = month >= m ? y : y + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The month a text names alone ("fin janvier", "in January", "en décembre"), as a number. */
export function monthNamed(f: string): number | null {
  for (const [re, n] of MONTHS)
    if (new RegExp(`(?<![\\p{L}\\d])(?:${re.source})\\.?(?![\\p{L}])`, 'u').test(f)) return n;
  return null;
}

/**
 * A month named without a day ("fin janvier", "in January", "le reste en janvier"): a promise
 * for a month is due by its last business day, as one for "next week" is by its Friday.
 */
function monthOnly(f: string, today: LocalDate, country: string): LocalDate | null {
  const names = MONTHS.map(([re]) => re.source).join('|');
  const m = new RegExp(
    `(?<![\\p{L}])(fin|end of|en|in|de|from|starting(?: in)?|a partir de|courant|during|mi|mid|debut|early|beginning of)[- ]+(?:the month of |le mois de )?(${names})\\.?(?![\\p{L}])`,
    'u',
  ).exec(f);
  if (!m) return null;
  const month = MONTHS.find(([re]) => new RegExp(`^(?:${re.source})$`).test(m[2]!))?.[1];
  if (!month) return null;
  const start = monthStart(month, today);
  if (/^(?:mi|mid)$/.test(m[1]!)) return `${start.slice(0, 8)}15`;
  if (/^(?:debut|early|beginning of)$/.test(m[1]!)) return start < today ? today : start;
  return lastBusinessDayOnOrBefore(endOfMonth(start), country);
}

/** Colleagues' shorthand for days and periods, written out for chrono ("ven", "tmrw", "eom"). */
export function withCalendarShorthand(text: string): string {
  const rules: Array<[RegExp, string]> = [
    [/\b(?:tmrw|tmw|tmrow|tomoz|2moro)\b/gi, 'tomorrow'],
    [/\bauj\b\.?/gi, "aujourd'hui"],
    [/\b(?:eom|e\.o\.m\.?)\b/gi, 'end of month'],
    [/\bw\/e\b/gi, 'end of week'],
    [/\b(?:this wk|cette sem\.?|ds la sem\.?|dans la semaine|this week)(?![\p{L}])/giu, 'end of week'],
    [/\bnext wk\b/gi, 'next week'],
    [/\b(?:la )?sem\.? pro(?:chaine)?\b\.?/gi, 'la semaine prochaine'],
    [/\bwks?\b/gi, 'weeks'],
    [/\bweds\b/gi, 'Wednesday'],
    [/\btues\b/gi, 'Tuesday'],
    [/\bthurs?\b/gi, 'Thursday'],
    [/(?<![\p{L}])lun\.?(?![\p{L}])/giu, 'lundi'],
    [/(?<![\p{L}])mar\.?(?![\p{L}\s]*\d)(?![\p{L}])/giu, 'mardi'],
    [/(?<![\p{L}])mer\.?(?![\p{L}])/giu, 'mercredi'],
    [/(?<![\p{L}])jeu\.?(?![\p{L}])/giu, 'jeudi'],
    [/(?<![\p{L}])ven\.?(?![\p{L}])/giu, 'vendredi'],
    [/\baprem\b/gi, 'après-midi'],
    [/\btil\b/gi, 'until'],
  ];
  return rules.reduce((t, [re, by]) => t.replace(re, by), text);
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
