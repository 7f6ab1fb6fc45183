/**
 * Limitation flagged where people look: the customer card and the morning digest show an open
 * invoice 180 days before it becomes time-barred, and say what interrupts limitation (never a
 * formal notice).
 */
import { customerCard } from '../../../dialogs/customer';
import { answerDigest } from '../../../dialogs/digest';
import { limitationSection } from '../../../dialogs/limitation';
import { loadDemo } from '../../../integrations/demo/load';
import { toStored } from '../../../models/rules/dates';
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
    expect(fr).toContain('"label":"FA-2022-0042","value":"prescrite le 1er mars 2027 (dans 98 jours)"');
    expect(fr).toContain('une mise en demeure ne l’interrompt pas');
    const en = texts(await customerCard('FR004', 'en', ledger));
    expect(en).toContain('"value":"time-barred on 1 March 2027 (in 98 days)"');
    expect(en).toContain(
      'Only court action, an enforcement measure or the debtor’s acknowledgement of the debt interrupts limitation',
    );
  });

  it('shows in the owner’s digest and the manager’s, not in a colleague’s', async () => {
    const marie = (await answerDigest('marie', ledger.today(), 'en', ledger)).reply;
    expect(JSON.stringify(marie.sections)).toContain('"label":"FA-2022-0042 (FR004)"');
    const claire = (await answerDigest('claire', ledger.today(), 'en', ledger)).reply;
    expect(JSON.stringify(claire.sections)).toContain('FA-2022-0042 (FR004)');
    const tom = (await answerDigest('tom', ledger.today(), 'en', ledger)).reply;
    expect(JSON.stringify(tom.sections)).not.toContain('FA-2022-0042');
  });

  it('says nothing when no invoice is close', () => {
    expect(limitationSection([], 'fr')).toEqual([]);
  });
});
