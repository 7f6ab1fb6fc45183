/**
 * Understanding what people type, through the local web chat as a browser drives it (Direct
 * Line over HTTP on the real server, demo ledger): thanks are never recorded, what is not
 * understood is said in the message's language with three commands, and a "which one?" is
 * answered by typing the name.
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { NOW } from '../../helpers/ledger';

jest.setTimeout(120_000);
let relance: RunningRelance;
beforeAll(async () => {
  relance = await startRelance(
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false' }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
});

const post = (path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${relance.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function until<T>(fn: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Activity {
  from: { id: string };
  text?: string;
  attachments?: unknown[];
  suggestedActions?: { actions: unknown[] };
}

/** A conversation as marie; `say` returns Relance's answer to that message. */
async function chatAs(staff: string) {
  const { token } = (await (await post('/webchat/token', {})).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const { conversationId } = (await (await post('/v3/directline/conversations', auth)).json()) as {
    conversationId: string;
  };
  const read = async () =>
    (
      (await (
        await fetch(`${relance.url}/v3/directline/conversations/${conversationId}/activities`, {
          headers: auth,
        })
      ).json()) as { activities: Activity[] }
    ).activities;
  return async (text: string): Promise<Activity> => {
    const seen = (await read()).filter((a) => a.from.id === 'relance').length;
    const sent = await post(`/v3/directline/conversations/${conversationId}/activities`, auth, {
      type: 'message',
      from: { id: staff, name: staff },
      text,
    });
    expect(sent.status).toBe(200);
    return until(async () => (await read()).filter((a) => a.from.id === 'relance')[seen]);
  };
}

const shown = (a: Activity) => JSON.stringify(a);

describe('the web chat understands what people type', () => {
  it('never records thanks, says what it did not understand in the message’s language, and takes a typed answer to "which one?"', async () => {
    const say = await chatAs('marie');
    const logs = () => relance.ledger.models.CallLog.countDocuments({});
    const before = await logs();
    for (const text of ['merci', 'super, merci beaucoup', '🙂 merci !']) {
      const reply = await say(text);
      expect(shown(reply)).not.toMatch(/À enregistrer|confirm_note/);
    }
    expect(await logs()).toBe(before);

    const fr = await say('quelle est la météo demain ?');
    expect(shown(fr)).toContain('Je n’ai pas compris');
    expect(shown(fr)).toContain('Brouillons à valider');
    const en = await say('what is the weather like tomorrow?');
    expect(shown(en)).toContain('I didn’t understand that');

    const which = await say('Dubois ?');
    expect(shown(which)).toContain('Textiles Dubois SAS (FR004)');
    const card = await say('Textiles Dubois');
    expect(shown(card)).toContain('Textiles Dubois SAS');
    expect(await logs()).toBe(before);
  });
});
