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
import { addDays, toStored } from '../../../models/rules/dates';
import { formatMoney } from '../../../models/rules/money';
import { STEP_KEYS, type StepKey } from '../../../models/rules/policy';
import type { DraftContent } from '../../../prompts/draft';
import { openTestLedger } from '../../helpers/ledger';

/** French typographic spaces read as plain spaces, for assertions. */
const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');

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

/** A demo customer with an invoice the pre-due step covers: due within 5 days (large for the call). */
async function preDueCustomer(step: StepKey): Promise<string> {
  const today = ledger.today();
  const docs = await ledger.models.Invoice.find({
    status: 'open',
    dueDate: { $gte: toStored(today), $lte: toStored(addDays(today, step === 'pre_due_call' ? 60 : 5)) },
    ...(step === 'pre_due_call'
      ? { amount: { $gte: 1_000_000 }, issueDate: { $lte: toStored(addDays(today, -1)) } }
      : {}),
  })
    .sort({ customer: 1 })
    .lean();
  return docs[0]!.customer;
}

// Overdue steps on FR004 (everything late); pre-due steps on a customer with an invoice in the window.
const PRE_DUE = 'pre-due';
const CASES: Array<[StepKey, string]> = STEP_KEYS.map((s) => [
  s,
  s === 'pre_due_call' || s === 'preventive_reminder' ? PRE_DUE : 'FR004',
]);

describe('template drafts, every step in both languages', () => {
  it.each(CASES.flatMap(([s, c]) => (['fr', 'en'] as const).map((l) => [s, c, l] as const)))(
    '%s for %s in %s passes both guards and states the ledger exactly',
    async (step, which, lang) => {
      const customer = which === PRE_DUE ? await preDueCustomer(step) : which;
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
      const text = plain(draftText(content, f));
      const total = formatMoney({ amount: f.totals[0]!.owed, currency: f.totals[0]!.currency }, lang);
      expect(text).toContain(total);
      expect(text).toMatch(
        lang === 'fr'
          ? /[Cc]ordialement|salutations distinguées|Merci/
          : /Kind regards|Yours faithfully|Yours sincerely|Thank you/,
      );
    },
  );

  it('a formal notice demands principal, penalties to date and indemnities, from receipt, with the consequence', async () => {
    const f = await facts('FR004', 'formal_notice', 'fr');
    const text = plain(draftText((await templateDrafter.draft(f)).content, f));
    // 15 days from receipt, presumed two business days after Monday 23 November.
    expect(f.deadline).toBe('2026-12-10');
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain(
      'nous vous mettons en demeure de nous régler, dans un délai de 15 jours à compter de la réception de ce courrier, les sommes suivantes :',
    );
    const owed = formatMoney({ amount: f.totals[0]!.owed, currency: 'EUR' }, 'fr');
    expect(text).toContain(`– en principal : ${owed} ;`);
    expect(text).toContain(
      '– pénalités de retard arrêtées au 23 novembre 2026, à parfaire jusqu’au complet paiement :',
    );
    expect(text).toContain(`(40,00 € par facture) : ${f.invoices.length * 40},00 €`);
    expect(text).toContain('requête en injonction de payer');
    expect(text).toMatch(/Pièces jointes : copie des factures .* ; relevé de compte au 23 novembre 2026\./);
    // Only invoices already reminded in writing are put on notice.
    expect(f.previousReminders.length).toBeGreaterThan(0);
    const en = await facts('FR004', 'formal_notice', 'en');
    const enText = draftText((await templateDrafter.draft(en)).content, en);
    expect(enText).toContain('formal notice (mise en demeure)');
    expect(enText).toContain('within 15 days of receiving this letter');
    expect(enText).toContain('€40.00 per invoice');
  });

  it('a preventive reminder covers only invoices due within its window, each with its due date', async () => {
    const customer = await preDueCustomer('preventive_reminder');
    const pre = await facts(customer, 'preventive_reminder', 'fr');
    const preText = plain(draftText((await templateDrafter.draft(pre)).content, pre));
    expect(preText).not.toMatch(/pénalit|indemnit|demeure/i);
    expect(
      pre.invoices.every((i) => i.dueDate >= ledger.today() && i.dueDate <= addDays(ledger.today(), 5)),
    ).toBe(true);
    for (const i of pre.invoices) expect(preText).toContain(i.number);
    const letter = await facts('FR004', 'reminder_letter', 'fr');
    const letterText = plain(draftText((await templateDrafter.draft(letter)).content, letter));
    expect(letterText).not.toMatch(/mise en demeure|commissaire|tribunal|judiciaire/i);
    expect(letterText).toContain('au plus tard le 3 décembre 2026, soit sous 8 jours ouvrés');
  });

  it('a call script opens with count, total and oldest, and closes on amount, date, method and approver', async () => {
    const f = await facts('FR004', 'first_call', 'en');
    const { content } = await templateDrafter.draft(f);
    const s = content.script!;
    expect(s.opening).toMatch(
      /^Hello .*, this is Marie Lambert from Relance Démo SAS\. I am calling about \d+ overdue invoices, €[\d,.]+ in total, the oldest \(FA-2026-\d+\) due on/,
    );
    expect(s.facts).toHaveLength(f.invoices.length + 1);
    expect(s.questions.length).toBeGreaterThanOrEqual(3);
    expect(s.objections.map((o) => o.objection)).toEqual(
      expect.arrayContaining([
        'Cash is tight right now.',
        'The cheque is in the post.',
        'Send me a statement.',
      ]),
    );
    // The penalty waiver is the manager's to offer.
    expect(s.proposals.join(' ')).not.toMatch(/Waiving/);
    expect(s.closing).toContain('[amount] on [date], by [transfer / cheque], approved by [name]');
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
