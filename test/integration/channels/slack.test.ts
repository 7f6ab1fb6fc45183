/**
 * Slack through the real Bolt app mounted on the product's server: correctly signed HTTP
 * requests (events, slash command, block_actions, view_submission) on /slack/events, and the
 * app's Web API calls and response_url posts captured by a local fake Slack. Every Block Kit
 * payload captured is checked against Slack's limits.
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { answerDigest } from '../../../dialogs/digest';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai';
import {
  blockKitProblems,
  type FakeSlack,
  type SlackCall,
  slackSignature,
  startFakeSlack,
} from '../../helpers/fake-slack';
import { NOW } from '../../helpers/ledger';
import { expectDuboisLetter, type FakeSmtp, startFakeSmtp } from '../../helpers/smtp';

const SECRET = 'test-signing-secret';
const MARIE = 'U0DEMOMARIE';
const TOM = 'U0DEMOTOM';
let relance: RunningRelance;
let slack: FakeSlack;
let openai: FakeOpenAI;
let seq = 0;
const logs = memoryLogger('info');

let smtp: FakeSmtp;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  slack = await startFakeSlack();
  openai = await startFakeOpenAI();
  // The LLM fails fast unless a test makes it slow: drafts and notes fall back to the rules.
  openai.answer(() => ({ status: 500 }));
  relance = await startRelance(
    parseConfig({
      PORT: '0',
      DATA_DIR: '',
      SCHEDULER_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      WEBCHAT_ENABLED: 'false',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.url,
      LLM_TIMEOUT_MS: '1000',
      SMTP_URL: smtp.url,
    }),
    logs.logger,
    fixedClock(NOW),
    { slack: { placeholderAfterMs: 300 } },
  );
}, 60_000);
afterAll(async () => {
  await relance.stop();
  await slack.close();
  await smtp.stop();
  await openai.close();
});

/** POSTs a body to the request URL, signed as Slack would (or as told). */
async function deliver(
  body: string,
  contentType: string,
  opts: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${relance.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...slackSignature(opts.secret ?? SECRET, body, ts),
      ...opts.headers,
    },
    body,
  });
}

function eventBody(user: string, text: string, extra: Record<string, unknown> = {}) {
  const n = ++seq;
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${n}`,
    event_time: 1_700_000_000 + n,
    event: {
      type: 'message',
      channel_type: 'im',
      channel: `D${user}`,
      user,
      text,
      ts: `1700000000.${String(n).padStart(6, '0')}`,
      event_ts: `1700000000.${String(n).padStart(6, '0')}`,
    },
    ...extra,
  };
}

/**
 * The answer Relance posts after call `from`: its message, or — when a slow turn showed a
 * placeholder first — the placeholder's message with the content that replaced it.
 */
async function answerAfter(from: number): Promise<SlackCall> {
  const posted = await slack.waitFor((c) => c.method === 'chat.postMessage', from);
  if (!String(posted.args.text).startsWith('⏳')) return posted;
  const update = await slack.waitFor(
    (c) => c.method === 'chat.update' && c.args.ts === posted.ts,
    from,
    20_000,
  );
  return { ...update, ts: posted.ts, args: { ...update.args, channel: posted.args.channel } };
}

/** Sends a DM and returns Relance's answer. */
async function dm(user: string, text: string): Promise<SlackCall> {
  const from = slack.calls.length;
  const res = await deliver(JSON.stringify(eventBody(user, text)), 'application/json');
  expect(res.status).toBe(200);
  return answerAfter(from);
}

/** Waits until every request the Slack edge took has been handled (late updates of earlier tests are in). */
async function settle(): Promise<void> {
  await relance.slack!.idle();
}

function blocksOf(call: SlackCall): Array<Record<string, unknown>> {
  const blocks = call.args.blocks as Array<Record<string, unknown>>;
  expect(blockKitProblems(blocks)).toEqual([]);
  return blocks;
}
const textOf = (call: SlackCall) => JSON.stringify(call.args.blocks ?? call.args.text);

/** The button with this label in a captured message. */
function button(call: SlackCall, label: string): { action_id: string; value: string } {
  for (const b of blocksOf(call))
    if (b.type === 'actions')
      for (const e of b.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
        if (e.text.text === label) return e;
  throw new Error(`no button "${label}" in ${textOf(call).slice(0, 600)}`);
}

/** Clicks a button of a message Relance posted (block_actions, form-encoded). */
async function click(user: string, message: SlackCall, label: string, actionTs = `${++seq}.0`) {
  const b = button(message, label);
  const channel = String(message.args.channel).replace(/^U/, 'D');
  const payload = {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: user },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${seq}`,
    response_url: slack.responseUrl(`r${seq}`),
    container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel },
    message: { ts: message.ts, blocks: message.args.blocks },
    actions: [
      { type: 'button', action_id: b.action_id, block_id: 'b1', value: b.value, action_ts: actionTs },
    ],
  };
  const res = await deliver(
    `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    'application/x-www-form-urlencoded',
  );
  expect(res.status).toBe(200);
}

/** Submits the edit modal Relance opened, with a subject and a body (view_submission). */
async function submitEdit(view: Record<string, unknown>, id: string, subject: string, body: string) {
  const submission = {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: MARIE },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${id}`,
    view: {
      id,
      hash: `h-${id}`,
      callback_id: 'relance_form',
      private_metadata: view.private_metadata,
      state: {
        values: {
          'subject:0': { value: { type: 'plain_text_input', value: subject } },
          'body:0': { value: { type: 'plain_text_input', value: body } },
        },
      },
    },
  };
  return deliver(
    `payload=${encodeURIComponent(JSON.stringify(submission))}`,
    'application/x-www-form-urlencoded',
  );
}

describe('Slack', () => {
  it('answers "who should I call today" in a DM with ranked entries and their buttons', async () => {
    const call = await dm(MARIE, 'who should I call today?');
    expect(call.args.channel).toBe(`D${MARIE}`);
    const blocks = blocksOf(call);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Calls for Marie Lambert, today' } });
    const entries = blocks.filter(
      (b) => b.type === 'section' && /^\*\d+\. /.test(String((b.text as { text?: string })?.text)),
    );
    expect(entries.length).toBeGreaterThan(2);
    expect((entries[0]!.text as { text: string }).text).toMatch(/^\*1\. /);
    expect(textOf(call)).toContain('Log outcome');
    expect(textOf(call)).toContain('Call script');
  });

  it('approves a draft from its buttons: the message is updated in place, once, whatever the clicks', async () => {
    const posted = await dm(MARIE, 'draft a reminder letter for Textiles Dubois');
    expect(textOf(posted)).toContain('Textiles Dubois SAS');
    // The 1 July 2026 ECB rate is not in the table: the warning shows and is read before approval.
    expect(textOf(posted)).toContain('ECB rate for 2026-H2 not entered');
    for (const label of ['Acknowledge warnings', 'Edit', 'Reject', 'Regenerate'])
      expect(button(posted, label)).toBeDefined();
    let from = slack.calls.length;
    await click(MARIE, posted, 'Acknowledge warnings');
    const read = await slack.waitFor((c) => c.method === 'chat.update', from);
    const draft = { ...read, ts: posted.ts, args: { ...read.args, channel: posted.args.channel } };
    // Answered in the card's language (asked in English), not Marie's profile language (French).
    expect(textOf(draft)).toContain('acknowledged by marie');
    from = slack.calls.length;
    // A double click: two block_actions for the same button of the same message.
    await click(MARIE, draft, 'Approve');
    await click(MARIE, draft, 'Approve');
    const update = await slack.waitFor((c) => c.method === 'chat.update', from);
    expect(update.args).toMatchObject({ channel: draft.args.channel, ts: draft.ts });
    // A press is answered in the language of the card it was on (asked in English), not the
    // person's profile language (Marie's is French).
    expect(textOf(update)).toContain('Decision');
    expect(textOf(update)).toContain('marie');
    expect(textOf(update)).not.toContain('approve_draft');
    // Both clicks handled (not a fixed sleep): the second one changed nothing.
    await relance.slack!.idle();
    expect(slack.calls.slice(from).filter((c) => c.method === 'chat.update')).toHaveLength(1);
    const approvals = await relance.ledger.models.Activity.find({
      kind: 'approval',
      customer: 'FR004',
    }).lean();
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ author: 'marie', outcome: 'approved' });
  });

  it('refuses an approval from someone who is neither the owner nor a manager', async () => {
    const draft = await dm(MARIE, 'draft a reminder letter for Boulangerie');
    const from = slack.calls.length;
    await click(TOM, draft, 'Acknowledge warnings');
    const answer = await slack.waitFor(
      (c) => c.method === 'chat.update' || c.method === 'chat.postMessage',
      from,
    );
    expect(textOf(answer)).toMatch(/only marie .* or a manager can decide/);
  });

  it('edits a draft in a modal: saving re-runs the fact guard and updates the message', async () => {
    const draft = await dm(MARIE, 'draft a reminder email for Textiles Dubois');
    let from = slack.calls.length;
    await click(MARIE, draft, 'Edit');
    const opened = await slack.waitFor((c) => c.method === 'views.open', from);
    const view = opened.args.view as Record<string, unknown> & { blocks: Array<Record<string, unknown>> };
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'relance_form' });
    const body = view.blocks.find((b) => b.block_id === 'body:0')!;
    const original = (body.element as { initial_value: string }).initial_value;
    expect(original).toMatch(/\d/);
    // The person changes an amount to one the ledger does not know: the guard blocks it.
    const tampered = `${original}\n\nPlease pay 999 999,99 € today.`;
    from = slack.calls.length;
    const res = await submitEdit(view, 'V-edit-1', 'Invoice reminder', tampered);
    expect(res.status).toBe(200);
    const update = await slack.waitFor((c) => c.method === 'chat.update', from);
    expect(update.args).toMatchObject({ channel: draft.args.channel, ts: draft.ts });
    expect(textOf(update)).toContain('bloqué par un contrôle');
    expect(textOf(update)).toContain('999');
    expect(textOf(update)).not.toContain('approve_draft');
  });

  it('sends the letter edited in the modal and approved by email, once, its PDF holding the edit', async () => {
    const sentence =
      'Nous pouvons convenir d’un échéancier sur trois mois si vous nous appelez cette semaine.';
    await settle();
    const draft = await dm(MARIE, 'draft a reminder letter for Textiles Dubois');
    let from = slack.calls.length;
    await click(MARIE, draft, 'Edit');
    const opened = await slack.waitFor((c) => c.method === 'views.open', from);
    const view = opened.args.view as Record<string, unknown> & { blocks: Array<Record<string, unknown>> };
    const original = (view.blocks.find((b) => b.block_id === 'body:0')!.element as { initial_value: string })
      .initial_value;
    from = slack.calls.length;
    await submitEdit(view, 'V-send-1', 'Factures échues : où en êtes-vous ?', `${sentence}\n\n${original}`);
    const edited = await slack.waitFor((c) => c.method === 'chat.update', from);
    const message = { ...edited, ts: draft.ts, args: { ...edited.args, channel: draft.args.channel } };
    from = slack.calls.length;
    await click(
      MARIE,
      message as SlackCall,
      textOf(edited).includes('"Acknowledge warnings"')
        ? 'Acknowledge warnings'
        : 'J’ai lu les avertissements',
    );
    const read = await slack.waitFor((c) => c.method === 'chat.update', from);
    const readMessage = { ...read, ts: draft.ts, args: { ...read.args, channel: draft.args.channel } };
    const before = smtp.received.length;
    from = slack.calls.length;
    await click(MARIE, readMessage as SlackCall, textOf(read).includes('"Approve"') ? 'Approve' : 'Valider');
    const done = await slack.waitFor((c) => c.method === 'chat.update', from);
    expect(textOf(done)).toMatch(/envoyé|sent/);
    await smtp.waitFor(before + 1);
    await expectDuboisLetter(relance.ledger.models, smtp.received[before]!, sentence);
    await settle();
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('logs a typed call outcome: confirmation, Confirm, and the promise and dispute are stored', async () => {
    const shown = await dm(
      MARIE,
      'Textiles Dubois: spoke to Julien Garnier, will pay 2k Friday, FA-2026-1030 disputed: wrong quantity delivered',
    );
    expect(textOf(shown)).toContain('Confirm');
    const from = slack.calls.length;
    await click(MARIE, shown, 'Confirm');
    const done = await slack.waitFor((c) => c.method === 'chat.update', from);
    expect(done.args.ts).toBe(shown.ts);
    expect(textOf(done)).toContain('Recorded for Textiles Dubois SAS');
    const m = relance.ledger.models;
    const promise = await m.PaymentPromise.findOne({ customer: 'FR004', status: 'pending' }).lean();
    expect(promise?.instalments[0]).toMatchObject({ amount: 200_000, currency: 'EUR' });
    expect(promise?.recordedBy).toBe('marie');
    expect(
      await m.Dispute.countDocuments({ customer: 'FR004', invoices: 'FA-2026-1030', reason: 'quantity' }),
    ).toBe(1);
  });

  it('processes a retried event once', async () => {
    const body = JSON.stringify(eventBody(MARIE, 'top 3'));
    const from = slack.calls.length;
    expect((await deliver(body, 'application/json')).status).toBe(200);
    await slack.waitFor((c) => c.method === 'chat.postMessage', from);
    for (const n of [1, 2, 3]) {
      const retry = await deliver(body, 'application/json', {
        headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
    }
    await relance.slack!.idle();
    expect(slack.calls.slice(from).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('rejects a bad signature and a stale timestamp, and does nothing for them', async () => {
    await settle();
    const from = slack.calls.length;
    const body = JSON.stringify(eventBody(MARIE, 'who should I call today?'));
    expect((await deliver(body, 'application/json', { secret: 'wrong' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await deliver(body, 'application/json', { timestamp: stale })).status).toBe(401);
    await relance.slack!.idle();
    expect(slack.calls.slice(from)).toEqual([]);
  });

  it('refuses an unknown user with a clear message and nothing else', async () => {
    const call = await dm('U0STRANGER', 'who should I call today?');
    expect(String(call.args.text)).toMatch(/don't know you yet|Je ne vous connais pas/);
    expect(call.args.blocks).toHaveLength(1);
    expect(textOf(call)).not.toContain('Calls for');
  });

  it('answers /relance privately through the response_url', async () => {
    const from = slack.calls.length;
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      channel_id: 'C0GENERAL',
      user_id: MARIE,
      command: '/relance',
      text: 'top 3',
      response_url: slack.responseUrl('cmd-1'),
      trigger_id: 'trigger-cmd-1',
    }).toString();
    const res = await deliver(form, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const answer = await slack.waitFor((c) => c.method === 'respond', from);
    expect(answer.args.response_type).toBe('ephemeral');
    const blocks = blocksOf(answer);
    expect(
      blocks.filter(
        (b) => b.type === 'section' && /^\*\d+\. /.test(String((b.text as { text?: string })?.text)),
      ),
    ).toHaveLength(3);
  });

  it('publishes the App Home with the calls of the day and the drafts waiting', async () => {
    const from = slack.calls.length;
    const body = {
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `EvHome${++seq}`,
      event_time: 1_700_000_100,
      event: {
        type: 'app_home_opened',
        user: MARIE,
        channel: `D${MARIE}`,
        tab: 'home',
        event_ts: '1700000100.1',
      },
    };
    expect((await deliver(JSON.stringify(body), 'application/json')).status).toBe(200);
    const published = await slack.waitFor((c) => c.method === 'views.publish', from);
    expect(published.args.user_id).toBe(MARIE);
    const view = published.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    // In Marie's own language (nothing typed to detect another one from).
    expect(text).toContain("Appels pour Marie Lambert, aujourd'hui");
    expect(text).toMatch(/Brouillons à valider \([1-9]/);
    expect(text).toContain('"Ouvrir"');
  });

  it('sends a proactive message to a person in their DM with the app', async () => {
    const from = slack.calls.length;
    const { reply } = await answerDigest('claire', relance.ledger.today(), 'fr', relance.services);
    expect(await relance.slack!.notify('claire', reply)).toBe(true);
    const sent = await slack.waitFor((c) => c.method === 'chat.postMessage', from);
    expect(sent.args.channel).toBe('U0DEMOCLAIRE');
    expect(blocksOf(sent).length).toBeGreaterThan(1);
    expect(await relance.slack!.notify('nobody', reply)).toBe(false);
  });

  it('honours 429 Retry-After from the Web API', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const from = slack.calls.length;
    await deliver(JSON.stringify(eventBody(MARIE, 'top 2')), 'application/json');
    const limited = await slack.waitFor((c) => c.method === 'chat.postMessage (429)', from);
    const delivered = await slack.waitFor((c) => c.method === 'chat.postMessage', from);
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(950);
  });

  it('shows a "drafting…" placeholder while the LLM is slow, replaced by the draft', async () => {
    openai.answer(() => ({ hang: true }));
    try {
      const from = slack.calls.length;
      await deliver(
        JSON.stringify(eventBody(MARIE, 'draft a reminder letter for Menuiserie')),
        'application/json',
      );
      const placeholder = await slack.waitFor((c) => c.method === 'chat.postMessage', from);
      expect(String(placeholder.args.text)).toContain('Drafting…');
      const update = await slack.waitFor((c) => c.method === 'chat.update', from, 20_000);
      expect(update.args.ts).toBe(placeholder.ts);
      expect(textOf(update)).toContain('Acknowledge warnings');
    } finally {
      openai.answer(() => ({ status: 500 }));
    }
  }, 30_000);

  it('answers a failure inside a turn with a short apology, logged with its code, nothing half-recorded', async () => {
    const drafter = relance.services.drafter;
    relance.services.drafter = {
      draft: async () => {
        throw new Error('the drafting service crashed');
      },
    };
    try {
      const before = await relance.ledger.models.Draft.countDocuments();
      const call = await dm(MARIE, 'draft a reminder letter for Boulangerie');
      expect(String(call.args.text)).toMatch(/^Sorry, something failed on my side/);
      expect(await relance.ledger.models.Draft.countDocuments()).toBe(before);
      expect(logs.lines().some((l) => l.msg === 'Slack turn failed' && typeof l.code === 'string')).toBe(
        true,
      );
    } finally {
      relance.services.drafter = drafter;
    }
  });
});
