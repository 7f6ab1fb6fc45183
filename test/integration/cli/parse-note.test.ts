/**
 * `relance parse-note` as a script uses it: JSON lines in, one JSON line out per input, on the
 * demo portfolio, recording nothing; a bad line gets its error and the others still answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, runTs } from '../../helpers/process';

// Each test starts CLI processes that open the embedded engine: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-parse-note-'));
const env = cleanEnv({ DATA_DIR: dataDir });

beforeAll(async () => {
  const demo = await runTs('bot/cli.ts', ['demo'], env);
  expect(demo.code).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('relance parse-note', () => {
  it('answers each JSON line with the understood structure, in order, and a bad line with its error', async () => {
    const input = [
      JSON.stringify({
        text: 'No answer at Ashford Textiles, call back Thursday',
        as: 'tom',
        now: '2026-11-23T09:15:00+01:00',
      }),
      'not json',
      JSON.stringify({ text: 'Pas de réponse chez Fournier', now: '2026-11-23T09:15:00+01:00' }),
      JSON.stringify({ text: '' }),
      JSON.stringify({ text: 'merci 🙂', now: '2026-11-23T09:15:00+01:00' }),
      JSON.stringify({ text: 'brouillons à valider', now: '2026-11-23T09:15:00+01:00' }),
      JSON.stringify({ text: 'my calls for tomorrow', as: 'tom', now: '2026-11-23T09:15:00+01:00' }),
    ].join('\n');
    const { code, stdout, stderr } = await runTs('bot/cli.ts', ['parse-note', '--json'], env, input);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({
      customer: 'UK036',
      outcome: 'no_answer',
      contact: null,
      promises: [],
      disputes: [],
      callback: '2026-11-26',
      question: null,
      intent: 'call_note',
    });
    expect(lines[1]).toEqual({ line: 2, error: expect.stringContaining('not JSON') });
    expect(lines[2].customer).toBeNull();
    expect(lines[2].question).toMatch(/^Quel client : .*Fournier.* ou .*Fournier.* \?$/);
    expect(lines[2].intent).toBe('call_note');
    expect(lines[3]).toEqual({ line: 4, error: 'text: the note is empty' });
    // Intent first: thanks, requests are not call notes.
    expect(lines[4].intent).toBe('none');
    expect(lines[5].intent).toBe('drafts');
    expect(lines[6].intent).toBe('worklist');
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  }, 60_000);
});
