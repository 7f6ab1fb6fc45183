/**
 * Logging a call by message, end to end on the demo ledger: what Relance shows before
 * recording, the questions it asks instead of guessing, and what confirming records — once,
 * whatever the retries, with the disputed invoice off the ladder and the worklist changed.
 */
import { renderText } from '../../../bot/render/text';
import { finishInterruptedNotes } from '../../../dialogs/call-note/log-call';
import { respond } from '../../../dialogs/conversation';
import type { ActionPayload, Reply } from '../../../dialogs/reply';
import type { Lang, Turn } from '../../../dialogs/turn';
import { answerWorklist } from '../../../dialogs/worklist';
import { loadDemo } from '../../../integrations/demo/load';
import { invoiceFacts } from '../../../models/ledger/invoice-state';
import { fromStored } from '../../../models/rules/dates';
import { ladderPosition } from '../../../models/rules/ladder';
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
function says(text: string, lang: Lang = 'en', staff = 'marie'): Turn {
  return { id: `web:test:${++seq}`, channel: 'web', staff, lang, text, at };
}
function presses(action: ActionPayload, lang: Lang = 'en', staff = 'marie'): Turn {
  return { id: `web:test:${++seq}`, channel: 'web', staff, lang, action, at };
}
async function send(turn: Turn): Promise<Reply> {
  const replies = await respond(turn, ledger);
  expect(replies).toHaveLength(1);
  return replies[0]!;
}
function button(reply: Reply, type: ActionPayload['type']): ActionPayload {
  for (const s of reply.sections)
    for (const b of s.blocks)
      if (b.kind === 'actions') {
        const a = b.actions.find((x) => x.payload.type === type);
        if (a) return a.payload;
      }
  throw new Error(`no ${type} button in:\n${renderText(reply)}`);
}
async function counts(customer: string) {
  const m = ledger.models;
  return {
    promises: await m.PaymentPromise.countDocuments({ customer }),
    disputes: await m.Dispute.countDocuments({ customer }),
    activities: await m.Activity.countDocuments({ customer }),
  };
}
async function marieCalls(): Promise<string[]> {
  const { entries } = await answerWorklist(
    { kind: 'worklist', date: ledger.today(), lang: 'en' },
    says('who should I call today?'),
    ledger,
  );
  return entries.map((e) => e.customer);
}

const NOTE =
  'Textiles Dubois: spoke to Claire Petit, will pay 5k Friday and the rest end of month, FA-2026-1028 disputed: rolls arrived damaged';

describe('logging a call by message', () => {
  it('shows exactly what will be recorded, then records the call, promise and dispute once', async () => {
    expect(await marieCalls()).toContain('FR004');
    const before = await counts('FR004');

    const message = says(NOTE);
    const shown = await send(message);
    // The channel delivers the same message again (a retry): the same note, not a second one.
    expect(renderText(await send(message))).toBe(renderText(shown));
    expect(await ledger.models.CallLog.countDocuments({ key: message.id })).toBe(1);
    const text = renderText(shown);
    expect(shown.title).toBe('To record — Textiles Dubois SAS (FR004)');
    expect(text).toContain('Call: reached — Claire Petit');
    expect(text).toContain('Promise: €5,000.00 by Fri 27 Nov');
    // "The rest": everything chaseable once FA-2026-1028 is disputed, less the 5k.
    const rest = 794191 + 71477 + 158451 + 506723 + 16637 + 233572 - 500_000;
    expect(text).toContain(
      `Promise: €${(rest / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })} by Mon 30 Nov`,
    );
    expect(text).toContain(
      'Dispute: FA-2026-1028 — quality : « rolls arrived damaged » (reminders paused on this invoice only)',
    );
    expect(text).toContain('Read by: offline rules');
    expect(text).toMatch(/\[Confirm\] \[Edit\] \[Cancel\]/);
    // Nothing is recorded before Confirm.
    expect(await counts('FR004')).toEqual(before);

    const confirm = button(shown, 'confirm_note');
    const done = renderText(await send(presses(confirm)));
    expect(done).toContain(
      'Recorded for Textiles Dubois SAS: the call, the promise (€5,000.00 by Fri 27 Nov + ',
    );
    expect(done).toContain('the dispute on FA-2026-1028 (reminders paused on it, review on Mon 30 Nov)');

    const promise = await ledger.models.PaymentPromise.findOne({
      customer: 'FR004',
      status: 'pending',
    }).lean();
    expect(promise!.instalments.map((i) => [fromStored(i.date), i.amount])).toEqual([
      ['2026-11-27', 500_000],
      ['2026-11-30', rest],
    ]);
    expect(promise!.owner).toBe('marie');
    const dispute = await ledger.models.Dispute.findOne({ customer: 'FR004' }).lean();
    expect(dispute).toMatchObject({
      invoices: ['FA-2026-1028'],
      reason: 'quality',
      status: 'open',
      recordedBy: 'marie',
    });
    const call = await ledger.models.Activity.findOne({
      customer: 'FR004',
      kind: 'call',
      summary: NOTE,
    }).lean();
    expect(call).toMatchObject({ author: 'marie', outcome: 'reached', channel: 'phone' });
    expect(await counts('FR004')).toEqual({
      promises: before.promises + 1,
      disputes: before.disputes + 1,
      activities: before.activities + 3, // the call, the promise, the dispute
    });

    // The disputed invoice leaves the ladder; the others stay on it.
    const invoices = await ledger.models.Invoice.find({ customer: 'FR004', status: { $ne: 'paid' } }).lean();
    const history = { customerReminders: [] };
    for (const inv of invoices) {
      const status = ladderPosition(invoiceFacts(inv), history, ledger.policy, ledger.today()).status;
      if (inv.number === 'FA-2026-1028') expect(status).toBe('paused_dispute');
      else expect(status).not.toBe('paused_dispute');
    }

    // Confirmed twice (a second press, a retried request): recorded once.
    const after = await counts('FR004');
    expect(renderText(await send(presses(confirm)))).toContain('already recorded: nothing was added');
    expect(await counts('FR004')).toEqual(after);

    // The worklist: called and promised today, Dubois is off today's list.
    expect(await marieCalls()).not.toContain('FR004');
  });

  it('finishes a recording a crash interrupted, without doubling what was written', async () => {
    const shown = await send(
      says('Brasserie Martin promised 2 000 € by Friday, FA-2026-1062 disputed: price not as agreed'),
    );
    const key = (button(shown, 'confirm_note') as { log: string }).log;
    // A crash after "confirmed" and part of the writes: the status says confirmed, nothing says recorded.
    await ledger.models.CallLog.updateOne({ key }, { $set: { status: 'confirmed' } });
    const { recordCallLog } = await import('../../../dialogs/call-note/record');
    const log = await ledger.models.CallLog.findOne({ key }).lean();
    await recordCallLog(ledger.models, ledger.policy, log!);
    const partial = await counts('FR007');

    expect(await finishInterruptedNotes(ledger)).toBe(1);
    expect(await counts('FR007')).toEqual(partial);
    expect((await ledger.models.CallLog.findOne({ key }).lean())!.status).toBe('recorded');
    expect(await finishInterruptedNotes(ledger)).toBe(0);
    expect(
      await ledger.models.PaymentPromise.countDocuments({
        customer: 'FR007',
        operationKey: `${key}#promise`,
      }),
    ).toBe(1);
  });

  it('asks which customer when two match, and offers them as buttons', async () => {
    const asked = await send(says('Pharmacie Laurent: no answer, call back Thursday'));
    expect(asked.summary).toBe(
      'Which customer: Pharmacie Laurent SAS (FR026) or Pharmacie Laurent SA (FR034)?',
    );
    const text = renderText(asked);
    expect(text).toContain('[Pharmacie Laurent SAS (FR026)] [Pharmacie Laurent SA (FR034)] [Cancel]');
    const shown = await send(presses(button(asked, 'note_customer')));
    expect(shown.title).toBe('To record — Pharmacie Laurent SAS (FR026)');
    expect(renderText(shown)).toContain('Call: no answer');
    expect(renderText(shown)).toContain('Call back: Thu 26 Nov');
    await send(presses(button(shown, 'confirm_note')));
    const customer = await ledger.models.Customer.findOne({ reference: 'FR026' }).lean();
    expect(fromStored(customer!.callbackOn!)).toBe('2026-11-26');
  });

  it('asks for the date of a promise, in French, and reads the answer', async () => {
    const before = await counts('FR001');
    const asked = await send(says('Brasserie Girard : joint M. Girard, va payer 3 000 €', 'fr'));
    expect(asked.summary).toBe('Pour quelle date le paiement de 3 000,00 € est-il promis ?');
    const shown = await send(says('vendredi', 'fr'));
    expect(shown.title).toBe('À enregistrer — Brasserie Girard SA (FR001)');
    expect(renderText(shown)).toContain('Promesse: 3 000,00 € le ven. 27 nov.');
    const cancelled = await send(presses(button(shown, 'cancel_note'), 'fr'));
    expect(cancelled.summary).toBe('Note annulée : rien n’a été enregistré.');
    expect(await counts('FR001')).toEqual(before);
  });

  it('questions an amount above the balance, and accepts it once the person confirms', async () => {
    const asked = await send(says('Pharmacie Girard will pay 20k Friday'));
    expect(asked.summary).toBe(
      '€20,000.00 promised, but they only owe €12,686.40: is that the right amount?',
    );
    const shown = await send(says('yes'));
    expect(renderText(shown)).toContain('Promise: €20,000.00 by Fri 27 Nov');
  });

  it('replaces a note after Edit with the corrected one', async () => {
    const shown = await send(says('Garage Garnier will pay 3k on Friday'));
    const edit = await send(presses(button(shown, 'edit_note')));
    expect(edit.summary).toContain('Send me the corrected note');
    const corrected = await send(says('Garage Garnier will pay 4k on Friday'));
    expect(renderText(corrected)).toContain('Promise: €4,000.00 by Fri 27 Nov');
    expect((button(corrected, 'confirm_note') as { log: string }).log).toBe(
      (button(shown, 'confirm_note') as { log: string }).log,
    );
  });

  it('takes the note after "Log outcome" on a customer, without naming them again', async () => {
    const prompt = await send(presses({ type: 'log_outcome', customer: 'FR013' }));
    expect(prompt.summary).toContain('How did the call with Bâtiment Girard SAS go?');
    const shown = await send(says('left a voicemail, call back tomorrow'));
    expect(shown.title).toBe('To record — Bâtiment Girard SAS (FR013)');
    expect(renderText(shown)).toContain('Call: voicemail');
    expect(renderText(shown)).toContain('Call back: Tue 24 Nov');
  });

  it('lets only the author act on a note, and still answers requests while a note waits', async () => {
    const shown = await send(says('Fonderie Girard will pay 1k Friday'));
    const other = await send(presses(button(shown, 'confirm_note'), 'en', 'tom'));
    expect(other.summary).toBe('Only the person who wrote this note can act on it.');
    await send(presses(button(shown, 'edit_note')));
    const list = await send(says('who should I call today?'));
    expect(list.title).toBe('Calls for Marie Lambert, today');
  });
});
