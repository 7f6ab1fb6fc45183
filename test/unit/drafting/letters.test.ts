/**
 * What a French credit manager checks before signing, item by item, on plain data with the
 * expected French and English text (test/golden has the whole letters).
 */

import { factsAtApproval } from '../../../dialogs/drafting/approval-gate';
import { buildDraftFacts, type DraftInput } from '../../../dialogs/drafting/facts';
import { invoiceTable } from '../../../dialogs/drafting/letter';
import { salutation } from '../../../dialogs/drafting/salutation';
import { ratesByPeriod, templateDraft } from '../../../dialogs/drafting/templates';
import { frenchTypography, letterDate } from '../../../dialogs/drafting/typography';
import { configWarnings, parseConfig } from '../../../integrations/config';
import type { StepKey } from '../../../models/rules/policy';
import type { DraftContent } from '../../../prompts/draft';
import { GOLDEN_CUSTOMERS } from '../../golden/customers';
import { formatAddress } from '../../helpers/drafting';

/** French typographic spaces read as plain spaces, for assertions on wording. */
const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');
const draft = (customer: string, step: StepKey, lang: 'fr' | 'en', change: Partial<DraftInput> = {}) => {
  const facts = buildDraftFacts({ ...GOLDEN_CUSTOMERS[customer]!, step, lang, ...change });
  return { facts, content: templateDraft(facts) };
};
const all = (d: DraftContent) =>
  plain(
    [
      d.subject,
      d.greeting,
      ...d.paragraphs,
      d.closing,
      ...(d.script ? [d.script.opening, ...d.script.facts, ...d.script.proposals, d.script.closing] : []),
      ...(d.script?.objections.flatMap((o) => [o.objection, o.answer]) ?? []),
    ].join('\n'),
  );

describe('rates by period', () => {
  it('states each rate with its period when interest spans two half-years', () => {
    const fr = draft('FR007', 'reminder_letter', 'fr');
    expect(ratesByPeriod(fr.facts)).toBe(
      '13,15 % du 16 mai au 30 juin 2025, puis de 12,15 % depuis le 1er juillet 2025',
    );
    expect(all(fr.content)).toContain(
      'pénalités au taux de 13,15 % du 16 mai au 30 juin 2025, puis de 12,15 % depuis le 1er juillet 2025',
    );
    const en = draft('FR007', 'reminder_letter', 'en');
    expect(ratesByPeriod(en.facts)).toBe('13.15% from 16 May to 30 June 2025, then 12.15% since 1 July 2025');
  });

  it('states one rate a year when there is one', () => {
    expect(ratesByPeriod(draft('FR001', 'reminder_letter', 'fr').facts)).toBe('12,15 % l’an');
    expect(ratesByPeriod(draft('FR001', 'reminder_letter', 'en').facts)).toBe('12.15% a year');
  });

  it('flags a contractual rate below the legal floor, on the facts every channel shows', () => {
    expect(draft('FR005', 'reminder_letter', 'fr').facts.warnings).toEqual([
      'the contractual rate 5.00 % is below the legal floor for 2025-H2 (3 × 2.76 % = 8.28 %, L441-10)',
    ]);
  });
});

describe('interest base, consumers', () => {
  it('counts interest on what is owed and not disputed, and shows the disputed part in the statement', () => {
    const { facts, content } = draft('FR005', 'reminder_letter', 'fr');
    const inv = facts.invoices.find((i) => i.number === 'FA-2025-1040')!;
    expect(inv).toMatchObject({ original: 1_000_000, disputed: 400_000, amount: 600_000 });
    expect(inv.segments.every((s) => s.base === 600_000)).toBe(true);
    expect(all(content)).toContain(
      'La part contestée de la facture FA-2025-1040 (4 000,00 €) est en cours d’examen : elle n’est pas réclamée ici et ne porte pas de pénalités.',
    );
    // The wholly disputed invoice is neither chased nor named.
    expect(all(content)).not.toContain('FA-2025-1044');
  });

  it('gives a consumer no L441-10 penalties nor €40, and legal interest only from the formal notice', () => {
    const letter = draft('FR010', 'reminder_letter', 'fr');
    expect(letter.facts.indemnityTotal).toBe(0);
    expect(all(letter.content)).not.toMatch(/pénalit|40,00 €|L441-10/);
    const notice = draft('FR010', 'formal_notice', 'fr');
    expect(all(notice.content)).toContain(
      'Conformément à l’article 1231-6 du Code civil, la présente mise en demeure fait courir les intérêts au taux légal sur les sommes dues.',
    );
    const after = draft('FR010', 'handover', 'en');
    expect(all(after.content)).toContain(
      'Since our formal notice of 3 November 2025, the amounts due bear interest at the legal rate (Article 1231-6 of the French Civil Code), at 2.76% a year, €4.02 as at 24 November 2025.',
    );
  });
});

describe('the formal notice', () => {
  it('demands principal, penalties to date and accruing, indemnities and the total, from receipt', () => {
    const fr = all(draft('FR001', 'formal_notice', 'fr').content);
    expect(fr).toContain(
      'Par la présente, nous vous mettons en demeure de nous régler, dans un délai de 15 jours à compter de la réception de ce courrier, les sommes suivantes :\n– en principal : 17 360,00 € ;\n– pénalités de retard arrêtées au 24 novembre 2025, à parfaire jusqu’au complet paiement : 460,45 € ;\n– indemnités forfaitaires pour frais de recouvrement (40,00 € par facture) : 80,00 € ;\nsoit un total de 17 900,45 €, à parfaire.',
    );
    expect(fr).toContain(
      'Malgré notre lettre de relance du 10 septembre 2025, notre lettre de relance du 29 septembre 2025 et notre deuxième relance par lettre recommandée du 9 octobre 2025',
    );
    expect(fr).toContain('requête en injonction de payer au président du tribunal de commerce compétent');
    expect(fr).toContain(
      'Pièces jointes : copie des factures FA-2025-1101 et FA-2025-1107 ; relevé de compte au 24 novembre 2025.',
    );
    expect(fr).toContain('nous restons disposés à examiner une proposition d’échéancier');
    expect(fr).toContain('Votre contact au service comptabilité clients : Marie Lambert');
    expect(fr).not.toMatch(/prescription|interrompt/);
    const en = all(draft('FR001', 'formal_notice', 'en').content);
    expect(en).toContain(
      '– late-payment interest calculated to 24 November 2025, continuing to accrue until payment in full: €460.45;',
    );
  });

  it('is not offered for an invoice never reminded', () => {
    const facts = draft('FR001', 'formal_notice', 'fr').facts;
    expect(facts.invoices.map((i) => i.number)).toEqual(['FA-2025-1101', 'FA-2025-1107']); // not FA-2025-1115
    expect(() => draft('FR001', 'formal_notice', 'fr', { activities: [] })).toThrow(
      'FR001: no overdue invoice has been reminded in writing yet; a formal notice comes after a reminder',
    );
  });

  it('below €5,000 names the simplified procedure by a commissaire de justice', () => {
    expect(all(draft('FR010', 'formal_notice', 'fr').content)).toContain(
      'nous confierons, sans autre avis, le recouvrement de cette créance à un commissaire de justice selon la procédure simplifiée de recouvrement des petites créances',
    );
  });

  it('counts its deadline from receipt with the policy’s days, and dates it again at approval', () => {
    const { facts } = draft('FR001', 'formal_notice', 'fr');
    expect(facts.deadline).toBe('2025-12-11'); // received Wed 26 Nov + 15 days
    expect(factsAtApproval(facts, '2025-11-28', GOLDEN_CUSTOMERS.FR001!.policy).deadline).toBe('2025-12-17');
    const eight = draft('FR001', 'formal_notice', 'fr', {
      policy: { ...GOLDEN_CUSTOMERS.FR001!.policy, formalNoticeDays: 8 },
    });
    expect(all(eight.content)).toContain('dans un délai de 8 jours à compter de la réception de ce courrier');
  });

  it('speaks to a UK debtor in words they know, with the € indemnity in sterling', () => {
    const en = all(draft('UK003', 'formal_notice', 'en').content);
    expect(en).toContain('Formal notice to pay (mise en demeure) — letter before action — £9,530.50');
    expect(en).toContain(
      'we will instruct our solicitors and our debt collection partner to recover the debt through the courts',
    );
    expect(en).toContain(
      '– fixed indemnities for recovery costs (€40.00 per invoice): €80.00 (£34.80 per invoice, £69.60 in all, at 0.8700 pounds sterling to the euro);',
    );
    expect(all(draft('UK003', 'reminder_letter', 'en').content)).toContain(
      'Under our terms of sale, governed by French law,',
    );
  });
});

describe('statement of account and how to pay', () => {
  it('lists per invoice the amount, paid, credit notes, balance and days late', () => {
    const { facts, content } = draft('FR002', 'reminder_letter', 'fr');
    const t = invoiceTable(content, facts);
    expect(t.headers).toEqual([
      'Facture',
      'Date',
      'Échéance',
      'Montant TTC',
      'Réglé',
      'Avoirs',
      'Reste dû',
      'Retard',
    ]);
    expect(t.rows[0]).toEqual([
      'FA-2025-0988',
      '15/07/2025',
      '29/08/2025',
      '12 000,00 €',
      '5 000,00 €',
      '500,00 €',
      '6 500,00 €',
      '87 j',
    ]);
    const en = draft('FR002', 'reminder_letter', 'en');
    expect(invoiceTable(en.content, en.facts).headers).toEqual([
      'Invoice',
      'Date',
      'Due date',
      'Amount incl. tax',
      'Paid',
      'Credit notes',
      'Balance due',
      'Days late',
    ]);
  });

  it('gives IBAN, BIC and the reference to quote, or without an IBAN says how to pay', () => {
    expect(all(draft('FR002', 'reminder_letter', 'fr').content)).toContain(
      'Règlement par virement sur notre compte IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP882, en indiquant la référence « FR002 ».',
    );
    expect(all(draft('FR007', 'reminder_letter', 'en').content)).toContain(
      'For payment, Marie Lambert (marie.lambert@relance.demo, 01 84 60 12 35) will give you our bank details; you may also send a cheque payable to Relance Démo SAS, 12 rue de la Paix, 75002 Paris, quoting the reference "FR007".',
    );
    expect(configWarnings(parseConfig({ DATA_DIR: '' })).map((w) => w.variable)).toEqual(['COMPANY_IBAN']);
    expect(configWarnings(parseConfig({ DATA_DIR: '', COMPANY_IBAN: 'FR76 1' }))).toEqual([]);
  });
});

describe('pre-due steps', () => {
  it('cover only invoices due within their window, each with its own due date', () => {
    const fr = draft('FR001', 'preventive_reminder', 'fr');
    expect(fr.facts.invoices.map((i) => [i.number, i.dueDate])).toEqual([
      ['FA-2025-1160', '2025-11-26'],
      ['FA-2025-1163', '2025-11-28'],
    ]);
    expect(all(fr.content)).toContain(
      '– facture FA-2025-1160 du 27 octobre 2025 : 18 300,00 €, échéance le 26 novembre 2025 ;\n– facture FA-2025-1163 du 29 octobre 2025 : 2 124,00 €, échéance le 28 novembre 2025.',
    );
    // The pre-due call: the large invoice only.
    expect(draft('FR001', 'pre_due_call', 'en').facts.invoices.map((i) => i.number)).toEqual([
      'FA-2025-1160',
    ]);
  });
});

describe('salutations and typography', () => {
  it('agree greeting and closing from the civility', () => {
    expect(salutation({ name: 'Jeanne Martin', civility: 'ms' }, 'fr', true)).toEqual({
      greeting: 'Madame,',
      closing: 'Veuillez agréer, Madame, l’expression de nos salutations distinguées.',
    });
    expect(salutation({ name: 'M. Dupont' }, 'fr', true)).toEqual({
      greeting: 'Monsieur,',
      closing: 'Veuillez agréer, Monsieur, l’expression de nos salutations distinguées.',
    });
    expect(salutation(null, 'fr', true).greeting).toBe('Madame, Monsieur,');
    expect(salutation({ name: 'James Jones', civility: 'mr' }, 'en', true)).toEqual({
      greeting: 'Dear Mr Jones,',
      closing: 'Yours sincerely,',
    });
    expect(salutation(null, 'en', true)).toEqual({
      greeting: 'Dear Sir or Madam,',
      closing: 'Yours faithfully,',
    });
  });

  it('writes French with the right spaces and "1er"', () => {
    expect(frenchTypography('Total : 1 234,56 € ; payé ? oui !')).toBe(
      'Total\u00a0: 1\u202f234,56\u00a0€\u202f; payé\u202f? oui\u202f!',
    );
    expect(frenchTypography('« FR001 »')).toBe('«\u00a0FR001\u00a0»');
    expect(frenchTypography('à 09:15, https://x.fr')).toBe('à 09:15, https://x.fr');
    expect(letterDate('2026-12-01', 'fr')).toBe('1er décembre 2026');
    expect(letterDate('2026-12-01', 'en')).toBe('1 December 2026');
    const text = draft('FR001', 'reminder_letter', 'fr').content.paragraphs.join('\n');
    expect(text).toContain(
      'merci de me le faire savoir (marie.lambert@relance.demo, 01 84 60 12 35)\u00a0: nous',
    );
    expect(text).toContain('du solde');
  });

  it('writes the postal address in the country’s order with the country line', () => {
    expect(formatAddress('UK003', 'en')).toEqual([
      '14 Station Road',
      'MANCHESTER',
      'M1 1AE',
      'UNITED KINGDOM',
    ]);
    expect(formatAddress('UK003', 'fr')).toEqual(['14 Station Road', 'MANCHESTER', 'M1 1AE', 'ROYAUME-UNI']);
    expect(formatAddress('FR002', 'fr')).toEqual(['5 boulevard Pasteur', 'ZA des Forges', '44000 NANTES']);
  });
});

describe('call scripts per situation', () => {
  it('starts a broken promise’s script from that promise', () => {
    expect(draft('FR002', 'first_call', 'fr').content.script!.opening).toBe(
      'Bonjour M.\u00a0Dubois, Marie Lambert, de Relance Démo SAS. Le 5 novembre 2025, vous nous aviez annoncé un règlement de 6\u202f500,00\u00a0€ pour le 14 novembre 2025\u202f; nous ne l’avons pas reçu à ce jour. Que s’est-il passé\u202f?',
    );
  });

  it('makes the manager call in the manager’s name to the decision-maker, the only one to waive penalties', () => {
    const manager = draft('FR001', 'manager_call', 'en').content;
    expect(manager.greeting).toBe('Ask for Mr Bernard (Directeur financier).');
    expect(manager.script!.opening).toBe(
      'Hello Mr Bernard, this is Claire Moreau, credit manager at Relance Démo SAS. I am calling you personally about your account: 3 overdue invoices, €18,296.00 in total, the oldest (FA-2025-1101) due on 31 August 2025. Do you have a few minutes?',
    );
    expect(manager.script!.proposals).toContain(
      'Waiving the late-payment interest (€474.47) against payment of the principal by 1 December 2025.',
    );
    expect(draft('FR001', 'first_call', 'en').content.script!.proposals.join(' ')).not.toMatch(/Waiv/);
  });

  it('has switchboard, identity and voicemail lines, the objections, and a close on amount, date, method, approver', () => {
    const s = all(draft('FR001', 'first_call', 'en').content);
    expect(s).toContain(
      'Switchboard: "Good morning, Marie Lambert from Relance Démo SAS. Could you put me through to Ms Martin (Comptable), please?',
    );
    expect(s).toContain('check who you are speaking to: "Am I speaking to Ms Martin?');
    expect(s).toContain(
      'Voicemail: "Hello, this is Marie Lambert from Relance Démo SAS, about account FR001. Please call me back on 01 84 60 12 35. Thank you." No amounts',
    );
    for (const o of [
      'The person who approves payments is away.',
      'We are waiting to be paid by our own customer.',
      'We pay at 60 days.',
      'Send me a statement.',
      'We have gone into administration (or liquidation).',
    ])
      expect(s).toContain(o);
    // A cheque in the post: amount, date, bank, remittance, and a call-back two business days on.
    expect(s).toContain(
      'for what amount, posted on what date, drawn on which bank, and with what cheque or remittance number? If it has not arrived, I will call you back on 26 November 2025.',
    );
    expect(s).toContain(
      'To sum up: you will pay [amount] on [date], by [transfer / cheque], approved by [name].',
    );
  });

  it('keeps a pre-due call to the invoice falling due', () => {
    const s = draft('UK003', 'pre_due_call', 'en').content.script!;
    expect(s.opening).toBe(
      'Hello Mr Jones, this is Marie Lambert from Relance Démo SAS. I am calling about our invoice UK-2025-2077 (due on 24 November 2025), just to make sure it reached you.',
    );
  });
});
