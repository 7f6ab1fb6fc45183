/**
 * Limitation flagged where people look: the customer card and the morning digest show an open
 * invoice 180 days before it becomes time-barred, and say what interrupts limitation (never a
 * formal notice).
 */
import { customerCard } from '../../../dialogs/customer';
import { answerDigest } from '../../../dialogs/digest';
import { limitationSection } from '../../../dialogs/limitation';
import { parseConfig } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { addDays, toStored } from '../../../models/rules/dates';
import { openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
  // An invoice of FR004 (Marie's) due on 1 March 2022: time-barred on 1 March 2027, 98 days on.
  await ledger.models.Invoice.create({
    number: 'FA-2022-0042',
    customer: 'FR004',
    owner: 'marie',
    currency: 'EUR',
    amount: 125_000,
    issueDate: toStored('2022-01-30'),
    dueDate: toStored('2022-03-01'),
    status: 'open',
  });
});
afterAll(async () => {
  await ledger.close();
});

const texts = (r: Awaited<ReturnType<typeof customerCard>>) =>
  JSON.stringify(r.sections).replace(/[\u00a0\u202f]/g, ' ');

describe('limitation flags', () => {
  it('shows on the customer card, in French and English', async () => {
    const fr = texts(await customerCard('FR004', 'fr', ledger));
    expect(fr).toContain('Prescription proche');
    // The date and the amount at stake.
    expect(fr).toContain(
      '"label":"FA-2022-0042","value":"prescrite le 1er mars 2027 (dans 98 jours) — 1 250,00 €"',
    );
    expect(fr).toContain('une mise en demeure ne l’interrompt pas');
    const en = texts(await customerCard('FR004', 'en', ledger));
    expect(en).toContain('"value":"time-barred on 1 March 2027 (in 98 days) — €1,250.00"');
    expect(en).toContain(
      'Only court action, an enforcement measure or the debtor’s acknowledgement of the debt interrupts limitation',
    );
  });

  it('shows in the owner’s digest and the manager’s, not in a colleague’s', async () => {
    const marie = (await answerDigest('marie', ledger.today(), 'en', ledger)).reply;
    expect(JSON.stringify(marie.sections).replace(/[\u00a0\u202f]/g, ' ')).toContain(
      '"label":"FA-2022-0042 (FR004)","value":"time-barred on 1 March 2027 (in 98 days) — €1,250.00"',
    );
    const claire = (await answerDigest('claire', ledger.today(), 'en', ledger)).reply;
    expect(JSON.stringify(claire.sections)).toContain('FA-2022-0042 (FR004)');
    const tom = (await answerDigest('tom', ledger.today(), 'en', ledger)).reply;
    expect(JSON.stringify(tom.sections)).not.toContain('FA-2022-0042');
  });

  it('lists the customers approaching the credit insurer’s declaration deadline, when the policy sets one', async () => {
    const insurer = (r: { sections: Array<{ title?: string }> }) =>
      r.sections.find((x) => x.title === 'Credit insurer declaration');
    // Off by default: no insurer, nothing flagged.
    expect(ledger.policy.insurerDeclaration.afterDueDays).toBeNull();
    expect(insurer((await answerDigest('marie', ledger.today(), 'en', ledger)).reply)).toBeUndefined();
    // An insurer wanting the declaration 90 days after the due date: an invoice due 80 days ago.
    await ledger.models.Invoice.create({
      number: 'FA-2026-INS1',
      customer: 'FR004',
      owner: 'marie',
      currency: 'EUR',
      amount: 300_000,
      issueDate: toStored(addDays(ledger.today(), -110)),
      dueDate: toStored(addDays(ledger.today(), -80)),
      status: 'open',
    });
    ledger.policy.insurerDeclaration = { afterDueDays: 90, warningDays: 15 };
    try {
      const marie = JSON.stringify(
        insurer((await answerDigest('marie', ledger.today(), 'en', ledger)).reply),
      );
      expect(marie).toContain('FR004');
      // Due 4 September + 90 days: 3 December, 10 days on.
      expect(marie).toContain('threat of loss to declare by 3 December 2026 (in 10 d)');
      expect(marie).toContain('FA-2026-INS1');
      expect(marie.replace(/[\u00a0\u202f]/g, ' ')).toContain('€3,000.00');
      const tom = insurer((await answerDigest('tom', ledger.today(), 'en', ledger)).reply);
      expect(JSON.stringify(tom ?? {})).not.toContain('FR004');
      expect(
        JSON.stringify(insurer((await answerDigest('claire', ledger.today(), 'en', ledger)).reply)),
      ).toContain('FR004');
    } finally {
      ledger.policy.insurerDeclaration = { afterDueDays: null, warningDays: 15 };
    }
  });

  it('reads the insurer and sales-rep settings from the environment, with clear messages', () => {
    expect(parseConfig({}).policy).toEqual({
      handoverPartner: null,
      salesRepStep: { enabled: true, offsetDays: 30 },
      insurerDeclaration: { afterDueDays: null, warningDays: 15 },
    });
    expect(
      parseConfig({
        CREDIT_INSURER_DECLARATION_DAYS: '120',
        SALES_REP_STEP: 'false',
        HANDOVER_PARTNER: 'Étude Martin',
      }).policy,
    ).toMatchObject({
      handoverPartner: 'Étude Martin',
      salesRepStep: { enabled: false },
      insurerDeclaration: { afterDueDays: 120 },
    });
    expect(() => parseConfig({ CREDIT_INSURER_DECLARATION_DAYS: 'soon' })).toThrow(
      /CREDIT_INSURER_DECLARATION_DAYS/,
    );
  });

  it('says nothing when no invoice is close', () => {
    expect(limitationSection([], 'fr')).toEqual([]);
  });
});
