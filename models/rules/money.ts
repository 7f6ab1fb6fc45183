/**
 * Money is exact: an integer number of minor units (cents) and an ISO 4217 currency. Amounts
 * are only ever added within one currency; totals are kept per currency, never summed across.
 */

export interface Money {
  /** Integer minor units (e.g. cents). */
  amount: number;
  currency: string;
}

/** Amounts per currency, e.g. { EUR: 125000, USD: 4000 }. */
export type Totals = Record<string, number>;

export class CurrencyMismatchError extends Error {
  constructor(a: string, b: string) {
    super(`cannot combine ${a} and ${b} amounts`);
  }
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`money amounts are integer minor units, got ${amount}`);
  return { amount, currency };
}

export function add(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return money(a.amount + b.amount, a.currency);
}

export function addTo(totals: Totals, m: Money): Totals {
  totals[m.currency] = (totals[m.currency] ?? 0) + m.amount;
  return totals;
}

export function totalsOf(items: Iterable<Money>): Totals {
  const totals: Totals = {};
  for (const m of items) addTo(totals, m);
  return totals;
}

export function mergeTotals(a: Totals, b: Totals): Totals {
  const out = { ...a };
  for (const [c, v] of Object.entries(b)) out[c] = (out[c] ?? 0) + v;
  return out;
}

/** Number of minor-unit digits of a currency (EUR 2, JPY 0, …) as the platform's ICU knows it. */
const DIGITS = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    // Building a NumberFormat is slow, and imports ask this for every row.
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    DIGITS.set(currency, digits);
  }
  return digits;
}

/** "1 234,56 €" in French, "€1,234.56" in English. */
export function formatMoney(m: Money, lang: 'fr' | 'en'): string {
  const digits = minorDigits(m.currency);
  return moneyFormat(m.currency, lang)
    .format(m.amount / 10 ** digits)
    .replace(/\u202f|\u00a0/g, ' ');
}

const UNAMBIGUOUS_SIGNS = new Set(['EUR', 'GBP']);

// Building an Intl.NumberFormat costs far more than using one: keep one per currency and language.
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, lang: 'fr' | 'en'): Intl.NumberFormat {
  const key = `${currency}:${lang}`;
  let f = moneyFormats.get(key);
  if (!f) {
    // "£" rather than French's "£GB": the pound and the euro are read without their country; a
    // dollar, a yen or a krona keeps it ("$US", "US$"), as several currencies share the sign.
    f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency,
      currencyDisplay: UNAMBIGUOUS_SIGNS.has(currency) ? 'narrowSymbol' : 'symbol',
    });
    moneyFormats.set(key, f);
  }
  return f;
}

export function formatTotals(totals: Totals, lang: 'fr' | 'en'): string {
  const parts = Object.entries(totals)
    .filter(([, v]) => v !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => formatMoney({ amount, currency }, lang));
  return parts.length > 0 ? parts.join(' + ') : formatMoney({ amount: 0, currency: 'EUR' }, lang);
}

/**
 * Parses an amount written by a person or an export, in French or English style, into minor
 * units: "1 234,56", "1,234.56", "1.234,56", "1234.5", "-12", "€5,000.50", "12 345 €".
 * Returns null when it is not an amount.
 */
export function parseAmount(raw: string, currency = 'EUR'): number | null {
  let s = raw
    .trim()
    .replace(/[\u00a0\u202f\s]/g, '')
    .replace(/[€$£]|EUR|USD|GBP|CHF/gi, '');
  if (s === '') return null;
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (!/^[\d.,']+$/.test(s)) return null;
  s = s.replace(/'/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let decimalSep: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimalSep = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimalSep = isThousands(s, ',') ? null : ',';
  else if (lastDot >= 0) decimalSep = isThousands(s, '.') ? null : '.';
  const thousandsSep = decimalSep === ',' ? '.' : decimalSep === '.' ? ',' : /[.,]/.exec(s)?.[0];
  let intPart = s;
  let fracPart = '';
  if (decimalSep) {
    const i = s.lastIndexOf(decimalSep);
    intPart = s.slice(0, i);
    fracPart = s.slice(i + 1);
  }
  if (thousandsSep) intPart = intPart.split(thousandsSep).join('');
  if (!/^\d+$/.test(intPart || '0') || !/^\d*$/.test(fracPart)) return null;
  const digits = minorDigits(currency);
  if (fracPart.length > digits) return null; // more precision than the currency has: refuse rather than round
  const minor = Number(intPart || '0') * 10 ** digits + Number(fracPart.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? sign * minor : null;
}

/** "1,234" or "1.234.567": a separator every three digits and nothing after the last group but three digits. */
function isThousands(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return (
    parts.length > 1 &&
    parts.slice(1).every((p) => p.length === 3) &&
    (parts.length > 2 || parts[0]!.length <= 3)
  );
}
