/**
 * The communications commands operators script against, run as the product's CLI in child
 * processes on a data directory of the demo portfolio swept once (its letters drafted):
 * `drafts [--as] [--status] [--json]` and its exact JSON, `approve`, `reject`, `posted` and
 * `outbox`, with the buttons' permissions and sending (into the local outbox).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOW } from '../../helpers/ledger';
import { cleanEnv, runTs } from '../../helpers/process';

// Every command opens the embedded engine on the data directory: generous on a loaded machine.
jest.setTimeout(900_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-drafts-'));
const env = cleanEnv({ DATA_DIR: dataDir, RELANCE_NOW: NOW });
const cli = (...args: string[]) => runTs('bot/cli.ts', args, env);

interface Row {
  id: string;
  customer: string;
  step: string;
  status: string;
  version: number;
  invoices: string[];
  created: string;
  decided: string | null;
  sent: string | null;
}

async function drafts(...args: string[]): Promise<Row[]> {
  const out = await cli('drafts', '--json', ...args);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return (JSON.parse(out.stdout) as { drafts: Row[] }).drafts;
}
const byId = async (id: string) => (await drafts()).find((d) => d.id === id)!;
const outbox = async () =>
  (JSON.parse((await cli('outbox', '--json')).stdout) as { mails: Array<Record<string, unknown>> }).mails;

let all: Row[];
let marie: Row[];

beforeAll(async () => {
  expect((await cli('demo')).code).toBe(0);
  const swept = await cli('run-job', 'escalation-sweep');
  expect(swept.code).toBe(0);
  all = await drafts();
  marie = await drafts('--as', 'marie');
}, 900_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('relance drafts', () => {
  it('prints {"drafts": [...]} with exactly the documented fields', () => {
    expect(all.length).toBeGreaterThan(3);
    for (const d of all) {
      expect(Object.keys(d)).toEqual([
        'id',
        'customer',
        'step',
        'status',
        'version',
        'invoices',
        'created',
        'decided',
        'sent',
      ]);
      expect(d.id).toMatch(/^D[0-9A-F]{8}$/);
      expect(d.invoices.length).toBeGreaterThan(0);
      for (const n of d.invoices) expect(typeof n).toBe('string');
      expect(d).toMatchObject({ status: 'awaiting_approval', version: 1, decided: null, sent: null });
      expect(d.created).toBe(new Date(NOW).toISOString());
    }
  });

  it("--as: a controller's own portfolio, a manager's whole team; --status filters, a bad one is refused", async () => {
    const tom = await drafts('--as', 'tom');
    const claire = await drafts('--as', 'claire');
    expect(marie.length).toBeGreaterThan(0);
    expect(tom.length).toBeGreaterThan(0);
    const ids = (rows: Row[]) => rows.map((d) => d.id).sort();
    expect(ids([...marie, ...tom])).toEqual(ids(all));
    expect(ids(marie).filter((id) => ids(tom).includes(id))).toEqual([]);
    expect(ids(claire)).toEqual(ids(all));
    expect(await drafts('--status', 'sent')).toEqual([]);
    const bad = await cli('drafts', '--status', 'lost');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown status "lost"');
  });
});

describe('relance approve / reject / posted / outbox', () => {
  it("refuses a controller's approval of a formal notice: exit code, nothing changed, nothing sent", async () => {
    const notice = marie.find((d) => d.step === 'formal_notice')!;
    const out = await cli('approve', notice.id, '--as', 'marie', '--acknowledge-warnings');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain("needs a manager's approval");
    expect((await byId(notice.id)).status).toBe('awaiting_approval');
    expect(await outbox()).toEqual([]);
  });

  // The emailed step of the sweep (the preventive reminder) and whose portfolio it is in.
  const emailed = () => {
    const reminder = all.find((d) => d.step === 'preventive_reminder')!;
    const owner = marie.some((d) => d.id === reminder.id) ? 'marie' : 'tom';
    return { reminder, owner, other: owner === 'marie' ? 'tom' : 'marie' };
  };

  it("refuses a controller's approval of a draft of someone else's portfolio", async () => {
    const { reminder, owner, other } = emailed();
    const out = await cli('approve', reminder.id, '--as', other, '--acknowledge-warnings');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(`only ${owner}`);
  });

  it('approves an emailed reminder as its owner and sends it into the outbox, once', async () => {
    const { reminder, owner } = emailed();
    // (Still waiting: the other controller's refusal above changed nothing.)
    expect((await byId(reminder.id)).status).toBe('awaiting_approval');
    const out = await cli('approve', reminder.id, '--as', owner, '--acknowledge-warnings');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^approved and sent/);
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    // The mail names the draft it sends (X-Relance-Ref).
    expect(mails[0]).toMatchObject({ reference: reminder.id });
    expect(String(mails[0]!.to)).toMatch(/@/);
    expect(mails[0]!.attachments).toEqual(expect.arrayContaining([expect.stringMatching(/\.pdf$/)]));
    const row = await byId(reminder.id);
    expect(row.status).toBe('sent');
    expect(row.decided).not.toBeNull();
    expect(row.sent).not.toBeNull();
    // Approving it again is refused (already sent) and sends nothing more.
    const again = await cli('approve', reminder.id, '--as', owner);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already sent');
    const listed = await cli('outbox');
    expect(listed.stdout).toContain(String(mails[0]!.file));
    expect(listed.stdout.match(/\.eml/g)).toHaveLength(1);
  });

  it("a manager's approval of a formal notice makes it a letter to post; `posted` records it sent", async () => {
    const notice = marie.find((d) => d.step === 'formal_notice')!;
    const out = await cli('approve', notice.id, '--as', 'claire', '--acknowledge-warnings');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^approved: to post/);
    expect((await byId(notice.id)).status).toBe('approved');
    const bad = await cli('posted', notice.id, '12');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('registered-mail number');
    const done = await cli('posted', notice.id, '1A 123 456 7890 1');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('recorded as sent on 2026-11-23');
    const sent = await drafts('--status', 'sent');
    expect(sent.find((d) => d.id === notice.id)).toMatchObject({ status: 'sent', sent: expect.any(String) });
  });

  it('rejects with a reason (required), and a rejected draft cannot be approved', async () => {
    const open = (await drafts('--as', 'tom', '--status', 'awaiting_approval')).find(
      (d) => d.step === 'second_reminder',
    )!;
    const noReason = await cli('reject', open.id, '--as', 'tom');
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain('--reason');
    const out = await cli('reject', open.id, '--as', 'tom', '--reason', 'client en redressement judiciaire');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^rejected/);
    expect(out.stdout).toContain('client en redressement judiciaire');
    const late = await cli('approve', open.id, '--as', 'tom', '--acknowledge-warnings');
    expect(late.code).not.toBe(0);
    expect((await byId(open.id)).status).toBe('rejected');
    // Only the emailed reminder ever reached the outbox (letters to post never do).
    expect(await outbox()).toHaveLength(1);
  });
});
