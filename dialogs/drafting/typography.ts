/**
 * How letters write dates, rates and punctuation. French: "1er décembre 2026", "12,15 %", a
 * non-breaking space before « : » and a narrow one before « ; ? ! », inside « guillemets »,
 * between thousands and before the currency sign, so a line never starts with "€" or "?".
 */
import type { Lang } from '../turn';

const LETTER_DATE = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const DAY_MONTH = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }),
};

const premier = (s: string) => s.replace(/^1 /, '1er ');

/** "1er décembre 2026" / "1 December 2026": the date form letters use. */
export function letterDate(d: string, lang: Lang): string {
  const s = LETTER_DATE[lang].format(new Date(`${d}T00:00:00Z`));
  return lang === 'fr' ? premier(s) : s;
}

/** "16 mai" / "16 May": the first date of a range within one year. */
export function dayMonth(d: string, lang: Lang): string {
  const s = DAY_MONTH[lang].format(new Date(`${d}T00:00:00Z`));
  return lang === 'fr' ? premier(s) : s;
}

/** "du 16 mai au 30 juin 2025" / "from 16 May to 30 June 2025" (years both sides when they differ). */
export function periodText(from: string, to: string, lang: Lang): string {
  const first = from.slice(0, 4) === to.slice(0, 4) ? dayMonth(from, lang) : letterDate(from, lang);
  return lang === 'fr'
    ? `du ${first} au ${letterDate(to, lang)}`
    : `from ${first} to ${letterDate(to, lang)}`;
}

/** "12,15 %" / "12.15%": a rate as written in the language. */
export function rateText(pct: number, lang: Lang): string {
  const s = pct.toFixed(2);
  return lang === 'fr' ? `${s.replace('.', ',')} %` : `${s}%`;
}

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** French typographic spaces, applied once to a finished text. */
export function frenchTypography(text: string): string {
  return (
    text
      // Thousands groups and the space before a currency sign or a percent sign.
      .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NNBSP}`)
      .replace(/(\d) ?(€|£|\$|%)/g, `$1${NBSP}$2`)
      // Before a colon (not in a time or a URL), and before ; ? !
      .replace(/(\S)[ \u00a0]?:(?=\s|$)/g, `$1${NBSP}:`)
      .replace(/(\S)[ \u202f]?([;?!])/g, `$1${NNBSP}$2`)
      // "M. Dupont", "Mme Martin" never split across lines.
      .replace(/(^|[\s(«])(M\.|Mme|Mlle) (?=\p{Lu})/gu, `$1$2${NBSP}`)
      .replace(/«[ \u00a0]?/g, `«${NBSP}`)
      .replace(/[ \u00a0]?»/g, `${NBSP}»`)
  );
}
