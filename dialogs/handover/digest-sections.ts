/**
 * The digest's hand-over and credit-insurer sections (the limitation section is
 * dialogs/limitation.ts): customers with an agency or a commissaire de justice, shown apart
 * with what they still owe per currency; customers approaching the insurer's declaration deadline.
 */
import type { HandedOverCustomer } from '../../models/ledger/handover';
import type { InsurerAlert } from '../../models/ledger/insurer-watch';
import { mergeTotals } from '../../models/rules/money';
import type { Policy } from '../../models/rules/policy';
import { letterDate } from '../drafting/typography';
import { totals } from '../i18n';
import type { Section } from '../reply';
import type { Lang } from '../turn';
import { words } from './words';

export function handoverSection(list: HandedOverCustomer[], lang: Lang): Section[] {
  if (list.length === 0) return [];
  const w = words(lang);
  const all = list.reduce((t, c) => mergeTotals(t, c.owed), {});
  return [
    {
      title: w.handoverTitle,
      blocks: [
        {
          kind: 'facts',
          facts: [
            ...list.map((c) => ({
              label: `${c.name} (${c.customer})`,
              value: w.handoverLine(c.partner, letterDate(c.since, lang), totals(c.owed, lang)),
            })),
            { label: w.handoverTotal, value: totals(all, lang) },
          ],
        },
        { kind: 'text', text: w.handoverNote },
      ],
    },
  ];
}

export function insurerSection(alerts: InsurerAlert[], policy: Policy, lang: Lang): Section[] {
  if (alerts.length === 0 || policy.insurerDeclaration.afterDueDays === null) return [];
  const w = words(lang);
  return [
    {
      title: w.insurerTitle,
      blocks: [
        {
          kind: 'facts',
          facts: alerts.map((a) => {
            const date = letterDate(a.deadline, lang);
            const when =
              a.daysLeft > 0
                ? w.insurerComing(date, a.daysLeft)
                : a.daysLeft === 0
                  ? w.insurerToday(date)
                  : w.insurerPassed(date, -a.daysLeft);
            return {
              label: `${a.name} (${a.customer})`,
              value: `${when} — ${totals(a.amounts, lang)} (${a.invoices.join(', ')})`,
            };
          }),
        },
        { kind: 'text', text: w.insurerNote(policy.insurerDeclaration.afterDueDays) },
      ],
    },
  ];
}
