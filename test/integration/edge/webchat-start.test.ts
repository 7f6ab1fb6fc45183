/**
 * The start of the real server (`npm start`, bot/main.ts as a child process) and the web
 * chat: with Slack or Teams credentials and no WEBCHAT_SECRET the web chat would be open to
 * anyone acting as anyone, so the start is refused with a message naming the ways out; with
 * the web chat switched off it starts; and the embedded defaults (no credentials, loopback)
 * still give the quick start's open web chat.
 */
import type { ChildProcess } from 'node:child_process';
import { cleanEnv, exitOf, runTs, spawnTs, waitForLine } from '../../helpers/process';

const TEAMS = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'teams-pw-x1' };
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-secret-token-1', SLACK_SIGNING_SECRET: 'signing-secret-1' };
const BASE = { PORT: '0', DATA_DIR: '', DEMO_DATA: 'false', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info' };

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
    await exitOf(child);
  }
});

async function listening(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnTs('bot/main.ts', [], cleanEnv(env));
  children.push(child);
  const line = await waitForLine(child, /Relance is listening/, 90_000);
  return { child, url: JSON.parse(line).url as string };
}

describe('starting with channel credentials and an open web chat', () => {
  it.each([
    ['Slack', SLACK],
    ['Teams', TEAMS],
  ])(
    'is refused with %s credentials, with a message naming the fixes',
    async (_name, credentials) => {
      const { code, stdout, stderr } = await runTs('bot/main.ts', [], cleanEnv({ ...BASE, ...credentials }));
      expect(code).toBe(1);
      expect(stdout).not.toMatch(/Relance is listening/);
      expect(stderr).toContain('Invalid configuration:');
      expect(stderr).toContain('Slack or Teams credentials are set');
      // The three ways out, by name.
      expect(stderr).toContain('set WEBCHAT_SECRET');
      expect(stderr).toContain('WEBCHAT_ENABLED=false');
      expect(stderr).toMatch(/without Slack and Teams credentials, on a loopback HOST/);
      // One readable block, no stack trace, no credential echoed.
      expect(stderr).not.toMatch(/\n\s+at /);
      for (const value of Object.values(credentials)) expect(stderr + stdout).not.toContain(value);
    },
    90_000,
  );

  it('is refused beyond loopback without credentials too', async () => {
    const { code, stderr } = await runTs('bot/main.ts', [], cleanEnv({ ...BASE, HOST: '0.0.0.0' }));
    expect(code).toBe(1);
    expect(stderr).toContain('HOST is 0.0.0.0, beyond loopback');
  }, 90_000);

  it('starts with the web chat switched off (WEBCHAT_ENABLED=false), serving no web chat', async () => {
    const { url } = await listening({ ...BASE, ...TEAMS, WEBCHAT_ENABLED: 'false' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/chat`)).status).toBe(404);
    expect((await fetch(`${url}/webchat/people`)).status).toBe(404);
  }, 120_000);

  it('starts with WEBCHAT_SECRET, every web chat request needing a login', async () => {
    const { url } = await listening({ ...BASE, ...TEAMS, WEBCHAT_SECRET: 'webchat-secret-0123456789' });
    expect((await fetch(`${url}/chat`)).status).toBe(401);
    expect((await fetch(`${url}/webchat/token`, { method: 'POST' })).status).toBe(401);
  }, 120_000);

  it('keeps the quick start: no credentials, loopback → the open local web chat', async () => {
    const { url } = await listening(BASE);
    expect((await fetch(`${url}/chat`)).status).toBe(200);
    expect((await fetch(`${url}/webchat/token`, { method: 'POST' })).status).toBe(200);
  }, 120_000);
});
