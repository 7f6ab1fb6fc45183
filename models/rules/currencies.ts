/**
 * ISO 4217 currencies money can be invoiced in: the platform's ICU list of current codes, less
 * the special units no invoice is written in (XDR drawing rights, XSU sucre). Codes that are
 * merely three letters (ABC, ZZZ) and the "no currency"/test codes (XXX, XTS) are not in it;
 * the CFA and CFP francs (XAF, XOF, XPF) and the East Caribbean dollar (XCD) are.
 */
const NOT_INVOICED = new Set(['XDR', 'XSU']);
const CODES = new Set(Intl.supportedValuesOf('currency').filter((c) => !NOT_INVOICED.has(c)));

export function isIsoCurrency(code: string): boolean {
  return CODES.has(code);
}

/**
 * The largest amount one row may carry, in minor units: 10^11 (a billion euros). Totals add at
 * most a portfolio's invoices in one currency; at this bound 90,000 maximal invoices still sum
 * exactly (below Number.MAX_SAFE_INTEGER, 9.007 × 10^15).
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000;
