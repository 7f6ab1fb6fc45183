/**
 * The web chat outside local development: a per-person login (signed, single-use link →
 * signed session cookie). Without a valid session every request is 401; a session for tom
 * acts as tom whatever the page writes in `from`. And the start refuses an open web chat when
 * channel credentials are set, whatever NODE_ENV says (the real process: edge/webchat-start.test.ts).
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { createHttpServer } from '../../../bot/http-server';
import { mountTeams } from '../../../bot/teams/teams-channel';
import { loginLink, webChatMode } from '../../../bot/webchat/session';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { NOW } from '../../helpers/ledger';

const SECRET = 'webchat-secret-0123456789abcdef';
let relance: RunningRelance;

beforeAll(async () => {
  relance = await startRelance(
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false', WEBCHAT_SECRET: SECRET }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
});

const get = (path: string, cookie?: string) =>
  fetch(`${relance.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${relance.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Opens a login link; returns the session cookie it set. */
async function signIn(handle: string): Promise<string> {
  const res = await get(loginLink(relance.url, SECRET, handle, 15).slice(relance.url.length));
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/chat');
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  return set.split(';')[0]!;
}

async function until<T>(fn: () => Promise<T | null | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('web chat logins', () => {
  it('answers 401 to every web chat request without a valid per-person session', async () => {
    for (const path of ['/chat', '/webchat/people', '/webchat/webchat.js'])
      expect((await get(path)).status).toBe(401);
    expect((await post('/webchat/token', {})).status).toBe(401);
    expect((await post('/v3/directline/conversations', { authorization: 'Bearer made-up' })).status).toBe(
      401,
    );
    // The old shared-secret ways in open nothing.
    expect((await post('/webchat/token', { 'x-webchat-secret': SECRET })).status).toBe(401);
    expect((await get(`/chat?secret=${SECRET}`)).status).toBe(401);
    // A forged or tampered cookie, an expired or reused link: 401.
    expect((await get('/webchat/people', 'relance_session=eyJrIjoic2Vzc2lvbiJ9.AAAA')).status).toBe(401);
    const expired = loginLink(relance.url, SECRET, 'tom', 15, Date.now() - 16 * 60_000);
    expect((await get(expired.slice(relance.url.length))).status).toBe(401);
    const link = loginLink(relance.url, SECRET, 'tom', 15).slice(relance.url.length);
    expect((await get(link)).status).toBe(302);
    expect((await get(link)).status).toBe(401);
    // A link signed with another secret, or for nobody on the team.
    expect((await get(loginLink('', 'another-secret-0123456789', 'tom', 15))).status).toBe(401);
    expect((await get(loginLink('', SECRET, 'nobody', 15))).status).toBe(401);
  });

  it('a session for tom acts as tom, whatever the page sends as from.id', async () => {
    const cookie = await signIn('tom');
    const people = (await (await get('/webchat/people', cookie)).json()) as Array<{ handle: string }>;
    expect(people.map((p: { handle: string }) => p.handle)).toEqual(['tom']);
    expect((await get('/chat', cookie)).status).toBe(200);

    const { token } = (await (await post('/webchat/token', { cookie })).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const activities = async () =>
      (await (
        await fetch(`${relance.url}/v3/directline/conversations/${conversationId}/activities`, {
          headers: auth,
        })
      ).json()) as { activities: unknown[] };
    const { conversationId } = (await (await post('/v3/directline/conversations', auth)).json()) as {
      conversationId: string;
    };
    const sent = await post(`/v3/directline/conversations/${conversationId}/activities`, auth, {
      type: 'message',
      from: { id: 'claire', name: 'Claire' },
      text: 'calls for the team',
    });
    expect(sent.status).toBe(200);
    const reply = await until(async () => {
      const read = await activities();
      return (read.activities as Array<{ from: { id: string } }>).find((a) => a.from.id === 'relance');
    });
    expect(reply).toBeTruthy();
    const { ConversationRef } = relance.ledger.models;
    expect(await ConversationRef.countDocuments({ staff: 'tom', channel: 'web' })).toBe(1);
    expect(await ConversationRef.countDocuments({ staff: 'claire', channel: 'web' })).toBe(0);
    // The echo of the message says who really spoke.
    const read = await activities();
    const mine = (read.activities as Array<{ from: { id: string }; text?: string }>).find(
      (a) => a.text === 'calls for the team',
    );
    expect(mine?.from.id).toBe('tom');
  });
});

describe('when the web chat may be open', () => {
  it('is open (picker) only in local development: no credentials, loopback', () => {
    expect(webChatMode(parseConfig({ DATA_DIR: '' })).mode).toBe('local');
    expect(webChatMode(parseConfig({ DATA_DIR: '', WEBCHAT_SECRET: SECRET })).mode).toBe('login');
    const cases = [
      { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' },
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' },
      { HOST: '0.0.0.0' },
      { NODE_ENV: 'production' },
    ];
    for (const env of cases) {
      const mode = webChatMode(parseConfig({ DATA_DIR: '', ...env }));
      expect(mode).toMatchObject({ mode: 'refused', reason: expect.stringContaining('WEBCHAT_SECRET') });
      expect(webChatMode(parseConfig({ DATA_DIR: '', ...env, WEBCHAT_ENABLED: 'false' })).mode).toBe('off');
    }
  });

  it('with Teams credentials and NODE_ENV unset, the start refuses the open chat and says why', async () => {
    const env = {
      PORT: '0',
      DATA_DIR: '',
      DEMO_DATA: 'false',
      SCHEDULER_ENABLED: 'false',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-password',
    };
    await expect(
      startRelance(parseConfig(env), memoryLogger('silent').logger, fixedClock(NOW)),
    ).rejects.toThrow(/WEBCHAT_SECRET: required: Slack or Teams credentials are set.*WEBCHAT_ENABLED=false/s);
    // Switched off, it starts, with no web chat.
    const secured = await startRelance(
      parseConfig({ ...env, WEBCHAT_ENABLED: 'false' }),
      memoryLogger('silent').logger,
      fixedClock(NOW),
    );
    try {
      expect(secured.webchat).toBeNull();
      expect((await fetch(`${secured.url}/webchat/people`)).status).toBe(404);
    } finally {
      await secured.stop();
    }
  });

  it('Teams local mode only on loopback, and only to a loopback serviceUrl', async () => {
    const { logger } = memoryLogger('silent');
    const exposed = parseConfig({ DATA_DIR: '', HOST: '0.0.0.0' });
    expect(mountTeams(createHttpServer(logger), relance.services, exposed, logger)).toBeNull();

    const activity = (serviceUrl: string) => ({
      type: 'message',
      id: 'a-1',
      channelId: 'msteams',
      serviceUrl,
      from: { id: 'anyone', aadObjectId: 'anyone' },
      conversation: { id: 'c-1' },
      recipient: { id: 'bot' },
      text: 'hello',
    });
    const res = await post('/api/messages', {}, activity('https://attacker.example/'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});
