/**
 * The whole server with agenda on: it was off from 07:00 to 10:00 (Paris) on a working
 * Monday. At restart the missed digests of today go out once, through Slack (a local fake);
 * a second restart the same day sends nothing again. /readyz reports the deliveries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningRelance, startRelance } from '../../../bot/app';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack';

let slack: FakeSlack;
// Kept in test-output/ for a post-mortem when this long test fails on a loaded machine.
const logs = memoryLogger('debug');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-outage-'));

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  fs.mkdirSync('test-output', { recursive: true });
  fs.writeFileSync(
    'test-output/outage.log',
    logs
      .lines()
      .map((l) => JSON.stringify(l))
      .join('\n'),
  );
  await slack.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const start = (at: string) =>
  startRelance(
    parseConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_PROCESS_EVERY_MS: '500',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      WEBCHAT_ENABLED: 'false',
    }),
    logs.logger,
    fixedClock(at),
    // agenda keeps a timer of half the lock lifetime alive after stop(): keep it short here.
    { scheduler: { lockLifetimeMs: 5000 } },
  );

const digestsTo = (user: string) =>
  slack.calls.filter(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.args.channel === user &&
      /Digest|Point/i.test(JSON.stringify(c.args.blocks)),
  );

describe('catch-up after downtime', () => {
  it('sends the missed digest of today once at restart, and not again at the next restart', async () => {
    let relance: RunningRelance = await start('2026-11-23T09:00:00Z'); // 10:00 in Paris
    await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U0DEMOMARIE',
      0,
      60_000,
    );
    await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U0DEMOCLAIRE',
      0,
      60_000,
    );
    const ready = (await (await fetch(`${relance.url}/readyz`)).json()) as {
      checks: Array<{ name: string; detail?: string }>;
    };
    expect(ready.checks.find((c) => c.name === 'deliveries')?.detail).toBe(
      '0 retrying, 0 abandoned, 0 uncertain, 0 in inbox',
    );
    await relance.stop();
    expect(digestsTo('U0DEMOMARIE')).toHaveLength(1);

    relance = await start('2026-11-23T09:30:00Z');
    await new Promise((r) => setTimeout(r, 1500));
    await relance.stop();
    expect(digestsTo('U0DEMOMARIE')).toHaveLength(1);
    expect(digestsTo('U0DEMOCLAIRE')).toHaveLength(1);
    expect(digestsTo('U0DEMOTOM')).toHaveLength(1); // 08:30 in London had passed too
  }, 240_000);
});
