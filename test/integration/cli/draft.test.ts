/**
 * `relance draft` on the demo portfolio: the JSON a script reads, the readable draft with its
 * guard results, and a PDF letter whose extracted text holds the invoice references and amounts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatMoney } from '../../../models/rules/money';
import { cleanEnv, runTs } from '../../helpers/process';

// Each test starts CLI processes that open the embedded engine: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-draft-'));
// The CLI's clock is fixed (RELANCE_NOW): the demo portfolio and the letter never depend on the day the test runs.
const env = cleanEnv({
  DATA_DIR: dataDir,
  RELANCE_NOW: '2026-11-23T08:15:00Z',
  COMPANY_NAME: 'Tissages Réunis SAS',
  COMPANY_ADDRESS: '3 quai des Chartrons|33000 Bordeaux',
});

beforeAll(async () => {
  const demo = await runTs('bot/cli.ts', ['demo'], env);
  expect(demo.code).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('relance draft', () => {
  it('writes a formal notice as JSON with its guard results, and as a PDF letter', async () => {
    const pdf = path.join(dataDir, 'FR004.pdf');
    const { code, stdout, stderr } = await runTs(
      'bot/cli.ts',
      ['draft', '--customer', 'FR004', '--step', 'formal_notice', '--json', '--pdf', pdf],
      env,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      customer: 'FR004',
      step: 'formal_notice',
      kind: 'formal_notice',
      lang: 'fr',
      source: 'template',
      approvable: true,
    });
    expect(out.guards.facts.ok).toBe(true);
    expect(out.content.subject).toMatch(/^Mise en demeure de payer/);
    const invoices: Array<{ number: string; amount: number; currency: string }> = out.facts.invoices;
    expect(invoices.length).toBeGreaterThan(0);

    const { stdout: text } = await runTs('test/helpers/pdf-text.ts', [pdf], env);
    expect(text).toContain('Tissages Réunis SAS');
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain('Textiles Dubois SAS');
    // The demo's postal address of the customer, where a window envelope shows it.
    expect(text).toMatch(/Textiles Dubois SAS\n.*\n\d+ .+\n44000 NANTES/);
    expect(text).toContain('Bordeaux, le ');
    expect(text).toContain('mise en demeure');
    for (const inv of invoices) {
      expect(text).toContain(inv.number);
      expect(text).toContain(formatMoney({ amount: inv.amount, currency: inv.currency }, 'fr'));
    }
  });

  it('prints a readable draft and its guard results, and refuses an unknown customer or step', async () => {
    const ok = await runTs('bot/cli.ts', ['draft', '--customer', 'UK036', '--lang', 'en'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^.+ \(UK036\) — \w+ — en — template/);
    expect(ok.stdout).toMatch(/Fact guard: passed \(\d+ figures checked\); tone guard: passed/);
    const unknown = await runTs('bot/cli.ts', ['draft', '--customer', 'NOPE'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('customer NOPE not found');
    const badStep = await runTs('bot/cli.ts', ['draft', '--customer', 'FR004', '--step', 'lawsuit'], env);
    expect(badStep.code).not.toBe(0);
    expect(badStep.stderr).toContain('expected one of pre_due_call');
  });
});
