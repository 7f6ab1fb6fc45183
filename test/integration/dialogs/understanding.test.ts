/**
 * Scripted conversations through the channel-neutral entry point (the one every channel calls)
 * on the demo ledger: what credit controllers actually type. Thanks are never recorded, a
 * "which one?" is answered by text or by button, requests are recognised in French and English,
 * an instalment plan becomes three instalments, a pending promise is asked about before Confirm,
 * the last note can be undone, and what is not understood is said so in the message's language.
 */
import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import type { ActionPayload, Reply } from '../../../dialogs/reply';
import type { Lang, Turn } from '../../../dialogs/turn';
import { loadDemo } from '../../../integrations/demo/load';
import { fromStored } from '../../../models/rules/dates';
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
const at = new Date(NOW);
const says = (text: string, lang: Lang = 'en', staff = 'marie'): Turn => ({
  id: `web:understanding:${++seq}`,
  channel: 'web',
  staff,
  lang,
  text,
  at,
});
const presses = (action: ActionPayload, lang: Lang = 'en', staff = 'marie'): Turn => ({
  id: `web:understanding:${++seq}`,
  channel: 'web',
  staff,
  lang,
  action,
  at,
});
async function send(turn: Turn): Promise<Reply> {
  const replies = await respond(turn, ledger);
  expect(replies).toHaveLength(1);
  return replies[0]!;
}
function buttons(reply: Reply): ActionPayload[] {
  return reply.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === 'actions'
        ? b.actions.map((a) => a.payload)
        : b.kind === 'list'
          ? b.entries.flatMap((e) => (e.actions ?? []).map((a) => a.payload))
          : [],
    ),
  );
}
function button(
  reply: Reply,
  type: ActionPayload['type'],
  where: (p: ActionPayload) => boolean = () => true,
) {
  const found = buttons(reply).find((p) => p.type === type && where(p));
  if (!found) throw new Error(`no ${type} button in:\n${renderText(reply)}`);
  return found;
}
const logs = () => ledger.models.CallLog.countDocuments({});
const calls = () =>
  ledger.models.Activity.countDocuments({ kind: 'call', channel: 'phone', author: 'marie', at });

describe('understanding what credit controllers type', () => {
  it('never records thanks, greetings or emoji', async () => {
    const before = { logs: await logs(), calls: await calls() };
    for (const text of ['merci', 'super, merci beaucoup', '🙂 merci !', 'thanks!', 'ok 👍', 'Bonjour']) {
      const reply = await send(says(text, 'fr'));
      expect(buttons(reply).some((p) => p.type === 'confirm_note')).toBe(false);
      expect(renderText(reply)).not.toMatch(/À enregistrer|To record/);
    }
    expect(await logs()).toBe(before.logs);
    expect(await calls()).toBe(before.calls);
  });

  it('answers "which one?" about a customer by text, with one button per candidate', async () => {
    const asked = await send(says('Dubois ?', 'fr'));
    expect(asked.summary).toMatch(
      /^Lequel : .*Textiles Dubois SAS \(FR004\).*Imprimerie Dubois SARL \(FR020\)/,
    );
    const offered = buttons(asked).filter((p) => p.type === 'customer_request');
    expect(offered.map((p) => (p as { customer: string }).customer).sort()).toEqual([
      'FR004',
      'FR020',
      'FR022',
      'FR025',
    ]);
    const before = await logs();
    // Typing the name answers: the card of that customer, not a new call note.
    const card = await send(says('Textiles Dubois', 'fr'));
    expect(renderText(card)).toContain('Textiles Dubois SAS');
    expect(await logs()).toBe(before);
    // And by button.
    const pressed = await send(
      presses(offered.find((p) => (p as { customer: string }).customer === 'FR020')!, 'fr'),
    );
    expect(renderText(pressed)).toContain('Imprimerie Dubois SARL');
  });

  it('asks which customer a note is about, and takes the answer by text or by button', async () => {
    const question = await send(says('Dubois paiera 2 000 € vendredi', 'fr'));
    expect(question.summary).toMatch(/^Quel client : /);
    const choices = buttons(question).filter((p) => p.type === 'note_customer');
    expect(choices).toHaveLength(4);
    const byText = await send(says('Textiles Dubois', 'fr'));
    expect(byText.title).toBe('À enregistrer — Textiles Dubois SAS (FR004)');
    expect(renderText(byText)).toContain('2 000,00 € le ven. 27 nov.');

    const again = await send(says('Dubois paiera 1 000 € lundi', 'fr'));
    const garage = button(again, 'note_customer', (p) => (p as { customer: string }).customer === 'FR025');
    const byButton = await send(presses(garage, 'fr'));
    expect(byButton.title).toBe('À enregistrer — Garage Dubois SAS (FR025)');
  });

  it('recognises invoices, history and sending requests instead of reading them as notes', async () => {
    const before = await logs();
    const invoices = await send(says('factures de Textiles Dubois', 'fr'));
    expect(invoices.title).toBe('Factures ouvertes — Textiles Dubois SAS (FR004)');
    expect(renderText(invoices)).toContain('FA-2026-1028');
    const history = await send(says('historique Textiles Dubois', 'fr'));
    expect(history.title).toBe('Historique — Textiles Dubois SAS (FR004)');
    const letter = await send(says('envoie la lettre à Textiles Dubois par email', 'fr'));
    expect(letter.summary).toMatch(/Textiles Dubois SAS/);
    const history2 = await send(says('history of Ashford Textiles'));
    expect(history2.title).toBe('History — Ashford Textiles plc (UK036)');
    expect(await logs()).toBe(before);
  });

  it('lists the drafts to approve', async () => {
    await send(says('lettre de relance pour Textiles Dubois', 'fr'));
    const drafts = await send(says('brouillons à valider', 'fr'));
    expect(drafts.title).toMatch(/^Brouillons à valider \(\d+\)$/);
    expect(renderText(drafts)).toContain('Textiles Dubois SAS (FR004)');
    expect(buttons(drafts).some((p) => p.type === 'show_draft')).toBe(true);
    const en = await send(says('drafts to approve'));
    expect(en.title).toMatch(/^Drafts to approve \(\d+\)$/);
  });

  it('says what it did not understand in the message’s language, with three commands', async () => {
    const fr = await send(says('quelle est la météo demain ?', 'en'));
    expect(fr.summary).toMatch(/^Je n’ai pas compris/);
    expect(buttons(fr).filter((p) => p.type === 'command')).toHaveLength(3);
    const en = await send(says('what is the weather like tomorrow?', 'fr'));
    expect(en.summary).toMatch(/^I didn’t understand that/);
    const offered = buttons(en).filter((p) => p.type === 'command');
    expect(offered).toHaveLength(3);
    // A command button does what it says.
    const help = await send(presses({ type: 'command', command: 'help' }));
    expect(help.summary).toMatch(/^I can tell you who to call/);
  });

  it('records an instalment plan as three instalments', async () => {
    const shown = await send(
      says(
        'Imprimerie Girard : accord sur un échéancier : 10 000 € le 15 décembre, 10 000 € le 15 janvier et le solde le 15 février',
        'fr',
      ),
    );
    expect(shown.title).toBe('À enregistrer — Imprimerie Girard SARL (FR008)');
    await send(presses(button(shown, 'confirm_note'), 'fr'));
    const promise = await ledger.models.PaymentPromise.findOne({
      customer: 'FR008',
      status: 'pending',
    }).lean();
    expect(promise!.instalments.map((i) => [fromStored(i.date), i.amount])).toEqual([
      ['2026-12-15', 1_000_000],
      ['2027-01-15', 1_000_000],
      ['2027-02-15', expect.any(Number)],
    ]);
  });

  it('asks what happens to a pending promise before Confirm, and keeps it when told to add', async () => {
    const pending = await ledger.models.PaymentPromise.findOne({
      customer: 'UK009',
      status: 'pending',
    }).lean();
    expect(pending).not.toBeNull();
    const shown = await send(says('Kestrel Textiles: George will pay £1,000 on Friday', 'en', 'tom'));
    const text = renderText(shown);
    expect(text).toContain('Pending promise:');
    expect(text).toMatch(
      /replaced by this one if you confirm, or kept if you add this one as a new instalment/,
    );
    const add = button(shown, 'confirm_note', (p) => (p as { promise?: string }).promise === 'add');
    button(shown, 'confirm_note', (p) => (p as { promise?: string }).promise === 'replace');
    await send(presses(add, 'en', 'tom'));
    expect(await ledger.models.PaymentPromise.countDocuments({ customer: 'UK009', status: 'pending' })).toBe(
      2,
    );
    // Replacing: the earlier ones are cancelled.
    const next = await send(says('Kestrel Textiles: George will pay the rest on the 15th', 'en', 'tom'));
    await send(
      presses(
        button(next, 'confirm_note', (p) => (p as { promise?: string }).promise === 'replace'),
        'en',
        'tom',
      ),
    );
    expect(await ledger.models.PaymentPromise.countDocuments({ customer: 'UK009', status: 'pending' })).toBe(
      1,
    );
  });

  it('undoes the last call note of the day as a reversal, deleting nothing', async () => {
    const shown = await send(
      says('Harbour Print: Olivia will pay £2,000 Friday, call back Monday', 'en', 'tom'),
    );
    await send(presses(button(shown, 'confirm_note'), 'en', 'tom'));
    expect(await ledger.models.PaymentPromise.countDocuments({ customer: 'UK015', status: 'pending' })).toBe(
      1,
    );
    const undone = await send(says('undo the last call note', 'en', 'tom'));
    expect(undone.summary).toMatch(/^Undone: the note on Harbour Print Ltd/);
    expect(await ledger.models.PaymentPromise.countDocuments({ customer: 'UK015', status: 'pending' })).toBe(
      0,
    );
    const customer = await ledger.models.Customer.findOne({ reference: 'UK015' }).lean();
    expect(customer!.callbackOn).toBeUndefined();
    // The call stays in the trail, with the reversal after it.
    expect(
      await ledger.models.Activity.countDocuments({ customer: 'UK015', kind: 'call', author: 'tom', at }),
    ).toBe(1);
    expect(await ledger.models.Activity.countDocuments({ customer: 'UK015', outcome: 'reversed' })).toBe(1);
    // Asked again, the note before it (in French this time).
    expect((await send(says('annule la dernière note', 'fr', 'tom'))).summary).toMatch(
      /^Annulée : la note sur Kestrel Textiles Ltd/,
    );
  });

  it('leaves a waiting note unrecorded, and says so, when another request comes', async () => {
    await send(says('Fournier paiera 2k vendredi', 'fr'));
    const reply = await send(says('mes appels de demain', 'fr'));
    expect(reply.summary).toMatch(/^J’ai laissé la note/);
    const log = await ledger.models.CallLog.findOne({ text: 'Fournier paiera 2k vendredi' }).lean();
    expect(log!.status).toBe('abandoned');
  });
});
