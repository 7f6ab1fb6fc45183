/**
 * Reading the values people and accounting tools write, in French or English: dates
 * ("31/12/2026", "2026-12-31", "31.12.2026"), amounts ("1 234,56", "1,234.56"), yes/no.
 * Each is a zod schema so every failure names what was expected.
 */
import { z } from 'zod';
import { isIsoCurrency } from '../../models/rules/currencies';
import { isLocalDate, type LocalDate } from '../../models/rules/dates';
import { parseAmount } from '../../models/rules/money';

/** A CSV cell or JSON value: strings, or numbers and booleans from JSON bodies. */
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Longest text a field may hold unless it says otherwise (names, addresses, notes). */
export const MAX_TEXT = 500;
/** Identifiers: handles, references, invoice numbers, Slack and Teams ids. */
export const MAX_ID = 64;

const tooLong = (what: string, max: number) => `${what} is longer than ${max} characters`;

export const requiredText = (what: string, max = MAX_TEXT) =>
  cell.transform((v, ctx) => {
    const s = text(v);
    if (!s) {
      ctx.addIssue({ code: 'custom', message: `${what} is required` });
      return z.NEVER;
    }
    if (s.length > max) {
      ctx.addIssue({ code: 'custom', message: tooLong(what, max) });
      return z.NEVER;
    }
    return s;
  });

export const optionalTextOf = (what: string, max = MAX_TEXT) =>
  cell.transform((v, ctx) => {
    const s = text(v);
    if (s.length > max) {
      ctx.addIssue({ code: 'custom', message: tooLong(what, max) });
      return z.NEVER;
    }
    return s || undefined;
  });

export const optionalText = optionalTextOf('the value');

/**
 * Dates: ISO (2026-12-31) or day first (31/12/2026, 31.12.2026, 31-12-2026). A slash date is
 * read day first, as in France and the UK; month first only when day first is impossible.
 */
export function parseDate(raw: string): LocalDate | null {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const d = s.slice(0, 10);
    return isLocalDate(d) ? d : null;
  }
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  const pad = (n: string) => n.padStart(2, '0');
  const dayFirst = `${year}-${pad(m[2]!)}-${pad(m[1]!)}`;
  if (isLocalDate(dayFirst)) return dayFirst;
  const monthFirst = `${year}-${pad(m[1]!)}-${pad(m[2]!)}`;
  return isLocalDate(monthFirst) ? monthFirst : null;
}

export const requiredDate = (what: string) =>
  cell.transform((v, ctx) => {
    const s = text(v);
    const d = s ? parseDate(s) : null;
    if (!d) {
      ctx.addIssue({
        code: 'custom',
        message: s ? `${what} is not a date (expected e.g. 31/12/2026 or 2026-12-31)` : `${what} is required`,
      });
      return z.NEVER;
    }
    return d;
  });

export const currencyCode = cell.transform((v, ctx) => {
  const s = (text(v) || 'EUR').toUpperCase().replace('€', 'EUR').replace('$', 'USD').replace('£', 'GBP');
  if (isIsoCurrency(s)) return s;
  ctx.addIssue({ code: 'custom', message: 'currency must be an ISO 4217 code such as EUR' });
  return z.NEVER;
});

/** An amount as text (major units); converted to minor units once the currency is known. */
export const amountText = (what: string, required: boolean) =>
  cell.transform((v, ctx) => {
    const s = text(v);
    if (!s) {
      if (required) ctx.addIssue({ code: 'custom', message: `${what} is required` });
      return required ? z.NEVER : undefined;
    }
    if (s.length > 40) {
      ctx.addIssue({ code: 'custom', message: `${what} is not an amount (too long)` });
      return z.NEVER;
    }
    if (/^[-(]?[\d\s.,'\u00a0\u202f]+\)?$/.test(s) && s.replace(/\D/g, '').length > 15) {
      ctx.addIssue({ code: 'custom', message: `${what} is larger than the largest amount accepted` });
      return z.NEVER;
    }
    if (parseAmount(s, 'EUR') === null && parseAmount(s, 'JPY') === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${what} is not an amount (expected e.g. 1 234,56 or 1,234.56)`,
      });
      return z.NEVER;
    }
    return s;
  });

export const yesNo = cell.transform((v, ctx) => {
  const s = text(v).toLowerCase();
  if (['', '0', 'no', 'non', 'false', 'n', 'faux'].includes(s)) return false;
  if (['1', 'yes', 'oui', 'true', 'y', 'o', 'x', 'vrai'].includes(s)) return true;
  ctx.addIssue({ code: 'custom', message: 'expected yes/no (oui/non)' });
  return z.NEVER;
});

export const wholeDays = (what: string, def: number) =>
  cell.transform((v, ctx) => {
    const s = text(v);
    if (!s) return def;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0 || n > 365) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a whole number of days` });
      return z.NEVER;
    }
    return n;
  });

export const timeZoneText = cell.transform((v, ctx) => {
  const s = text(v);
  if (!s) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return s;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'time zone must be an IANA name such as Europe/Paris' });
    return z.NEVER;
  }
});
