/**
 * The CLI's conversational commands go through the turn pipeline like every other edge: the
 * same staff look-up (an unknown or inactive handle is refused, exit 2), the person's
 * language, the dialogs' own reply as terminal text. The clock is RELANCE_NOW, never the
 * machine's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, runTs } from '../../helpers/process';

// Each test starts CLI processes that open the embedded engine: generous on a loaded 2-core machine.
jest.setTimeout(180_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-cli-turn-'));
const env = cleanEnv({ DATA_DIR: dataDir, RELANCE_NOW: '2026-11-23T08:30:00Z' });

beforeAll(async () => {
  expect((await runTs('bot/cli.ts', ['demo'], env)).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the CLI on the turn pipeline', () => {
  it("answers `worklist` with the person's call list, in their language, as the chat would", async () => {
    const { code, stdout, stderr } = await runTs(
      'bot/cli.ts',
      ['worklist', '--as', 'marie', '--date', '2026-11-23', '--top', '3'],
      env,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Marie's profile is French: the title and the ranked entries are the dialog's.
    expect(stdout).toMatch(/^Appels pour Marie Lambert, aujourd'hui/);
    expect(stdout).toMatch(/^ 3\. /m);
    expect(stdout).not.toMatch(/^ 4\. /m);
  });

  it('answers `digest` through the same pipeline', async () => {
    const { code, stdout } = await runTs(
      'bot/cli.ts',
      ['digest', '--as', 'marie', '--date', '2026-11-23'],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bonjour Marie — point du lundi 23 novembre 2026/);
  });

  it('refuses a person the team does not list, as every edge does (exit 2, nothing else done)', async () => {
    const { code, stderr } = await runTs('bot/cli.ts', ['worklist', '--as', 'nobody'], env);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown staff member "nobody"');
  });
});
