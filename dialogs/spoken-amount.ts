/**
 * Amounts as people write them in chat, in French or English style: "5k", "5 000 €",
 * "€5,000.50", "1.234,56", "12k€", "£2k". Shared by requests ("only over 10k") and call notes.
 */
import { parseAmount } from '../models/rules/money';
import { INVOICE_LIKE } from './call-note/lexicon';

const AMOUNT =
  /(?:[€$£]\s?)?(?<!\p{L}[-/]?)(\d{1,3}(?:[\s\u00a0\u202f.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(\s?k(?![\p{L}]))?\s?(€|eur(?:os?)?|£|gbp|\$|usd|chf)?/giu;

/** The amount in a part, in minor units: "5k", "5 000 €", "€5,000.50", "1.234,56", "12k€". */
export function amountIn(text: string, currency: string): number | null {
  for (const amount of amounts(text, currency)) return amount;
  return null;
}

/** Every amount written in a text, in order (minor units). */
export function amountsIn(text: string, currency: string): number[] {
  return [...amounts(text, currency)];
}

function* amounts(text: string, currency: string): Generator<number> {
  // Invoice numbers carry digits that are not amounts.
  const part = text.replace(INVOICE_LIKE, ' ');
  for (const m of part.matchAll(AMOUNT)) {
    const raw = m[0];
    const hasK = !!m[2];
    const hasCurrency = /[€$£]|eur|gbp|usd|chf/i.test(raw);
    const digits = m[1]!.replace(/\D/g, '').length;
    // Day numbers, times and counts are not amounts: ask for a k, a currency, or three digits.
    if (!hasK && !hasCurrency && digits < 3) continue;
    const after = part.slice((m.index ?? 0) + raw.length);
    if (!hasK && !hasCurrency && /^\s*(?:h\b|:|\/|jours?\b|days?\b|weeks?\b|semaines?\b)/i.test(after))
      continue;
    const base = parseAmount(m[1]!, currency);
    if (base === null || base === 0) continue;
    yield hasK ? base * 1000 : base;
  }
}

export function currencyIn(part: string): string | null {
  if (/£|\bgbp\b|\bpounds?\b/i.test(part)) return 'GBP';
  if (/\$|\busd\b|\bdollars?\b/i.test(part)) return 'USD';
  if (/€|\beur\b|\beuros?\b/i.test(part)) return 'EUR';
  return null;
}
