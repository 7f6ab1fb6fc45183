/**
 * The web chat's history across reloads, over Direct Line as the page speaks it, with logins:
 * a page that joins is shown the person's kept history and then a greeting; a reload (a new
 * token, a new conversation) shows the conversation again, a decided card with its decision;
 * another person's session never sees it, whatever its page claims; the history is capped.
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { HISTORY_MESSAGES, WebChatHistory } from '../../../bot/webchat/history';
import { JOIN_EVENT } from '../../../bot/webchat/join';
import { loginLink } from '../../../bot/webchat/session';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { until } from '../../helpers/channel-drivers';
import { NOW } from '../../helpers/ledger';

const SECRET = 'webchat-history-secret-0123456789';
let relance: RunningRelance;

beforeAll(async () => {
  // At NOW, 08:15 UTC: a morning in Paris and in London.
  relance = await startRelance(
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false', WEBCHAT_SECRET: SECRET }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
});

interface Activity {
  id: string;
  type: string;
  from: { id: string };
  text?: string;
  value?: unknown;
  attachments?: unknown[];
  replyToId?: string;
  suggestedActions?: { actions: Array<{ type: string; title: string; value: unknown }> };
  channelData?: Record<string, unknown>;
}

async function signIn(handle: string): Promise<string> {
  const res = await fetch(loginLink(relance.url, SECRET, handle, 15), { redirect: 'manual' });
  expect(res.status).toBe(302);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** What a page does when it opens: a token from its session, a conversation, the join event. */
async function openPage(cookie: string, claims = 'someone') {
  const { token } = (await (
    await fetch(`${relance.url}/webchat/token`, { method: 'POST', headers: { cookie } })
  ).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const { conversationId } = (await (
    await fetch(`${relance.url}/v3/directline/conversations`, { method: 'POST', headers: auth })
  ).json()) as { conversationId: string };
  const base = `${relance.url}/v3/directline/conversations/${conversationId}/activities`;
  const send = async (activity: Record<string, unknown>) => {
    const res = await fetch(base, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ from: { id: claims }, ...activity }),
    });
    expect(res.status).toBe(200);
  };
  const read = async () =>
    ((await (await fetch(base, { headers: auth })).json()) as { activities: Activity[] }).activities;
  await send({ type: 'event', name: JOIN_EVENT, value: {} });
  const greeting = await until(
    async () => (await read()).find((a) => a.from.id === 'relance' && a.suggestedActions),
    'the greeting',
    30_000,
  );
  return { id: conversationId, send, read, greeting };
}

const cardText = (a: Activity) => JSON.stringify(a.attachments ?? a.text ?? '');

describe('the web chat keeps each person’s conversation across reloads', () => {
  it('greets with three things to try, keeps what was said and decided, and shows it again after a reload', async () => {
    const marie = await signIn('marie');
    const first = await openPage(marie);
    // A first visit: hello by the morning in Paris, in Marie's language, three buttons.
    expect(first.greeting.text).toMatch(/^Bonjour Marie, je suis Relance/);
    const tries = first.greeting.suggestedActions!.actions;
    expect(tries.map((a) => a.title)).toEqual([
      'Qui dois-je appeler aujourd’hui ?',
      'Mon point du matin',
      'Brouillons à valider',
    ]);
    expect((await first.read()).filter((a) => a.from.id === 'relance')).toHaveLength(1);

    // The first button, pressed as Web Chat sends a messageBack: Marie's worklist.
    await first.send({
      type: 'message',
      value: tries[0]!.value,
      channelData: { messageBack: { displayText: tries[0]!.title }, clientActivityID: 'h-1' },
    });
    const worklist = await until(
      async () => (await first.read()).find((a) => a.from.id === 'relance' && /Appels/.test(cardText(a))),
      'the worklist',
      30_000,
    );
    // A call note, then its confirmation card decided with Cancel (replaced in place).
    await first.send({
      type: 'message',
      text: 'Textiles Dubois : eu Julien Garnier, il paiera 5000 € vendredi',
      channelData: { clientActivityID: 'h-2' },
    });
    const toRecord = await until(
      async () =>
        (await first.read()).find((a) => a.from.id === 'relance' && cardText(a).includes('cancel_note')),
      'the note to confirm',
      30_000,
    );
    const cancel = JSON.parse(
      /"data":(\{"type":"cancel_note"[^}]*\})/.exec(cardText(toRecord).replace(/\\"/g, '"'))![1]!,
    );
    await first.send({ type: 'message', value: cancel, channelData: { clientActivityID: 'h-3' } });
    // The card is replaced in place (the same id, its new content at the end of the log).
    await until(
      async () => {
        const decided = (await first.read()).find((a) => a.id === toRecord.id);
        return decided && !cardText(decided).includes('cancel_note') ? decided : undefined;
      },
      'the decided card',
      30_000,
    );
    await relance.webchat!.idle();

    // Reloaded: a new token, a new conversation — the conversation is there again, in order.
    const reloaded = await openPage(marie);
    const shown = await reloaded.read();
    const said = shown.map((a) =>
      a.from.id === 'relance'
        ? a.suggestedActions
          ? 'greeting'
          : a.id
        : ((a.channelData?.messageBack as { displayText?: string } | undefined)?.displayText ?? a.text),
    );
    expect(said).toEqual([
      'Qui dois-je appeler aujourd’hui ?',
      worklist.id,
      'Textiles Dubois : eu Julien Garnier, il paiera 5000 € vendredi',
      toRecord.id,
      'greeting',
    ]);
    // The decided card shows its decision, not its buttons; no reply waits for a message it never had.
    expect(cardText(shown[3]!)).not.toContain('cancel_note');
    expect(shown.every((a) => a.replyToId === undefined)).toBe(true);
    // The greeting of a page that shows an earlier conversation says so.
    expect(reloaded.greeting.text).toMatch(/^Bonjour Marie, voici notre conversation/);
    // The page just opened is where proactive messages go now.
    const ref = await relance.ledger.models.ConversationRef.findOne({
      staff: 'marie',
      channel: 'web',
    }).lean();
    expect((ref!.ref as { conversation: { id: string } }).conversation.id).toBe(reloaded.id);
  }, 120_000);

  it('never shows one person’s conversation to another, whatever the page claims', async () => {
    const tom = await signIn('tom');
    // Tom's page claims to be Marie: the session says Tom.
    const page = await openPage(tom, 'marie');
    const shown = await page.read();
    expect(shown.map((a) => a.from.id)).toEqual(['relance']);
    expect(page.greeting.text).toMatch(/^Good morning Tom/);
    expect(JSON.stringify(shown)).not.toContain('Textiles Dubois');
    await page.send({ type: 'message', text: 'merci', channelData: { clientActivityID: 't-1' } });
    await until(
      async () =>
        (await page.read()).filter((a) => a.from.id === 'relance').length === 2 ? true : undefined,
      'the answer',
      30_000,
    );
    await relance.webchat!.idle();
    const kept = relance.ledger.models.WebChatMessage;
    expect(await kept.countDocuments({ staff: 'tom' })).toBe(2);
    expect(await kept.countDocuments({ staff: 'marie', json: /merci/ })).toBe(0);
  }, 60_000);

  it('keeps the last HISTORY_MESSAGES messages of a person, and nothing a page does not show', async () => {
    const history = new WebChatHistory(relance.ledger.models, (err) => {
      throw err;
    });
    history.bind('conv-claire', 'claire', () => true);
    const n = HISTORY_MESSAGES + 10;
    for (let i = 0; i < n; i++)
      history.written('conv-claire', {
        type: 'message',
        id: `m-${i}`,
        text: `message ${i}`,
        from: { id: 'claire', name: '' },
      });
    // Typing indicators and a press without words are not kept; an unbound conversation neither.
    history.written('conv-claire', { type: 'typing', id: 'typing-1' });
    history.written('conv-claire', { type: 'message', id: 'press-1', value: { type: 'command' } });
    history.written('conv-other', { type: 'message', id: 'other-1', text: 'not bound' });
    await history.idle();
    const shown = await history.load('claire', 'conv-new');
    expect(shown.map((a) => a.text)).toEqual(
      Array.from({ length: HISTORY_MESSAGES }, (_, i) => `message ${i + n - HISTORY_MESSAGES}`),
    );
    expect(shown.every((a) => a.conversation?.id === 'conv-new')).toBe(true);
    expect(await relance.ledger.models.WebChatMessage.countDocuments({ staff: 'claire' })).toBe(
      HISTORY_MESSAGES,
    );
    // Expired messages are not shown (the TTL index purges them).
    await relance.ledger.models.WebChatMessage.updateMany(
      { staff: 'claire' },
      { $set: { expiresAt: new Date(0) } },
    );
    expect(await history.load('claire', 'conv-new')).toEqual([]);
  }, 60_000);
});
