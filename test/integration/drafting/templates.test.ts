/**
 * The template drafter on the demo ledger: every ladder step in French and English passes the
 * fact and tone guards and says what the step requires; only what is owed and not disputed is
 * chased; and the guards catch what a bad draft would get wrong.
 */

import { checkDraft, templateDrafter } from '../../../dialogs/drafting/drafter';
import { type DraftFacts, loadDraftFacts } from '../../../dialogs/drafting/facts';
import { draftText } from '../../../dialogs/drafting/letter';
import { parseConfig } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { formatMoney } from '../../../models/rules/money';
import { STEP_KEYS, type StepKey } from '../../../models/rules/policy';
import type { DraftContent } from '../../../prompts/draft';
import { openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
const company = { ...parseConfig({ DATA_DIR: '' }).company, iban: 'FR76 3000 6000 0112 3456 7890 189' };
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
});
afterAll(async () => {
  await ledger.close();
});

const facts = (customer: string, step?: StepKey, lang?: 'fr' | 'en') =>
  loadDraftFacts(ledger.models, ledger.policy, company, ledger.today(), { customer, step, lang });

// Overdue steps on FR004 (everything late); pre-due steps on FR001 (invoices not yet due).
const CASES: Array<[StepKey, string]> = STEP_KEYS.map((s) => [
  s,
  s === 'pre_due_call' || s === 'preventive_reminder' ? 'FR001' : 'FR004',
]);

describe('template drafts, every step in both languages', () => {
  it.each(CASES.flatMap(([s, c]) => (['fr', 'en'] as const).map((l) => [s, c, l] as const)))(
    '%s for %s in %s passes both guards and states the ledger exactly',
    async (step, customer, lang) => {
      const f = await facts(customer, step, lang);
      const { content, guards, source } = await templateDrafter.draft(f);
      expect(source).toBe('template');
      expect(guards.facts.problems).toEqual([]);
      expect(guards.tone.problems).toEqual([]);
      expect(guards.facts.checked).toBeGreaterThan(f.invoices.length);
      // The table is the ledger's open, undisputed invoices for the step.
      expect(content.invoices.map((i) => [i.number, i.amount])).toEqual(
        f.invoices.map((i) => [i.number, i.amount]),
      );
      const text = draftText(content, f);
      const total = formatMoney({ amount: f.totals[0]!.owed, currency: f.totals[0]!.currency }, lang);
      expect(text).toContain(total);
      expect(text).toMatch(
        lang === 'fr'
          ? /Cordialement|salutations distinguées|Merci/
          : /Kind regards|Yours faithfully|Thank you/,
      );
    },
  );

  it('a formal notice says "mise en demeure", the deadline, the penalties and €40 per invoice', async () => {
    const f = await facts('FR004', 'formal_notice', 'fr');
    const text = draftText((await templateDrafter.draft(f)).content, f);
    expect(f.deadline).toBe('2026-12-03'); // 8 business days after Monday 23 November
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain('nous vous mettons en demeure de nous régler la somme de 30 375,58 €');
    expect(text).toContain('dans un délai de 8 jours ouvrés, soit au plus tard le 3 décembre 2026');
    expect(text).toContain('pénalités au taux de 12,15 % l’an, soit 513,09 € à ce jour');
    expect(text).toContain(`40,00 € par facture (article D441-5), soit ${f.invoices.length * 40},00 €`);
    expect(text).toContain('commissaire de justice');
    const en = await facts('FR004', 'formal_notice', 'en');
    const enText = draftText((await templateDrafter.draft(en)).content, en);
    expect(enText).toContain('formal notice (mise en demeure)');
    expect(enText).toContain('by 3 December 2026');
    expect(enText).toContain('€40.00 per invoice');
  });

  it('a preventive reminder mentions no penalty; a first reminder letter threatens no procedure', async () => {
    const pre = await facts('FR001', 'preventive_reminder', 'fr');
    const preText = draftText((await templateDrafter.draft(pre)).content, pre);
    expect(preText).not.toMatch(/pénalit|indemnit|demeure/i);
    expect(pre.invoices.every((i) => i.dueDate >= ledger.today())).toBe(true);
    const letter = await facts('FR004', 'reminder_letter', 'fr');
    const letterText = draftText((await templateDrafter.draft(letter)).content, letter);
    expect(letterText).not.toMatch(/mise en demeure|commissaire|tribunal|judiciaire/i);
    expect(letterText).toContain('au plus tard le 3 décembre 2026, soit sous 8 jours ouvrés');
  });

  it('a call script has an opening, the facts, questions, objections, proposals and a dated commitment', async () => {
    const f = await facts('FR004', 'first_call', 'en');
    const { content } = await templateDrafter.draft(f);
    const s = content.script!;
    expect(s.opening).toMatch(/^Hello, this is Marie Lambert from/);
    expect(s.facts).toHaveLength(f.invoices.length + 1);
    expect(s.questions.length).toBeGreaterThanOrEqual(3);
    expect(s.objections.map((o) => o.objection)).toContain('Cash is tight right now.');
    expect(s.proposals.join(' ')).toMatch(/Instalments.*|Waiving the late-payment interest/);
    expect(s.closing).toContain('by 30 November 2026');
  });

  it('never chases a paid invoice nor presses a disputed one', async () => {
    // FR002 has FA-2026-1014 under dispute; pay one of its other overdue invoices in full.
    await ledger.models.Invoice.updateOne(
      { number: 'FA-2026-1013' },
      { $set: { status: 'paid', amountPaid: 2426175 } },
    );
    const f = await facts('FR002', 'reminder_letter', 'fr');
    const { content } = await templateDrafter.draft(f);
    const numbers = content.invoices.map((i) => i.number);
    expect(numbers).not.toContain('FA-2026-1014');
    expect(numbers).not.toContain('FA-2026-1013');
    expect(numbers.length).toBeGreaterThan(0);
    expect(f.disputes.map((d) => d.invoice)).toContain('FA-2026-1014');
    expect(draftText(content, f)).not.toContain('FA-2026-1014');
  });
});

describe('the guards', () => {
  let f: DraftFacts;
  let good: DraftContent;
  beforeAll(async () => {
    f = await facts('FR004', 'reminder_letter', 'en');
    good = (await templateDrafter.draft(f)).content;
  });
  const withParagraph = (p: string): DraftContent => ({ ...good, paragraphs: [...good.paragraphs, p] });
  const problems = (d: DraftContent) => {
    const g = checkDraft(d, f);
    return [...g.facts.problems, ...g.tone.problems].map((p) => `${p.guard}/${p.kind}: ${p.found}`);
  };

  it.each([
    ['a wrong amount', 'The total is €30,375.59.', 'facts/amount: €30,375.59'],
    ['an invented invoice', 'Invoice FA-2026-9999 is also due.', 'facts/invoice: FA-2026-9999'],
    ['a date nobody set', 'Please pay by 15 December 2026.', 'facts/date: 15 december 2026'],
    ['a wrong rate', 'Interest runs at 15% a year.', 'facts/rate: 15%'],
    ['a wrong deadline', 'Please pay within 5 business days.', 'facts/deadline: 5 business days'],
    ['a disputed invoice', 'Invoice FA-2026-1014 must be paid too.', 'facts/invoice: FA-2026-1014'],
    ['a threat the step does not allow', 'Otherwise we will start court proceedings.', 'tone/threat: court'],
    ['an insult', 'Your company acts in bad faith.', 'tone/insult: bad faith'],
  ])('rejects %s', (_, paragraph, expected) => {
    expect(problems(withParagraph(paragraph))).toContain(expected);
  });

  it('rejects a changed table row, a wrong deadline field and a discourteous closing', () => {
    const rows = good.invoices.map((r, i) => (i === 0 ? { ...r, amount: r.amount + 1 } : r));
    expect(problems({ ...good, invoices: rows })[0]).toMatch(/^facts\/table: FA-2026-\d+ amount/);
    expect(problems({ ...good, deadline: '2026-12-31' })).toContain('facts/deadline: 2026-12-31');
    expect(problems({ ...good, closing: 'Pay now.' })).toContain('tone/closing: Pay now.');
    expect(problems(good)).toEqual([]);
  });
});
