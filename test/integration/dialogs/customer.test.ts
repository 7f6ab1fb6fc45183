/** The customer card: asked by name ("Dubois?", "fiche FR004") or by button, with what a controller needs before a call. */
import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import type { ActionPayload, Reply } from '../../../dialogs/reply';
import type { Lang, Turn } from '../../../dialogs/turn';
import { loadDemo } from '../../../integrations/demo/load';
import { NOW, openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
});
afterAll(async () => {
  await ledger.close();
});
let seq = 0;
async function send(x: { text?: string; action?: ActionPayload }, lang: Lang = 'en'): Promise<Reply> {
  const turn: Turn = {
    id: `web:customer:${++seq}`,
    channel: 'web',
    staff: 'marie',
    lang,
    at: new Date(NOW),
    ...x,
  };
  return (await respond(turn, ledger))[0]!;
}

describe('the customer card', () => {
  it('shows the aged balance, contact, disputes, last activities and next actions', async () => {
    const card = await send({ text: 'Transports Mercier?' });
    expect(card.title).toBe('Transports Mercier SA (FR002)');
    const text = renderText(card);
    expect(text).toContain('Owner: Marie Lambert');
    expect(text).toMatch(/Contact: \S.+ · \+33/);
    expect(text).toContain('Aged balance');
    expect(text).toMatch(/Not due\s+1–30 d/);
    expect(text).toContain('Open disputes');
    expect(text).toContain('FA-2026-1014');
    expect(text).toContain('[Call script] [Draft next reminder] [Log outcome]');
  });

  it('answers in French to "fiche" and to the button, and asks which one when two match', async () => {
    expect((await send({ text: 'fiche FR004' }, 'fr')).title).toBe('Textiles Dubois SAS (FR004)');
    expect(renderText(await send({ action: { type: 'show_customer', customer: 'FR004' } }, 'fr'))).toContain(
      'Balance âgée',
    );
    expect((await send({ text: 'Pharmacie Laurent?' })).summary).toBe(
      'Which one: Pharmacie Laurent SAS (FR026) or Pharmacie Laurent SA (FR034)?',
    );
    // Not a customer: one line saying it was not understood, not a guess (nor the whole help).
    expect((await send({ text: 'what is the weather?' })).summary).toMatch(/^I didn’t understand that/);
  });

  it('drafts the next reminder from the card', async () => {
    const draft = await send({ action: { type: 'draft_next', customer: 'FR004' } });
    expect(draft.title).toMatch(/^Draft — .+ — Textiles Dubois SAS \(FR004\)$/);
  });
});
