/**
 * One live card per draft, through the real edges: the same draft's card in Slack (the real
 * Bolt app, a fake Slack Web API), in Teams (the real botbuilder adapter, a fake connector) and
 * in the web chat (Direct Line); decided from one of them — or from `relance approve` in
 * another process — every other card says it is decided and has no buttons left.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { URL } from 'node:url';
import {
  type Channels,
  posted,
  slackButtons,
  slackDriver,
  startChannels,
  stopChannels,
  teamsDriver,
  until,
  webDriver,
} from '../../helpers/channel-drivers';
import { NOW } from '../../helpers/ledger';
import { cleanEnv, runTs } from '../../helpers/process';

jest.setTimeout(180_000);

let ch: Channels;
beforeAll(async () => {
  ch = await startChannels();
}, 90_000);
afterAll(() => stopChannels());

/** A card's buttons, whatever the channel (Block Kit actions, Adaptive Card Action.Submit). */
function buttonsOf(raw: unknown): string[] {
  const blocks = (raw as { blocks?: unknown }).blocks;
  if (blocks) return slackButtons(blocks).map((b) => b.label);
  return [...JSON.stringify(raw).matchAll(/"type":"Action\.(?:Submit|Execute)","title":"([^"]+)"/g)].map(
    (m) => m[1]!,
  );
}

/** Asks for the drafts queue and opens the entry of this customer: a second card of the draft. */
async function openFromQueue(d: typeof teamsDriver, customer: RegExp) {
  const mark = d.mark();
  await d.say('marie', 'drafts to approve');
  const queue = await posted(d, mark, /Drafts to approve/);
  expect(queue.text).toMatch(customer);
  const open = d.mark();
  await d.press('marie', queue, 'Open');
  return posted(d, open, /Draft — /);
}

describe('one live card per draft', () => {
  it('approved in Slack: its cards in Teams and in the web chat say it is decided, with no buttons', async () => {
    let mark = slackDriver.mark();
    await slackDriver.say('marie', 'draft a reminder letter for Textiles Dubois');
    const inSlack = await posted(slackDriver, mark, /Textiles Dubois SAS/);
    const teamsMark = teamsDriver.mark();
    const inTeams = await openFromQueue(teamsDriver, /Textiles Dubois/);
    const webMark = webDriver.mark();
    const inWeb = await openFromQueue(webDriver, /Textiles Dubois/);
    for (const card of [inTeams, inWeb]) expect(buttonsOf(card.raw)).toContain('Edit');

    // Read the warnings, then approve, in Slack.
    mark = slackDriver.mark();
    await slackDriver.press('marie', inSlack, 'Acknowledge warnings');
    const read = await until(
      async () => (await slackDriver.seen(mark)).find((s) => s.kind === 'update'),
      'ack',
    );
    expect(read.id).toBe(inSlack.id);
    const shown = slackDriver.messages(0).then((all) => all.find((m) => m.id === inSlack.id)!);
    await slackDriver.press('marie', await shown, 'Approve');
    await slackDriver.idle();

    const draft = await ch.relance.ledger.models.Draft.findOne({ customer: 'FR004' }).lean();
    expect(draft?.status).toBe('sent');
    // Teams: the card opened there was replaced (PUT on its activity id), decided, no buttons.
    const teamsNow = await until(
      async () =>
        (await teamsDriver.messages(teamsMark)).find((m) => m.id === inTeams.id && /Decision/.test(m.text)),
      'the Teams card updated',
    );
    expect(teamsNow.text).toContain('marie');
    expect(teamsNow.text).toMatch(/sent/);
    expect(buttonsOf(teamsNow.raw)).toEqual([]);
    // The web chat: the same activity re-delivered with the decision, no buttons.
    const webNow = await until(
      async () =>
        (await webDriver.messages(webMark)).find((m) => m.id === inWeb.id && /Decision/.test(m.text)),
      'the web chat card updated',
    );
    expect(buttonsOf(webNow.raw)).toEqual([]);
    // The Slack card pressed was replaced once by its own answer (not a second time by the refresh).
    const slackUpdates = (await slackDriver.seen(mark)).filter(
      (s) => s.kind === 'update' && s.id === inSlack.id,
    );
    expect(slackUpdates.at(-1)!.text).toContain('Decision');
    expect(slackUpdates).toHaveLength(2); // the acknowledgement, then the decision
    const refs = await ch.relance.ledger.models.CardRef.find({ draft: draft!.key }).lean();
    expect(refs.map((r) => r.channel).sort()).toEqual(['slack', 'teams', 'web']);
  });

  it('`relance approve` in another process updates the cards in Slack and Teams; the web chat follows at the next retry run', async () => {
    let mark = slackDriver.mark();
    await slackDriver.say('marie', 'draft a reminder letter for Boulangerie');
    const inSlack = await posted(slackDriver, mark, /Draft — /);
    mark = slackDriver.mark();
    if (buttonsOf(inSlack.raw).includes('Acknowledge warnings')) {
      await slackDriver.press('marie', inSlack, 'Acknowledge warnings');
      await slackDriver.idle();
    }
    const teamsMark = teamsDriver.mark();
    const inTeams = await openFromQueue(teamsDriver, /Boulangerie/);
    const webMark = webDriver.mark();
    const inWeb = await openFromQueue(webDriver, /Boulangerie/);
    const draft = (await ch.relance.ledger.models.Draft.findOne({
      customer: { $ne: 'FR004' },
      status: { $in: ['awaiting_approval', 'edited'] },
    }).lean())!;

    const uri = new URL(ch.relance.db.uri);
    uri.pathname = '/relance';
    const slackMark = slackDriver.mark();
    const cli = await runTs(
      'bot/cli.ts',
      ['approve', draft.ref!, '--as', 'marie'],
      cleanEnv({
        MONGODB_URI: uri.toString(),
        RELANCE_NOW: NOW,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'cli-secret',
        SLACK_API_URL: ch.slack.apiUrl,
        OUTBOX_DIR: require('node:os').tmpdir(),
      }),
    );
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^approved/);
    // Slack: chat.update of the card, decided, no buttons — made by the CLI process.
    const update = await ch.slack.waitFor(
      (c) => c.method === 'chat.update' && c.args.ts === inSlack.id,
      slackMark,
    );
    expect(JSON.stringify(update.args.blocks)).toContain('Decision');
    expect(slackButtons(update.args.blocks)).toEqual([]);
    // Teams: the connector got the PUT of the card opened there.
    const teamsNow = await until(
      async () =>
        (await teamsDriver.messages(teamsMark)).find((m) => m.id === inTeams.id && /Decision/.test(m.text)),
      'the Teams card updated by the CLI',
    );
    expect(buttonsOf(teamsNow.raw)).toEqual([]);
    // The web chat's card lives in the server: stale until its retry-deliveries run.
    const stale = await ch.relance.ledger.models.CardRef.findOne({ draft: draft.key, channel: 'web' }).lean();
    expect(stale?.stale).toBe(true);
    await ch.relance.jobs.services.cards!.refreshStale();
    const webNow = await until(
      async () =>
        (await webDriver.messages(webMark)).find((m) => m.id === inWeb.id && /Decision/.test(m.text)),
      'the web chat card updated',
    );
    expect(buttonsOf(webNow.raw)).toEqual([]);
    const after = await ch.relance.ledger.models.CardRef.findOne({ draft: draft.key, channel: 'web' }).lean();
    expect(after?.stale).toBe(false);
  });

  it("a letter's card posted in Slack brings its PDF in its thread (files.uploadV2); a refused upload says the signed link there", async () => {
    const mark = slackDriver.mark();
    await slackDriver.say('marie', 'draft a reminder letter for Textiles Dubois');
    const card = await posted(slackDriver, mark, /Textiles Dubois SAS/);
    const done = await ch.slack.waitFor((c) => c.method === 'files.completeUploadExternal', mark);
    expect(done.args).toMatchObject({ channel_id: card.where, thread_ts: card.id });
    const asked = await ch.slack.waitFor((c) => c.method === 'files.getUploadURLExternal', mark);
    expect(String(asked.args.filename)).toMatch(/\.pdf$/);
    const fileId = String((JSON.parse(String(done.args.files)) as Array<{ id: string }>)[0]!.id);
    const bytes = ch.slack.uploads.get(fileId)!;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relance-upload-')), 'letter.pdf');
    fs.writeFileSync(file, bytes);
    const text = await runTs('test/helpers/pdf-text.ts', [file], cleanEnv());
    expect(text.stdout).toContain('Textiles Dubois SAS');

    // Slack refuses the upload (say the app lacks files:write): the link, in the thread.
    ch.slack.failNext('files.getUploadURLExternal', 'missing_scope');
    const again = slackDriver.mark();
    await slackDriver.say('marie', 'draft a reminder letter for Boulangerie');
    const second = await posted(slackDriver, again, /Draft — /);
    const link = await ch.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === second.id,
      again,
    );
    expect(String(link.args.text)).toMatch(
      /Letter PDF \(v\d+\): http:\/\/127\.0\.0\.1:\d+\/files\/draft\/.+\.pdf\?exp=\d+&sig=/,
    );
    const pdf = await fetch(String(link.args.text).replace(/^.*?: /, ''));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });
});
