/**
 * The fact guard against what a credit manager would refuse to sign: a due date that is
 * another invoice's, a rate stated for a period it did not apply to, interest counted on a
 * disputed amount, a formal notice that demands the principal without the penalties.
 */
import { checkDraft } from '../../../dialogs/drafting/drafter';
import { buildDraftFacts } from '../../../dialogs/drafting/facts';
import { templateDraft } from '../../../dialogs/drafting/templates';
import type { StepKey } from '../../../models/rules/policy';
import type { DraftContent } from '../../../prompts/draft';
import { GOLDEN_CUSTOMERS } from '../../golden/customers';

const setUp = (customer: string, step: StepKey, lang: 'fr' | 'en') => {
  const facts = buildDraftFacts({ ...GOLDEN_CUSTOMERS[customer]!, step, lang });
  return { facts, good: templateDraft(facts) };
};
const problems = (d: DraftContent, f: ReturnType<typeof setUp>['facts']) => {
  const g = checkDraft(d, f);
  return [...g.facts.problems, ...g.tone.problems].map((p) =>
    `${p.kind}: ${p.message}`.replace(/[\u00a0\u202f]/g, ' '),
  );
};

describe('the fact guard', () => {
  it('passes the template drafts', () => {
    for (const [c, s] of [
      ['FR001', 'preventive_reminder'],
      ['FR005', 'reminder_letter'],
      ['FR007', 'formal_notice'],
    ] as const) {
      const { facts, good } = setUp(c, s, 'fr');
      expect(problems(good, facts)).toEqual([]);
    }
  });

  it('rejects a due date stated for the wrong invoice (dates are checked per invoice)', () => {
    const { facts, good } = setUp('FR001', 'preventive_reminder', 'en');
    // One date for invoices due two days apart: the second one's date put on the first.
    const wrong = {
      ...good,
      paragraphs: [
        'Invoices FA-2025-1163 and FA-2025-1160 fall due on 28 November 2025.',
        ...good.paragraphs.slice(1),
      ],
    };
    expect(problems(wrong, facts)).toEqual([
      'date: 28 november 2025 is not a date of invoice FA-2025-1160 (issued 2025-10-27, due 2025-11-26)',
    ]);
    const stated = {
      ...good,
      paragraphs: ['Invoice FA-2025-1160 falls due on 26 November 2025.', ...good.paragraphs.slice(1)],
    };
    expect(problems(stated, facts)).toEqual([]);
  });

  it('rejects a rate stated for a period it did not apply to', () => {
    const { facts, good } = setUp('FR007', 'reminder_letter', 'fr');
    const swapped = good.paragraphs.map((p) =>
      p.replace(
        '13,15\u00a0% du 16 mai au 30 juin 2025, puis de 12,15\u00a0%',
        '12,15\u00a0% du 16 mai au 30 juin 2025, puis de 13,15\u00a0%',
      ),
    );
    expect(swapped).not.toEqual(good.paragraphs);
    expect(problems({ ...good, paragraphs: swapped }, facts)).toEqual([
      'rate_period: 12,15 % did not apply on 2025-05-16: 13.15 % from 2025-05-16 to 2025-06-30, 12.15 % from 2025-07-01 to 2025-11-24',
      'rate_period: 12,15 % did not apply on 2025-06-30: 13.15 % from 2025-05-16 to 2025-06-30, 12.15 % from 2025-07-01 to 2025-11-24',
      'rate_period: 13,15 % did not apply on 2025-07-01: 13.15 % from 2025-05-16 to 2025-06-30, 12.15 % from 2025-07-01 to 2025-11-24',
    ]);
  });

  it('rejects interest counted on a disputed amount', () => {
    const { facts, good } = setUp('FR005', 'reminder_letter', 'en');
    const inv = facts.invoices.find((i) => i.number === 'FA-2025-1040')!;
    // 5 % on the whole €10,000 for 54 days instead of on the undisputed €6,000.
    expect(inv.interestIfDisputedCounted).toBe(Math.round((1_000_000 * 5 * 54) / 36500));
    const onWhole = {
      ...good,
      paragraphs: [...good.paragraphs, 'Interest on invoice FA-2025-1040 is €73.97 to date.'],
    };
    expect(problems(onWhole, facts)).toEqual([
      'disputed_interest: €73.97 counts interest on the disputed part of invoice FA-2025-1040: interest runs only on what is owed and not disputed',
    ]);
    const onBase = { ...good, paragraphs: [...good.paragraphs, 'Interest runs at 5.00% on €10,000.00.'] };
    expect(problems(onBase, facts)[0]).toMatch(
      /^disputed_interest: €10,000.00 counts interest on the disputed part/,
    );
  });

  it('rejects a formal notice that demands the principal without the penalties', () => {
    const { facts, good } = setUp('FR001', 'formal_notice', 'fr');
    const demand = good.paragraphs.findIndex((p) => p.includes('mettons en demeure'));
    const principalOnly = good.paragraphs.map((p, i) =>
      i === demand
        ? 'Par la présente, nous vous mettons en demeure de nous régler, dans un délai de 15 jours à compter de la réception de ce courrier, la somme de 17\u202f360,00\u00a0€ en principal.'
        : p,
    );
    // Nor may the penalties be stated elsewhere as a bare figure: the demand is what counts.
    expect(problems({ ...good, paragraphs: principalOnly }, facts)).toEqual([
      'formal_notice: a formal notice must demand the penalties "arrêtées au <date>, à parfaire jusqu’au complet paiement", the penalties\' amount (EUR), the recovery indemnities',
    ]);
    expect(problems(good, facts)).toEqual([]);
  });

  it('rejects a formal notice deadline that is not the policy’s days from receipt', () => {
    const { facts, good } = setUp('FR001', 'formal_notice', 'en');
    const eight = good.paragraphs.map((p) =>
      p.replace('within 15 days of receiving', 'within 8 days of receiving'),
    );
    expect(problems({ ...good, paragraphs: eight }, facts)).toEqual([
      'deadline: the time to pay is 15 days from receipt, not 8',
    ]);
  });
});
