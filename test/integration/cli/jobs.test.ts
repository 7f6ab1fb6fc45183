/**
 * `relance run-job` and `relance jobs` on the demo portfolio: a job run now by an operator
 * uses the same delivery keys as the scheduler (a second run sends nothing), and the listing
 * shows each job's last run and result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, runTs } from '../../helpers/process';

// Each test starts CLI processes that open the embedded engine: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-jobs-'));
const env = cleanEnv({ DATA_DIR: dataDir });

beforeAll(async () => {
  expect((await runTs('bot/cli.ts', ['demo'], env)).code).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('run-job and jobs', () => {
  it("runs Marie's digest of a given day once (no channel configured: it waits in her inbox)", async () => {
    const args = ['run-job', 'morning-digest', '--as', 'marie', '--date', '2026-11-20', '--json'];
    const first = await runTs('bot/cli.ts', args, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ job: 'morning-digest', result: '1 inbox' });
    const again = await runTs('bot/cli.ts', args, env);
    expect(JSON.parse(again.stdout)).toEqual({ job: 'morning-digest', result: '1 already' });
  });

  it('lists every job with its last result, and the deliveries waiting', async () => {
    const { code, stdout } = await runTs('bot/cli.ts', ['jobs', '--json'], env);
    expect(code).toBe(0);
    const { jobs, deliveries } = JSON.parse(stdout);
    expect(jobs.map((j: { name: string }) => j.name)).toEqual([
      'promise-check',
      'escalation-sweep',
      'sales-rep',
      'dispute-review',
      'call-back',
      'morning-digest',
      'retry-deliveries',
    ]);
    const digest = jobs.find((j: { name: string }) => j.name === 'morning-digest');
    expect(digest.lastResult).toBe('1 already');
    expect(digest.nextDue).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(deliveries).toMatchObject({ failing: 0, inbox: 1 });
  });

  it('refuses an unknown job or person with a clear message (exit 2)', async () => {
    const job = await runTs('bot/cli.ts', ['run-job', 'send-everything'], env);
    expect(job.code).toBe(2);
    expect(job.stderr).toContain('unknown job "send-everything": expected one of promise-check');
    const who = await runTs('bot/cli.ts', ['run-job', 'morning-digest', '--as', 'nobody'], env);
    expect(who.code).toBe(2);
    expect(who.stderr).toContain('unknown staff member "nobody"');
  });
});
