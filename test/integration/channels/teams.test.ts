/**
 * Teams through the real botbuilder CloudAdapter: Bot Framework activities POSTed to
 * /api/messages, replies captured by a local fake connector (the activities' serviceUrl).
 * Every card sent is validated by the adaptivecards library.
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { answerDigest } from '../../../dialogs/digest';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { cardProblems } from '../../helpers/adaptive-cards';
import { type ConnectorCall, type FakeConnector, startFakeConnector } from '../../helpers/fake-connector';
import { NOW } from '../../helpers/ledger';
import { expectDuboisLetter, type FakeSmtp, startFakeSmtp } from '../../helpers/smtp';

const MARIE = '00000000-0000-4000-8000-00000000000a';
let relance: RunningRelance;
let connector: FakeConnector;
let seq = 0;

let smtp: FakeSmtp;

beforeAll(async () => {
  connector = await startFakeConnector();
  smtp = await startFakeSmtp();
  relance = await startRelance(
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false', SMTP_URL: smtp.url }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
  await connector.close();
  await smtp.stop();
});

function activity(extra: Record<string, unknown>, user = MARIE) {
  return {
    type: 'message',
    id: `act-${++seq}`,
    timestamp: new Date(NOW).toISOString(),
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: `29:${user}`, aadObjectId: user, name: 'Marie Lambert' },
    conversation: { id: `a:personal-${user}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:relance', name: 'Relance' },
    locale: 'en-GB',
    ...extra,
  };
}

/** Posts an activity and returns the connector calls it caused. */
async function post(body: Record<string, unknown>, expectCalls = 1): Promise<ConnectorCall[]> {
  const before = connector.calls.length;
  const res = await fetch(`${relance.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  await connector.waitFor(before + expectCalls);
  return connector.calls.slice(before);
}

function card(call: ConnectorCall): Record<string, unknown> {
  const attachments = call.activity.attachments as Array<{
    contentType: string;
    content: Record<string, unknown>;
  }>;
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const content = attachments[0]!.content;
  expect(cardProblems(content)).toEqual([]);
  return content;
}
const cardText = (c: Record<string, unknown>) => JSON.stringify(c);
/** The data of the card's button with this title. */
function buttonData(c: Record<string, unknown>, title: string | RegExp): Record<string, unknown> {
  const found = /"type":"Action\.Submit","title":"([^"]+)","data":(\{[^}]*\})/g;
  for (const m of cardText(c).matchAll(found))
    if (typeof title === 'string' ? m[1] === title : title.test(m[1]!)) return JSON.parse(m[2]!);
  throw new Error(`no button "${title}" in ${cardText(c).slice(0, 500)}`);
}

describe('Teams', () => {
  it('answers "who should I call today" with a ranked worklist card', async () => {
    const [call] = await post(activity({ text: 'who should I call today?' }));
    expect(call!.method).toBe('POST');
    expect(call!.conversation).toBe(`a:personal-${MARIE}`);
    const c = card(call!);
    expect(cardText(c)).toContain('Calls for Marie Lambert, today');
    expect(cardText(c)).toMatch(/"text":"1\. [^"]+"/);
    expect(cardText(c)).toContain('"title":"Log outcome"');
  });

  it('approves a draft from the card and updates the card in place', async () => {
    const [draftCall] = await post(activity({ text: 'draft a reminder letter for Textiles Dubois' }));
    // The drafter's warning (no ECB rate entered for 2026-H2) is read before approval.
    expect(cardText(card(draftCall!))).toContain('ECB rate for 2026-H2 not entered');
    const acknowledge = buttonData(card(draftCall!), 'Acknowledge warnings');
    const [read] = await post(activity({ value: acknowledge, replyToId: draftCall!.id }));
    expect(read!.method).toBe('PUT');
    const approve = buttonData(card(read!), /^(Approve|Valider)$/);
    const [update] = await post(activity({ value: approve, replyToId: draftCall!.id }));
    expect(update!.method).toBe('PUT');
    expect(update!.activityId).toBe(draftCall!.id);
    const updated = cardText(card(update!));
    expect(updated).toMatch(/"(Decision|Décision\u00a0):? "/);
    expect(updated).not.toContain('"title":"Approve"');
    const approval = await relance.ledger.models.Activity.findOne({
      kind: 'approval',
      customer: 'FR004',
    }).lean();
    expect(approval).toMatchObject({ author: 'marie', outcome: 'approved' });
  });

  it('sends the edited, approved letter by email once, its PDF holding the edit', async () => {
    const sentence =
      'Nous pouvons convenir d’un échéancier sur trois mois si vous nous appelez cette semaine.';
    const [draftCall] = await post(activity({ text: 'draft a reminder letter for Textiles Dubois' }));
    const edit = buttonData(card(draftCall!), 'Edit');
    const label = (c: Record<string, unknown>, en: string, fr: string) =>
      cardText(c).includes(`"title":"${en}"`) ? en : fr;
    const [form] = await post(activity({ value: edit, replyToId: draftCall!.id }));
    const body = /"id":"body","label":"[^"]+","value":"((?:[^"\\]|\\.)*)"/.exec(cardText(card(form!)))![1]!;
    const text = `${sentence}\n\n${JSON.parse(`"${body}"`)}`;
    const [edited] = await post(
      activity({
        value: { ...edit, subject: 'Factures échues : où en êtes-vous ?', body: text },
        replyToId: form!.id,
      }),
    );
    const acknowledge = buttonData(
      card(edited!),
      label(card(edited!), 'Acknowledge warnings', 'J’ai lu les avertissements'),
    );
    const [read] = await post(activity({ value: acknowledge, replyToId: edited!.id }));
    const approve = buttonData(card(read!), label(card(read!), 'Approve', 'Valider'));
    expect(approve).toMatchObject({ type: 'approve_draft', version: 2 });
    const before = smtp.received.length;
    const [done] = await post(activity({ value: approve, replyToId: edited!.id }));
    expect(cardText(card(done!))).toMatch(
      /"(Status: |Statut\u00a0: )"[^}]*\},\{"type":"TextRun","text":"(sent|envoyé)"/,
    );
    await smtp.waitFor(before + 1);
    await expectDuboisLetter(relance.ledger.models, smtp.received[before]!, sentence);
    // Pressing Approve again on the old card counts once: no new message, nothing sent again.
    await post(activity({ value: approve, replyToId: edited!.id }), 0);
    await relance.teams!.idle();
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('logs a typed call outcome, confirmed from the card, once even when Teams redelivers', async () => {
    const note =
      'Textiles Dubois: spoke to Julien Garnier, will pay 2k Friday, FA-2026-1030 disputed: wrong quantity delivered';
    const [shown] = await post(activity({ text: note }));
    const confirm = buttonData(card(shown!), 'Confirm');
    const press = activity({ value: confirm, replyToId: shown!.id });
    const [done] = await post(press);
    expect(done!.method).toBe('PUT');
    expect(String(done!.activity.text)).toContain('Recorded for Textiles Dubois SAS');
    // The same activity again (Teams retries when the answer was slow): skipped.
    const before = connector.calls.length;
    await fetch(`${relance.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(press),
    });
    await relance.teams!.idle();
    expect(connector.calls.length).toBe(before);
    const m = relance.ledger.models;
    expect(await m.PaymentPromise.countDocuments({ customer: 'FR004', status: 'pending' })).toBe(1);
    expect(
      await m.Dispute.countDocuments({ customer: 'FR004', invoices: 'FA-2026-1030', reason: 'quantity' }),
    ).toBe(1);
  });

  it('sends the digest proactively through the stored conversation reference', async () => {
    const stored = await relance.ledger.models.ConversationRef.findOne({
      staff: 'marie',
      channel: 'teams',
    }).lean();
    expect(stored).not.toBeNull();
    const { reply } = await answerDigest('marie', relance.ledger.today(), 'fr', relance.services);
    const before = connector.calls.length;
    expect(await relance.teams!.notify('marie', reply)).toBe(true);
    const [sent] = (await connector.waitFor(before + 1)).slice(before);
    expect(sent!.method).toBe('POST');
    expect(sent!.activityId).toBeUndefined();
    expect(sent!.conversation).toBe(`a:personal-${MARIE}`);
    expect(cardText(card(sent!))).toContain('Marie');
    expect(await relance.teams!.notify('claire', reply)).toBe(false); // never wrote to Relance in Teams
  });

  it('hands over the inbox (what could not be delivered) at the next message, once', async () => {
    await relance.ledger.models.Delivery.create({
      key: 'digest:marie:2026-11-20',
      job: 'morning-digest',
      staff: 'marie',
      status: 'inbox',
      reply: {
        summary: 'Held for you: Friday digest',
        sections: [{ blocks: [{ kind: 'text', text: 'Held for you: Friday digest' }] }],
      },
    });
    const [held, answer] = await post(activity({ text: 'help' }), 2);
    expect(String(held!.activity.text)).toBe('Held for you: Friday digest');
    expect(String(answer!.activity.text)).toMatch(/I can tell you who to call|Je peux vous dire/);
    expect(
      await relance.ledger.models.Delivery.findOne({ key: 'digest:marie:2026-11-20' }).lean(),
    ).toMatchObject({
      status: 'sent',
      channel: 'teams',
    });
    const [only] = await post(activity({ text: 'help' }));
    expect(String(only!.activity.text)).not.toContain('Held for you');
  });

  it('refuses an unknown user with a clear message and nothing else', async () => {
    const [call] = await post(
      activity({ text: 'who should I call today?' }, '99999999-0000-4000-8000-000000000000'),
    );
    expect(String(call!.activity.text)).toMatch(/I don't know you yet|Je ne vous connais pas encore/);
    expect(call!.activity.attachments).toBeUndefined();
  });
});

describe('Teams with credentials', () => {
  it('rejects a request without a valid Bot Framework token (401)', async () => {
    const secured = await startRelance(
      parseConfig({
        PORT: '0',
        DATA_DIR: '',
        DEMO_DATA: 'false',
        MicrosoftAppId: 'app-id',
        MicrosoftAppPassword: 'secret',
        WEBCHAT_ENABLED: 'false',
      }),
      memoryLogger('silent').logger,
    );
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${secured.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(activity({ text: 'hello' })),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ authorization: 'Bearer garbage' })).status).toBe(401);
    } finally {
      await secured.stop();
    }
  });
});
