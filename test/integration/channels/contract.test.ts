/**
 * The channel contract: the same scripted conversation, the same assertions, run against the
 * Slack, Teams and web chat edges (as vercel/chat's adapter contract does). Each edge is
 * driven over its real protocol (signed Slack requests, Bot Framework activities to
 * /api/messages, Direct Line calls) and observed where the platform would see it (the fake
 * Slack Web API, the fake Bot Framework connector, the Direct Line activity log). Absence is
 * asserted after awaiting the edge's own completion (`idle()`), never after a fixed sleep.
 * The drivers live in test/helpers/channel-drivers.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningRelance, startRelance } from '../../../bot/app';
import { type Reply, textReply } from '../../../dialogs/reply';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { callBack } from '../../../jobs/call-back';
import { runJob } from '../../../jobs/run';
import { fixedClock } from '../../../models/clock';
import { toStored } from '../../../models/rules/dates';
import {
  AAD,
  GROUP,
  lastSeq,
  nextSeq,
  type Person,
  posted,
  SLACK_USER,
  slackDriver,
  slackPost,
  startChannels,
  stopChannels,
  teamsActivity,
  teamsDriver,
  teamsPost,
  until,
  webDriver,
} from '../../helpers/channel-drivers';
import type { FakeConnector } from '../../helpers/fake-connector';
import type { FakeOpenAI } from '../../helpers/fake-openai';
import type { FakeSlack } from '../../helpers/fake-slack';
import { NOW } from '../../helpers/ledger';

let relance: RunningRelance;
let slack: FakeSlack;
let connector: FakeConnector;
let openai: FakeOpenAI;

beforeAll(async () => {
  ({ relance, slack, connector, openai } = await startChannels());
}, 60_000);
afterAll(stopChannels);

describe.each([slackDriver, teamsDriver, webDriver])('the channel contract on $name', (d) => {
  it('answers a request in the personal conversation, once even when the platform redelivers it', async () => {
    const mark = d.mark();
    const id = `redelivered-${d.name}-${nextSeq()}`;
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
    // Approved once, by the owner; approval sends it at once (the local outbox), so it may be sent already.
    const decided = await relance.ledger.models.Draft.find({
      customer: 'FR004',
      status: { $in: ['approved', 'sending', 'sent'] },
    }).lean();
    expect(decided.map((x) => x.decidedBy)).toEqual(['marie']);
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

  it("keeps Tom's personal chat through a group conversationUpdate and a channel mention: the scheduler's call-back goes there", async () => {
    const hello = teamsDriver.mark();
    await teamsDriver.say('tom', 'help');
    await posted(teamsDriver, hello, /./);
    const CHANNEL = '19:collections-channel@thread.skype';
    // Tom adds Relance to a group chat (a conversationUpdate from that chat)…
    const added = await teamsPost(
      teamsActivity('tom', {
        type: 'conversationUpdate',
        conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' },
        membersAdded: [{ id: '28:relance', name: 'Relance' }],
      }),
    );
    expect(added.status).toBe(200);
    // …and mentions it in a team channel.
    const mentioned = await teamsPost(
      teamsActivity('tom', {
        text: '<at>Relance</at> help',
        conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        channelData: { channel: { id: CHANNEL }, team: { id: '19:team@thread.skype' } },
        entities: [
          { type: 'mention', text: '<at>Relance</at>', mentioned: { id: '28:relance', name: 'Relance' } },
        ],
      }),
    );
    expect(mentioned.status).toBe(200);
    await teamsDriver.idle();
    const refs = relance.ledger.models.ConversationRef;
    const personal = await refs.findOne({ staff: 'tom', channel: 'teams' }).lean();
    expect((personal!.ref as { conversation: { id: string } }).conversation.id).toBe(
      await teamsDriver.personalOf('tom'),
    );

    // A call-back falls due for one of Tom's customers: the scheduler's job reaches him
    // through the Teams notifier, in his personal chat — not the group, not the channel.
    const m = relance.ledger.models;
    const customer = (await m.Customer.findOne({ owner: 'tom' }, { reference: 1, name: 1 }).lean())!;
    await m.Customer.updateOne(
      { reference: customer.reference },
      { $set: { callbackOn: toStored('2026-11-23') } },
    );
    try {
      const mark = teamsDriver.mark();
      const viaTeams = {
        deliver: async (staff: string, reply: Reply) =>
          (await relance.teams!.notify(staff, reply)) ? 'teams' : null,
      };
      const result = await runJob({ ...relance.jobs, notifier: viaTeams, touch: async () => {} }, callBack, {
        date: '2026-11-23',
        as: 'tom',
      });
      expect(result).toMatch(/1 sent callback/);
      await teamsDriver.idle();
      const seen = (await teamsDriver.seen(mark)).filter((x) => x.text.includes(customer.name));
      expect(seen).toHaveLength(1);
      expect(seen[0]!.where).toBe(await teamsDriver.personalOf('tom'));
    } finally {
      await m.Customer.updateOne({ reference: customer.reference }, { $unset: { callbackOn: 1 } });
    }
  });

  it('never lets "<at>Relance</at>" into a call note or the trail (a note written in a group chat)', async () => {
    const mark = teamsDriver.mark();
    const note = 'Textiles Dubois: no answer, left a voicemail';
    await teamsDriver.sayInGroup!('marie', note);
    const card = await posted(teamsDriver, mark, /Confirm/);
    expect(card.text).not.toContain('<at>');
    const confirming = teamsDriver.mark();
    await teamsDriver.press('marie', card, 'Confirm');
    await until(
      async () =>
        (await teamsDriver.seen(confirming)).some((x) => x.kind === 'update' && x.id === card.id)
          ? true
          : undefined,
      'the note recorded',
    );
    await teamsDriver.idle();
    const m = relance.ledger.models;
    const log = (await m.CallLog.findOne({ staff: 'marie', text: note }).lean())!;
    expect(log.status).toBe('recorded');
    // What the note wrote in the trail (its activities' keys start with the note's).
    const trail = (await m.Activity.find({ author: 'marie' }).lean()).filter((a) =>
      a.key.startsWith(log.key),
    );
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.map((a) => a.summary)).toContain(note);
    expect(trail.filter((a) => a.summary.includes('<at>'))).toEqual([]);
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
        WEBCHAT_ENABLED: 'false',
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
        ts: `1700003000.${nextSeq()}`,
      },
      { event_id: `EvF${lastSeq()}` },
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
        ts: `1700003000.${nextSeq()}`,
      },
      { event_id: `EvB${lastSeq()}` },
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
        ts: `1700004000.${nextSeq()}`,
      },
      { event_id: `EvBot${lastSeq()}` },
    );
    // Two different messages without event_id: both answered (they used to share one key).
    for (const text of ['help', 'who should I call today?'])
      await event({
        type: 'message',
        channel_type: 'im',
        channel: dmOf('tom'),
        user: SLACK_USER.tom,
        text,
        ts: `1700004000.${nextSeq()}`,
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
      trigger_id: `trig-${nextSeq()}`,
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
      trigger_id: `cmd-trigger-${nextSeq()}`,
      response_url: slack.responseUrl(`cmd${lastSeq()}`),
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
