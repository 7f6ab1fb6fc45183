/** An aged balance as the reply model's table: one row per currency, never summed across them. */
import { type AgedBalance, BUCKETS } from '../models/rules/aging';
import { BUCKET_LABELS, money } from './i18n';
import type { AgedTable } from './reply';
import type { Lang } from './turn';

export function agedTable(balance: AgedBalance, lang: Lang): AgedTable {
  const currencies = Object.keys(balance.total).sort();
  return {
    headers: BUCKET_LABELS[lang],
    rows: currencies.map((currency) => {
      const cells = Object.fromEntries(
        BUCKETS.map((b) => [b, money(balance.buckets[b][currency] ?? 0, currency, lang)]),
      ) as AgedTable['rows'][number]['cells'];
      cells.total = money(balance.total[currency] ?? 0, currency, lang);
      return { currency, cells };
    }),
  };
}
