/**
 * Drivers for the Slack, Teams and web chat edges, shared by the channel contract suites: each
 * edge is driven over its real protocol (signed Slack requests, Bot Framework activities to
 * /api/messages, Direct Line calls) and observed where the platform would see it (the fake
 * Slack Web API, the fake Bot Framework connector, the Direct Line activity log).
 */
import { type RunningRelance, startRelance } from '../../bot/app';
import { loginLink } from '../../bot/webchat/session';
import { parseConfig } from '../../integrations/config';
import { memoryLogger } from '../../integrations/logger';
import { type Clock, fixedClock } from '../../models/clock';
import { type FakeConnector, startFakeConnector } from './fake-connector';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai';
import { type FakeSlack, slackSignature, startFakeSlack } from './fake-slack';
import { NOW } from './ledger';

export const SECRET = 'contract-signing-secret';
export const WEBCHAT_SECRET = 'contract-webchat-secret-0123456789';
export type Person = 'marie' | 'tom';

/** What a person sees of Relance on a platform, normalised. */
export interface Seen {
  kind: 'post' | 'update' | 'ephemeral' | 'typing';
  /** The message's id (Slack ts, activity id); an update names the message it replaces. */
  id: string;
  /** Who it is for (ephemeral) or where it was posted. */
  where: string;
  text: string;
  at: number;
}

/** A button as the platform shows it, with what pressing it sends back. */
export interface Shown {
  id: string;
  where: string;
  text: string;
  raw: unknown;
}

export interface Driver {
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
/** A fresh number for platform ids (events, activities, triggers) unique within a test file. */
export const nextSeq = () => ++seq;
/** The number `nextSeq` last gave. */
export const lastSeq = () => seq;

export interface Channels {
  relance: RunningRelance;
  slack: FakeSlack;
  connector: FakeConnector;
  openai: FakeOpenAI;
}

/**
 * Starts Relance with the three edges (Slack over signed HTTP to a fake Web API, Teams to a
 * fake connector, the web chat with per-person login) on the injected clock. The LLM answers
 * 500 so the offline parser and templates answer. One set per test file (jest isolates modules).
 */
export async function startChannels(clock: Clock = fixedClock(NOW)): Promise<Channels> {
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
    clock,
  );
  return { relance, slack, connector, openai };
}

export async function stopChannels(): Promise<void> {
  await relance.stop();
  await slack.close();
  await connector.close();
  await openai.close();
}

// ---------------------------------------------------------------- Slack
export const SLACK_USER: Record<Person, string> = { marie: 'U0DEMOMARIE', tom: 'U0DEMOTOM' };

export async function slackPost(body: string, contentType: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${relance.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignature(SECRET, body, ts) },
    body,
  });
}

export function slackButtons(blocks: unknown): Array<{ label: string; raw: unknown; actionId: string }> {
  const out: Array<{ label: string; raw: unknown; actionId: string }> = [];
  for (const b of (blocks as Array<Record<string, unknown>>) ?? [])
    if (b.type === 'actions')
      for (const e of b.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
        out.push({ label: e.text.text, raw: e.value, actionId: e.action_id });
  return out;
}

export const slackDriver: Driver = {
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
export const AAD: Record<Person, string> = {
  marie: '00000000-0000-4000-8000-00000000000a',
  tom: '00000000-0000-4000-8000-00000000000b',
};
export const GROUP = '19:group-collections@thread.v2';

export function teamsActivity(who: Person, extra: Record<string, unknown>) {
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

export async function teamsPost(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${relance.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export const teamsDriver: Driver = {
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

export function teamsButton(activity: unknown, label: string): unknown {
  // Walks the card: a payload may hold objects (a page's source request).
  const found: unknown[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Submit' && o.title === label) found.push(o.data);
      Object.values(o).forEach(walk);
    }
  };
  walk(activity);
  if (found.length === 0) throw new Error(`no button ${label}`);
  return found[0];
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

export const webDriver: Driver = {
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

// ---------------------------------------------------------------- waiting
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The first message Relance posted since `mark` that matches. */
export async function posted(d: Driver, mark: number, match: RegExp): Promise<Shown> {
  return until(
    async () => (await d.messages(mark)).find((m) => match.test(m.text)),
    `a message matching ${match}`,
  );
}
