/**
 * The channel contract: the same scripted conversation, the same assertions, run against the
 * Slack, Teams and web chat edges (as vercel/chat's adapter contract does). Each edge is
 * driven over its real protocol (signed Slack requests, Bot Framework activities to
 * /api/messages, Direct Line calls) and observed where the platform would see it (the fake
 * Slack Web API, the fake Bot Framework connector, the Direct Line activity log). Absence is
 * asserted after awaiting the edge's own completion (`idle()`), never after a fixed sleep.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningRelance, startRelance } from '../../../bot/app';
import { loginLink } from '../../../bot/webchat/session';
import { textReply } from '../../../dialogs/reply';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { type FakeConnector, startFakeConnector } from '../../helpers/fake-connector';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai';
import { type FakeSlack, slackSignature, startFakeSlack } from '../../helpers/fake-slack';
import { NOW } from '../../helpers/ledger';

const SECRET = 'contract-signing-secret';
const WEBCHAT_SECRET = 'contract-webchat-secret-0123456789';
type Person = 'marie' | 'tom';

/** What a person sees of Relance on a platform, normalised. */
interface Seen {
  kind: 'post' | 'update' | 'ephemeral' | 'typing';
  /** The message's id (Slack ts, activity id); an update names the message it replaces. */
  id: string;
  /** Who it is for (ephemeral) or where it was posted. */
  where: string;
  text: string;
  at: number;
}

/** A button as the platform shows it, with what pressing it sends back. */
interface Shown {
  id: string;
  where: string;
  text: string;
  raw: unknown;
}

interface Driver {
  name: 'slack' | 'teams' | 'web';
  /** Writes to Relance in the person's personal conversation; `id` fixes the platform's id (to redeliver). */
  say(who: Person, text: string, id?: string): Promise<void>;
  /** Writes in a group conversation (a channel, a group chat), mentioning Relance; null when the platform has none. */
  sayInGroup: ((who: Person, text: string) => Promise<void>) | null;
  /** Presses the button labelled `label` of a message Relance sent. */
  press(who: Person, message: Shown, label: string): Promise<void>;
  /** Everything Relance did on the platform since `mark`. */
  seen(mark: number): Promise<Seen[]>;
  mark(): number;
  /** The messages (with their buttons) Relance posted since `mark`. */
  messages(mark: number): Promise<Shown[]>;
  /** Where the person's personal conversation is (to check proactive messages land there). */
  personalOf(who: Person): Promise<string>;
  idle(): Promise<void>;
}

let relance: RunningRelance;
let slack: FakeSlack;
let connector: FakeConnector;
let openai: FakeOpenAI;
let seq = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  connector = await startFakeConnector();
  openai = await startFakeOpenAI();
  openai.answer(() => ({ status: 500 }));
  relance = await startRelance(
    parseConfig({
      PORT: '0',
      DATA_DIR: '',
      SCHEDULER_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.url,
      LLM_TIMEOUT_MS: '2500',
      // With channel credentials the web chat needs a login per person (a signed link).
      WEBCHAT_SECRET: WEBCHAT_SECRET,
    }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
  await slack.close();
  await connector.close();
  await openai.close();
});

// ---------------------------------------------------------------- Slack
const SLACK_USER: Record<Person, string> = { marie: 'U0DEMOMARIE', tom: 'U0DEMOTOM' };

async function slackPost(body: string, contentType: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${relance.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignature(SECRET, body, ts) },
    body,
  });
}

function slackButtons(blocks: unknown): Array<{ label: string; raw: unknown; actionId: string }> {
  const out: Array<{ label: string; raw: unknown; actionId: string }> = [];
  for (const b of (blocks as Array<Record<string, unknown>>) ?? [])
    if (b.type === 'actions')
      for (const e of b.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
        out.push({ label: e.text.text, raw: e.value, actionId: e.action_id });
  return out;
}

const slackDriver: Driver = {
  name: 'slack',
  async say(who, text, id) {
    const n = ++seq;
    const ts = `1700001000.${String(n).padStart(6, '0')}`;
    const body = {
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: id ?? `EvC${n}`,
      event_time: 1_700_001_000 + n,
      event: {
        type: 'message',
        channel_type: 'im',
        channel: SLACK_USER[who].replace(/^U/, 'D'),
        user: SLACK_USER[who],
        text,
        ts,
      },
    };
    expect((await slackPost(JSON.stringify(body), 'application/json')).status).toBe(200);
  },
  async sayInGroup(who, text) {
    const n = ++seq;
    const ts = `1700002000.${String(n).padStart(6, '0')}`;
    const body = {
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `EvG${n}`,
      event_time: 1_700_002_000 + n,
      event: {
        type: 'app_mention',
        channel: 'C0COLLECT',
        user: SLACK_USER[who],
        text: `<@UBOT> ${text}`,
        ts,
      },
    };
    expect((await slackPost(JSON.stringify(body), 'application/json')).status).toBe(200);
  },
  async press(who, message, label) {
    const b = slackButtons((message.raw as { blocks: unknown }).blocks).find((x) => x.label === label);
    if (!b) throw new Error(`no button ${label}`);
    const n = ++seq;
    const channel = message.where;
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: SLACK_USER[who] },
      api_app_id: 'A1',
      trigger_id: `trig-${n}`,
      response_url: slack.responseUrl(`c${n}`),
      container: { type: 'message', message_ts: message.id, channel_id: channel, is_ephemeral: false },
      channel: { id: channel },
      message: { ts: message.id, blocks: (message.raw as { blocks: unknown }).blocks },
      actions: [{ type: 'button', action_id: b.actionId, block_id: 'b1', value: b.raw, action_ts: `${n}.0` }],
    };
    const res = await slackPost(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
  },
  mark: () => slack.calls.length,
  async seen(mark) {
    return slack.calls.slice(mark).flatMap((c): Seen[] => {
      const text = JSON.stringify(c.args.blocks ?? c.args.text ?? '');
      const where = String(c.args.channel ?? '').replace(/^U/, 'D');
      if (c.method === 'chat.postMessage') return [{ kind: 'post', id: c.ts!, where, text, at: c.at }];
      if (c.method === 'chat.update')
        return [{ kind: 'update', id: String(c.args.ts), where, text, at: c.at }];
      if (c.method === 'chat.postEphemeral')
        return [{ kind: 'ephemeral', id: '', where: String(c.args.user), text, at: c.at }];
      return [];
    });
  },
  async messages(mark) {
    // A slow answer is the placeholder message, updated with it: shown as that message's final content.
    const calls = slack.calls.slice(mark);
    return calls
      .filter((c) => c.method === 'chat.postMessage')
      .map((c) => {
        const last = calls.filter((u) => u.method === 'chat.update' && u.args.ts === c.ts).at(-1) ?? c;
        return {
          id: c.ts!,
          where: String(c.args.channel).replace(/^U/, 'D'),
          text: JSON.stringify(last.args.blocks ?? last.args.text),
          raw: last.args,
        };
      });
  },
  personalOf: async (who) => SLACK_USER[who].replace(/^U/, 'D'),
  idle: () => relance.slack!.idle(),
};

// ---------------------------------------------------------------- Teams
const AAD: Record<Person, string> = {
  marie: '00000000-0000-4000-8000-00000000000a',
  tom: '00000000-0000-4000-8000-00000000000b',
};
const GROUP = '19:group-collections@thread.v2';

function teamsActivity(who: Person, extra: Record<string, unknown>) {
  return {
    type: 'message',
    id: `tact-${++seq}`,
    timestamp: new Date(NOW).toISOString(),
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: `29:${AAD[who]}`, aadObjectId: AAD[who], name: who },
    conversation: { id: `a:personal-${AAD[who]}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:relance', name: 'Relance' },
    locale: 'en-GB',
    ...extra,
  };
}

async function teamsPost(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${relance.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const teamsDriver: Driver = {
  name: 'teams',
  async say(who, text, id) {
    const res = await teamsPost(teamsActivity(who, { text, ...(id ? { id } : {}) }));
    expect(res.status).toBe(200);
  },
  async sayInGroup(who, text) {
    const res = await teamsPost(
      teamsActivity(who, {
        text: `<at>Relance</at> ${text}`,
        conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' },
        entities: [
          { type: 'mention', text: '<at>Relance</at>', mentioned: { id: '28:relance', name: 'Relance' } },
        ],
      }),
    );
    expect(res.status).toBe(200);
  },
  async press(who, message, label) {
    const data = teamsButton(message.raw, label);
    const res = await teamsPost(
      teamsActivity(who, {
        value: data,
        replyToId: message.id,
        conversation: {
          id: message.where,
          conversationType: message.where === GROUP ? 'groupChat' : 'personal',
          isGroup: message.where === GROUP,
          tenantId: 'tenant-1',
        },
      }),
    );
    expect(res.status).toBe(200);
  },
  mark: () => connector.calls.length,
  async seen(mark) {
    return connector.calls.slice(mark).map((c) => ({
      kind: c.activity.type === 'typing' ? 'typing' : c.method === 'PUT' ? 'update' : 'post',
      id: c.method === 'PUT' ? c.activityId! : c.id,
      where: c.conversation,
      text: JSON.stringify(c.activity.attachments ?? c.activity.text ?? ''),
      at: Date.now(),
    }));
  },
  async messages(mark) {
    // A card updated since (PUT) is shown as its latest content.
    const calls = connector.calls.slice(mark);
    return calls
      .filter((c) => c.method === 'POST' && c.activity.type === 'message')
      .map((c) => {
        const last = calls.filter((u) => u.method === 'PUT' && u.activityId === c.id).at(-1) ?? c;
        return {
          id: c.id,
          where: c.conversation,
          text: JSON.stringify(last.activity.attachments ?? last.activity.text),
          raw: last.activity,
        };
      });
  },
  personalOf: async (who) => `a:personal-${AAD[who]}`,
  idle: () => relance.teams!.idle(),
};

function teamsButton(activity: unknown, label: string): unknown {
  const text = JSON.stringify(activity);
  for (const m of text.matchAll(/"type":"Action\.Submit","title":"([^"]+)","data":(\{[^}]*\})/g))
    if (m[1] === label) return JSON.parse(m[2]!);
  throw new Error(`no button ${label}`);
}

// ---------------------------------------------------------------- web chat
interface WebConversation {
  cookie: string;
  token: string;
  id: string;
  log: Array<{ seq: number; activity: Record<string, unknown>; at: number }>;
  watermark: string;
}
const web: Partial<Record<Person, WebConversation>> = {};
let webSeq = 0;
/** Everything the web chat pages saw, in order (polled over Direct Line). */
const webLog: Array<{ who: Person; activity: Record<string, unknown>; at: number }> = [];

async function webConversation(who: Person): Promise<WebConversation> {
  const existing = web[who];
  if (existing) return existing;
  // Signed in through a login link: who speaks comes from the session, not from the page.
  const link = await fetch(loginLink(relance.url, WEBCHAT_SECRET, who, 15), { redirect: 'manual' });
  const cookie = (link.headers.get('set-cookie') ?? '').split(';')[0]!;
  const issued = await fetch(`${relance.url}/webchat/token`, { method: 'POST', headers: { cookie } });
  const { token } = (await issued.json()) as { token: string };
  const started = await fetch(`${relance.url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const { conversationId } = (await started.json()) as { conversationId: string };
  const c = { cookie, token, id: conversationId, log: [], watermark: '0' };
  web[who] = c;
  return c;
}

async function webPoll(): Promise<void> {
  for (const who of Object.keys(web) as Person[]) {
    const c = web[who]!;
    const res = await fetch(
      `${relance.url}/v3/directline/conversations/${c.id}/activities?watermark=${c.watermark}`,
      {
        headers: { authorization: `Bearer ${c.token}` },
      },
    );
    const body = (await res.json()) as { activities: Array<Record<string, unknown>>; watermark: string };
    c.watermark = body.watermark;
    for (const a of body.activities)
      if ((a.from as { id?: string } | undefined)?.id === 'relance')
        webLog.push({ who, activity: a, at: Date.now() });
  }
}

async function webSend(who: Person, activity: Record<string, unknown>): Promise<void> {
  const c = await webConversation(who);
  const res = await fetch(`${relance.url}/v3/directline/conversations/${c.id}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ from: { id: who }, ...activity }),
  });
  expect(res.status).toBe(200);
}

const webDriver: Driver = {
  name: 'web',
  async say(who, text, id) {
    await webSend(who, { type: 'message', text, channelData: { clientActivityID: id ?? `cli-${++webSeq}` } });
  },
  sayInGroup: null,
  async press(who, message, label) {
    await webSend(who, {
      type: 'message',
      value: teamsButton(message.raw, label),
      channelData: { clientActivityID: `cli-${++webSeq}` },
    });
  },
  mark: () => webLog.length,
  async seen(mark) {
    await webPoll();
    const ids = new Set(webLog.slice(0, mark).map((e) => e.activity.id));
    const out: Seen[] = [];
    for (const e of webLog.slice(mark)) {
      const id = String(e.activity.id);
      const kind = e.activity.type === 'typing' ? 'typing' : ids.has(id) ? 'update' : 'post';
      ids.add(id);
      out.push({
        kind,
        id,
        where: web[e.who]!.id,
        text: JSON.stringify(e.activity.attachments ?? e.activity.text ?? ''),
        at: e.at,
      });
    }
    return out;
  },
  async messages(mark) {
    return (await webDriver.seen(mark))
      .filter((s) => s.kind === 'post')
      .map((s) => {
        const last = webLog.filter((e) => e.activity.id === s.id).at(-1)!.activity;
        return {
          id: s.id,
          where: s.where,
          text: JSON.stringify(last.attachments ?? last.text ?? ''),
          raw: last,
        };
      });
  },
  personalOf: async (who) => (await webConversation(who)).id,
  idle: () => relance.webchat!.idle(),
};

// ---------------------------------------------------------------- the contract
async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The first message Relance posted since `mark` that matches. */
async function posted(d: Driver, mark: number, match: RegExp): Promise<Shown> {
  return until(
    async () => (await d.messages(mark)).find((m) => match.test(m.text)),
    `a message matching ${match}`,
  );
}

describe.each([slackDriver, teamsDriver, webDriver])('the channel contract on $name', (d) => {
  it('answers a request in the personal conversation, once even when the platform redelivers it', async () => {
    const mark = d.mark();
    const id = `redelivered-${d.name}-${++seq}`;
    await d.say('marie', 'who should I call today?', id);
    await d.say('marie', 'who should I call today?', id);
    await posted(d, mark, /Bâtiment|FR0/);
    await d.idle();
    const answers = (await d.seen(mark)).filter((s) => s.kind === 'post');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.where).toBe(await d.personalOf('marie'));
  });

  it('a refused press is said to the presser only and consumes nothing: the owner then approves once', async () => {
    const ask = d.mark();
    // The draft is asked where both can see it (a channel or group chat), else in Marie's chat.
    if (d.sayInGroup) await d.sayInGroup('marie', 'draft a reminder letter for Textiles Dubois');
    else await d.say('marie', 'draft a reminder letter for Textiles Dubois');
    const card = await posted(d, ask, /Textiles Dubois/);
    await d.idle();

    // Tom has written to Relance in his own chat before (so Relance knows where that is).
    const hello = d.mark();
    await d.say('tom', 'help');
    await posted(d, hello, /./);
    await d.idle();
    const refused = d.mark();
    // Tom presses the first decision on Marie's draft (its warnings must be read before approval).
    await d.press('tom', card, 'Acknowledge warnings');
    await until(async () => ((await d.seen(refused)).length > 0 ? true : undefined), 'the refusal');
    await d.idle();
    const afterRefusal = await d.seen(refused);
    expect(afterRefusal.filter((s) => s.kind === 'update' && s.id === card.id)).toEqual([]);
    expect(afterRefusal.map((s) => s.text).join(' ')).toMatch(/only marie .* or a manager can decide/);
    // Not for everyone in the shared conversation: ephemeral (Slack) or in Tom's own chat.
    const toms = await d.personalOf('tom');
    for (const s of afterRefusal.filter((x) => x.kind !== 'typing'))
      expect(s.kind === 'ephemeral' ? SLACK_USER.tom : s.where).toBe(s.kind === 'ephemeral' ? s.where : toms);

    // His press consumed nothing: Marie's own press of the same button works.
    const reading = d.mark();
    await d.press('marie', card, 'Acknowledge warnings');
    await until(
      async () =>
        (await d.seen(reading)).some((s) => s.kind === 'update' && s.id === card.id) ? true : undefined,
      'the warnings acknowledged',
    );
    await d.idle();
    const read = (await d.messages(ask)).find((m) => m.id === card.id)!;
    expect(read.text).toMatch(/acknowledged by marie/);

    const approving = d.mark();
    await d.press('marie', read, 'Approve');
    await d.press('marie', read, 'Approve');
    await until(
      async () =>
        (await d.seen(approving)).some((s) => s.kind === 'update' && s.id === card.id) ? true : undefined,
      'the card updated',
    );
    await d.idle();
    const updates = (await d.seen(approving)).filter((s) => s.kind === 'update' && s.id === card.id);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.text).toMatch(/approved/);
    const draftKey = await relance.ledger.models.Draft.findOne({ customer: 'FR004', status: 'approved' })
      .sort({ updatedAt: -1 })
      .lean();
    expect(draftKey).not.toBeNull();
    await relance.ledger.models.Draft.updateMany({ customer: 'FR004' }, { $set: { status: 'superseded' } });
  });

  it('shows a placeholder within 2 s while the LLM is slow, then the answer when done', async () => {
    openai.answer(() => ({ hang: true }));
    try {
      const mark = d.mark();
      const started = Date.now();
      await d.say('marie', 'draft a reminder letter for Boulangerie');
      const first = await until(
        async () => (await d.seen(mark)).find((s) => s.kind === 'typing' || /⏳/.test(s.text)),
        'a placeholder',
      );
      expect(first.at - started).toBeLessThan(2000);
      await until(
        async () => ((await d.seen(mark)).some((s) => /Boulangerie/.test(s.text)) ? true : undefined),
        'the draft',
      );
      await d.idle();
      // The LLM's deadline passed: the templates answered.
      const answer = (await d.seen(mark)).filter((s) => /Boulangerie/.test(s.text));
      expect(answer).toHaveLength(1);
    } finally {
      openai.answer(() => ({ status: 500 }));
    }
  });

  it('a group mention leaves the personal conversation as the place for proactive messages', async () => {
    const hello = d.mark();
    await d.say('tom', 'help');
    await posted(d, hello, /./);
    await d.idle();
    if (d.sayInGroup) {
      const mark = d.mark();
      await d.sayInGroup('tom', 'help');
      await until(
        async () => ((await d.seen(mark)).some((s) => s.kind === 'post') ? true : undefined),
        'the answer in the group',
      );
      await d.idle();
    }
    const mark = d.mark();
    const notifier = { slack: relance.slack, teams: relance.teams, web: relance.webchat }[d.name]!;
    expect(await notifier.notify('tom', textReply('Call-back due: Textiles Dubois'))).toBe(true);
    await until(
      async () => ((await d.seen(mark)).some((s) => /Call-back due/.test(s.text)) ? true : undefined),
      'the proactive message',
    );
    const proactive = (await d.seen(mark)).filter((s) => /Call-back due/.test(s.text));
    expect(proactive).toHaveLength(1);
    expect(proactive[0]!.where).toBe(await d.personalOf('tom'));
  });
});

// ---------------------------------------------------------------- what only one edge has
describe('Teams specifics', () => {
  it("strips the bot's own mention before the dialogs and answers in a group chat", async () => {
    const mark = teamsDriver.mark();
    await teamsDriver.sayInGroup!('marie', 'help');
    const answer = await posted(teamsDriver, mark, /I can tell you who to call/);
    expect(answer.where).toBe(GROUP);
    expect(answer.text).not.toContain('<at>');
  });

  it('resolves a mention of a colleague to their handle: "calls for @Tom" is Tom\'s list', async () => {
    const mark = teamsDriver.mark();
    const claire = '00000000-0000-4000-8000-00000000000c';
    const res = await teamsPost({
      ...teamsActivity('marie', {}),
      from: { id: `29:${claire}`, aadObjectId: claire, name: 'Claire Moreau' },
      conversation: { id: `a:personal-${claire}`, conversationType: 'personal', tenantId: 'tenant-1' },
      text: '<at>Relance</at> calls for <at>Tom Fletcher</at>',
      entities: [
        { type: 'mention', text: '<at>Relance</at>', mentioned: { id: '28:relance', name: 'Relance' } },
        {
          type: 'mention',
          text: '<at>Tom Fletcher</at>',
          mentioned: { id: `29:${AAD.tom}`, aadObjectId: AAD.tom, name: 'Tom Fletcher' },
        },
      ],
    });
    expect(res.status).toBe(200);
    const answer = await posted(teamsDriver, mark, /./);
    expect(answer.text).toMatch(/Tom/);
    expect(answer.text).not.toMatch(/team/i);
  });

  it('answers Action.Execute (adaptiveCard/action) with 200 and a card, and any other invoke with 200', async () => {
    const execute = await teamsPost(
      teamsActivity('marie', {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'worklist', data: { type: 'worklist' } } },
      }),
    );
    expect(execute.status).toBe(200);
    const body = (await execute.json()) as { statusCode: number; type: string; value: { type: string } };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(body.value.type).toBe('AdaptiveCard');
    const other = await teamsPost(
      teamsActivity('marie', { type: 'invoke', name: 'composeExtension/query', value: {} }),
    );
    expect(other.status).toBe(200);
    expect(await other.json()).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
  });

  it("says hello when installed, in the person's chat", async () => {
    const mark = teamsDriver.mark();
    const res = await teamsPost(teamsActivity('tom', { type: 'installationUpdate', action: 'add' }));
    expect(res.status).toBe(200);
    const hello = await posted(teamsDriver, mark, /Relance, your collections assistant/);
    expect(hello.where).toBe(await teamsDriver.personalOf('tom'));
  });

  it('refuses a forged token with 401 and no internal detail', async () => {
    // Signing keys published on loopback (none match): botbuilder never reaches the internet.
    const keys = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
      res.end(
        JSON.stringify(
          req.url?.includes('keys')
            ? { keys: [] }
            : {
                issuer: 'https://api.botframework.com',
                jwks_uri: `${base}/keys`,
                id_token_signing_alg_values_supported: ['RS256'],
              },
        ),
      );
    });
    await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
    const port = (keys.address() as AddressInfo).port;
    const secured = await startRelance(
      parseConfig({
        PORT: '0',
        DATA_DIR: '',
        SCHEDULER_ENABLED: 'false',
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'secret',
        BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
      }),
      memoryLogger('silent').logger,
      fixedClock(NOW),
    );
    try {
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const forged = `${b64({ alg: 'RS256', kid: 'forged', typ: 'JWT' })}.${b64({
        iss: 'https://api.botframework.com',
        aud: '11111111-2222-3333-4444-555555555555',
        exp: Math.floor(Date.parse(NOW) / 1000) + 3600,
        serviceurl: connector.url,
      })}.${Buffer.from('not a signature').toString('base64url')}`;
      for (const authorization of [`Bearer ${forged}`, 'Bearer garbage', '']) {
        const res = await fetch(`${secured.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(teamsActivity('marie', { text: 'help' })),
        });
        expect(res.status).toBe(401);
        const text = await res.text();
        expect(JSON.parse(text)).toEqual({
          code: 'UNAUTHORIZED',
          message: 'a valid Bot Framework token is required',
        });
      }
    } finally {
      await secured.stop();
      await new Promise<void>((r) => keys.close(() => r()));
    }
  });
});

describe('Slack specifics', () => {
  async function event(ev: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const body = { team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event: ev, ...extra };
    expect((await slackPost(JSON.stringify(body), 'application/json')).status).toBe(200);
  }
  const dmOf = (who: Person) => SLACK_USER[who].replace(/^U/, 'D');

  it('answers a call note sent with a file (file_share) and a thread broadcast', async () => {
    const mark = slackDriver.mark();
    await event(
      {
        type: 'message',
        subtype: 'file_share',
        channel_type: 'im',
        channel: dmOf('marie'),
        user: SLACK_USER.marie,
        text: 'Textiles Dubois: spoke to Julien Garnier, will pay 1k Friday',
        files: [{ id: 'F1', name: 'note.pdf' }],
        ts: `1700003000.${++seq}`,
      },
      { event_id: `EvF${seq}` },
    );
    const confirmation = await posted(slackDriver, mark, /Confirm/);
    expect(confirmation.text).toContain('Textiles Dubois');
    const broadcast = slackDriver.mark();
    await event(
      {
        type: 'message',
        subtype: 'thread_broadcast',
        channel_type: 'im',
        channel: dmOf('marie'),
        user: SLACK_USER.marie,
        text: 'help',
        thread_ts: '1700000000.000001',
        ts: `1700003000.${++seq}`,
      },
      { event_id: `EvB${seq}` },
    );
    await posted(slackDriver, broadcast, /I can tell you who to call/);
  });

  it("ignores other bots' mentions, and keys events without an event_id by their own place", async () => {
    const mark = slackDriver.mark();
    await event(
      {
        type: 'app_mention',
        channel: 'C0COLLECT',
        user: 'U0OTHERBOT',
        bot_id: 'B0OTHER',
        text: '<@UBOT> help',
        ts: `1700004000.${++seq}`,
      },
      { event_id: `EvBot${seq}` },
    );
    // Two different messages without event_id: both answered (they used to share one key).
    for (const text of ['help', 'who should I call today?'])
      await event({
        type: 'message',
        channel_type: 'im',
        channel: dmOf('tom'),
        user: SLACK_USER.tom,
        text,
        ts: `1700004000.${++seq}`,
      });
    await until(
      async () => ((await slackDriver.messages(mark)).length >= 2 ? true : undefined),
      'two answers',
    );
    await slackDriver.idle();
    const answers = await slackDriver.messages(mark);
    expect(answers.map((a) => a.where)).toEqual([dmOf('tom'), dmOf('tom')]);
  });

  it('acknowledges at once an interaction no listener handles', async () => {
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: SLACK_USER.marie },
      api_app_id: 'A1',
      trigger_id: `trig-${++seq}`,
      container: { type: 'message', message_ts: '1.0', channel_id: 'C0COLLECT' },
      actions: [
        { type: 'button', action_id: 'someone-else:button', block_id: 'b', value: 'x', action_ts: '1.0' },
      ],
    };
    const started = Date.now();
    const res = await slackPost(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    // Bolt's unhandled-request timeout is 3 s: acknowledged well before it.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('runs a replayed /relance command once', async () => {
    const mark = slackDriver.mark();
    const body = new URLSearchParams({
      command: '/relance',
      text: 'help',
      team_id: 'T1',
      user_id: SLACK_USER.marie,
      channel_id: 'C0COLLECT',
      trigger_id: `cmd-trigger-${++seq}`,
      response_url: slack.responseUrl(`cmd${seq}`),
    }).toString();
    for (let i = 0; i < 3; i++)
      expect((await slackPost(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await until(
      async () => (slack.calls.slice(mark).some((c) => c.method === 'respond') ? true : undefined),
      'the answer',
    );
    await slackDriver.idle();
    // One answer (a busy machine may show the placeholder first: that is the same run).
    const answers = slack.calls
      .slice(mark)
      .filter((c) => c.method === 'respond' && !String(c.args.text).startsWith('⏳'));
    expect(answers).toHaveLength(1);
  });
});

describe('web chat specifics', () => {
  it('records the same message sent twice (same clientActivityID), confirmed twice, once', async () => {
    const m = relance.ledger.models;
    const count = async () => ({
      calls: await m.Activity.countDocuments({ customer: 'FR004', kind: 'call' }),
      promises: await m.PaymentPromise.countDocuments({ customer: 'FR004' }),
      disputes: await m.Dispute.countDocuments({ customer: 'FR004', invoices: 'FA-2026-1034' }),
    });
    const before = await count();
    const mark = webDriver.mark();
    const note =
      'Textiles Dubois: spoke to Julien Garnier, will pay 3k Friday, FA-2026-1034 disputed: wrong quantity delivered';
    await webDriver.say('marie', note, 'same-client-id');
    await webDriver.say('marie', note, 'same-client-id');
    const confirmation = await posted(webDriver, mark, /Confirm/);
    await webDriver.idle();
    expect((await webDriver.messages(mark)).filter((x) => /Confirm/.test(x.text))).toHaveLength(1);
    await webDriver.press('marie', confirmation, 'Confirm');
    await webDriver.press('marie', confirmation, 'Confirm');
    await until(
      async () => ((await webDriver.seen(mark)).some((s) => s.kind === 'update') ? true : undefined),
      'recorded',
    );
    await webDriver.idle();
    expect(await count()).toEqual({
      calls: before.calls + 1,
      promises: before.promises + 1,
      disputes: before.disputes + 1,
    });
  });
});
