import { type AddressInfo, connect } from 'node:net';
import { startRelance } from '../../bot/app';
import { parseConfig } from '../../integrations/config';
import { memoryLogger } from '../../integrations/logger';
import { cleanEnv, exitOf, runTs, spawnTs, waitForLine } from '../helpers/process';

describe('the HTTP server', () => {
  it('answers /healthz and /readyz, then stops cleanly and frees its port', async () => {
    const config = parseConfig({ PORT: '0', DATA_DIR: '' });
    const { logger } = memoryLogger('silent');
    const relance = await startRelance(config, logger);
    const health = await fetch(`${relance.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${relance.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: [
        { name: 'mongodb', ok: true, detail: 'embedded' },
        {
          name: 'communications',
          ok: true,
          detail: expect.stringMatching(/^0 approved, not sent \(retrying\), 0 to post, /),
        },
        // (the scheduler's catch-up may already have put demo digests in inboxes)
        {
          name: 'deliveries',
          ok: true,
          detail: expect.stringMatching(/^0 retrying, 0 abandoned, 0 uncertain, \d+ in inbox$/),
        },
      ],
    });

    const port = (relance.http.server.address() as AddressInfo).port;
    await relance.stop();
    await expect(
      new Promise((resolve, reject) =>
        connect(port, '127.0.0.1').once('connect', resolve).once('error', reject),
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reports not ready, naming the dependency, when the database is gone', async () => {
    const relance = await startRelance(
      parseConfig({ PORT: '0', DATA_DIR: '' }),
      memoryLogger('silent').logger,
    );
    await relance.db.close();
    const ready = await fetch(`${relance.url}/readyz`);
    expect(ready.status).toBe(503);
    // The communications and deliveries cannot be counted either: all are named.
    expect(await ready.json()).toMatchObject({
      ready: false,
      notReady: ['mongodb', 'communications', 'deliveries'],
    });
    await relance.stop();
  });
});

describe('npm start (bot/main.ts)', () => {
  it('starts on Node 24, logs its version, serves /healthz and exits 0 on SIGTERM', async () => {
    const child = spawnTs('bot/main.ts', [], cleanEnv({ PORT: '0', DATA_DIR: '', LOG_LEVEL: 'info' }));
    const started = await waitForLine(child, /Relance starting on Node/, 60_000);
    expect(started).toMatch(/Node v24\./);
    const listening = await waitForLine(child, /Relance is listening/, 100_000);
    const url = JSON.parse(listening).url as string;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    // A cold start with the demo portfolio takes well over 30 s on a loaded 2-core machine.
  }, 120_000);

  it('refuses an invalid environment with one readable message naming each bad variable', async () => {
    const { code, stderr, stdout } = await runTs(
      'bot/main.ts',
      [],
      cleanEnv({ PORT: 'abc', LOG_LEVEL: 'loud' }),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain('PORT: expected a TCP port');
    expect(stderr).toContain('LOG_LEVEL: expected one of');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stdout).toBe('');
  });
});

describe('the operator CLI', () => {
  it('lists its commands with --help', async () => {
    const { code, stdout } = await runTs('bot/cli.ts', ['--help'], cleanEnv());
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: relance');
    expect(stdout).toMatch(/\bdb\b/);
    expect(stdout).toMatch(/\bconfig\b/);
  });
});
