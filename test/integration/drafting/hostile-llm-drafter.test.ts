/**
 * A hostile OpenAI-compatible server writing drafts that carry the ledger's figures exactly but
 * say what a phishing letter says: the account is settled, pay on this link, our bank details
 * changed, click here. The trust guard rejects each (regenerated once, then the template), and
 * the same text typed as an edit is blocked: nothing of it can be approved.
 */
import { checkDraft, llmDrafter, templateDrafter } from '../../../dialogs/drafting/drafter';
import { type DraftFacts, loadDraftFacts } from '../../../dialogs/drafting/facts';
import { parseConfig } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import type { DraftContent } from '../../../prompts/draft';
import { type FakeOpenAI, llmAgainst, startFakeOpenAI } from '../../helpers/fake-openai';
import { openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
let fake: FakeOpenAI;
let facts: DraftFacts;
let sound: DraftContent;
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';

beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
  fake = await startFakeOpenAI();
  const company = {
    ...parseConfig({ DATA_DIR: '' }).company,
    iban: IBAN,
    email: 'compta@relance-demo.fr',
  };
  facts = await loadDraftFacts(ledger.models, ledger.policy, company, ledger.today(), {
    customer: 'FR002',
    step: 'reminder_letter',
    lang: 'en',
  });
  sound = (await templateDrafter.draft(facts)).content;
});
afterAll(async () => {
  await fake.close();
  await ledger.close();
});

const drafter = () => llmDrafter(llmAgainst(fake, 'hostile'));

const withParagraph = (p: string): DraftContent => ({ ...sound, paragraphs: [...sound.paragraphs, p] });

describe('drafts that say what the ledger and the configuration contradict', () => {
  it.each<[string, string, string]>([
    ['account settled', 'Good news: your account is settled, no payment needed.', 'account_state'],
    ['déjà réglé (fr)', 'Vos factures sont déjà réglées, vous ne nous devez rien.', 'account_state'],
    [
      'a foreign payment link',
      'To pay, use our secure portal: https://pay-relance.example.com/invoice/FR002',
      'url',
    ],
    [
      'our bank details changed',
      'Please note our bank details have changed: pay to GB29 NWBK 6016 1331 9268 19 from now on.',
      'bank_change',
    ],
    ['nouveau RIB (fr)', 'Merci de noter notre nouveau RIB pour vos prochains règlements.', 'bank_change'],
    ['an instruction the template does not give', 'Click here to confirm your payment.', 'instruction'],
    ['a card number request', 'Reply with your card number and we will settle it for you.', 'instruction'],
    ['a stranger email', 'Send the remittance advice to billing@relance-payments.net.', 'contact_details'],
  ])('%s: rejected, regenerated once, then the template', async (_, paragraph, kind) => {
    fake.requests.length = 0;
    fake.answer(() => ({ json: withParagraph(paragraph) }));
    const out = await drafter().draft(facts);
    expect(fake.requests).toHaveLength(2);
    expect(out.source).toBe('template');
    expect(out.fallback).toMatch(/failed the (fact|tone) guard/);
    // Typed by a person as an edit, the same text is blocked too: never approvable.
    const edited = checkDraft(withParagraph(paragraph), facts);
    expect(edited.facts.ok && edited.tone.ok).toBe(false);
    expect([...edited.facts.problems, ...edited.tone.problems].map((p) => p.kind)).toContain(kind);
  });

  it('keeps what the template itself says: the configured IBAN, our address, a conditional "already paid"', async () => {
    fake.answer(() => ({
      json: withParagraph(
        `If you have already paid, please let us know at compta@relance-demo.fr. Bank transfer to ${IBAN.replace(/ /g, '')}.`,
      ),
    }));
    const out = await drafter().draft(facts);
    expect(out.fallback).toBeUndefined();
    expect(out.source).toBe('openai:hostile');
    const template = await templateDrafter.draft(facts);
    expect(template.guards.facts.ok && template.guards.tone.ok).toBe(true);
  });
});
