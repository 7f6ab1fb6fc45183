/**
 * A data directory that was damaged is never silently trimmed: a flipped byte in the journal
 * or the snapshot, or a journal cut short, stops the start (file and offset named, file
 * unchanged); `relance db --repair` keeps every record that is provably good and says how
 * many were lost; only a torn last write is dropped, and it is logged.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startRelance } from '../../../bot/app';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { type RunningEngine, startEngine } from '../../../integrations/mongodb/engine';
import { inspectDirectory } from '../../../integrations/mongodb/engine/recovery';
import { cleanEnv, runTs } from '../../helpers/process';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relance-safety-'));
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function withClient<T>(engine: RunningEngine, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = await new MongoClient(engine.uri, { serverSelectionTimeoutMS: 3000 }).connect();
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** `count` invoices, one acknowledged insert each (one journal batch each). */
async function fill(dir: string, count: number, compact = false): Promise<void> {
  const engine = await startEngine({ dataDir: dir });
  await withClient(engine, async (client) => {
    const invoices = client.db('relance').collection('invoices');
    for (let i = 0; i < count; i++) await invoices.insertOne({ number: `F-${i}`, amount: i * 100 });
  });
  if (compact) engine.storage.compact();
  await engine.close();
}

async function numbers(dir: string): Promise<string[]> {
  const engine = await startEngine({ dataDir: dir });
  try {
    return await withClient(engine, async (client) =>
      (await client.db('relance').collection('invoices').find().toArray()).map((d) => d.number as string),
    );
  } finally {
    await engine.close();
  }
}

function flipByte(file: string, offset: number): void {
  const buf = fs.readFileSync(file);
  buf[offset] = buf[offset]! ^ 0x5a;
  fs.writeFileSync(file, buf);
}

const relance = (args: string[], dir: string) => runTs('bot/cli.ts', args, cleanEnv({ DATA_DIR: dir }));

describe('a damaged data directory', () => {
  it('refuses to start on a flipped byte mid-journal, leaves the file as it is, and repairs up to the damage', async () => {
    const dir = tmpDir();
    await fill(dir, 40);
    const journal = path.join(dir, 'journal-0.log');
    const middle = Math.floor(fs.statSync(journal).size / 2);
    flipByte(journal, middle);
    const before = sha(journal);

    const err = await startEngine({ dataDir: dir }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain(journal);
    const offset = Number(/at byte (\d+)/.exec(err!.message)?.[1]);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(middle);
    expect(err?.message).toMatch(/db --repair/);
    expect(sha(journal)).toBe(before);

    const verified = await relance(['db', '--verify'], dir);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`DAMAGED: ${journal} at byte ${offset}`);
    expect(sha(journal)).toBe(before);

    // What the records before the damage hold: every invoice written before that byte.
    const intact = inspectDirectory(dir).journalOps.filter((op) => op.op === 'put').length;
    expect(intact).toBeGreaterThan(5);
    const repaired = await relance(['db', '--repair'], dir);
    expect(repaired.code).toBe(0);
    const lost = 40 - intact;
    expect(repaired.stdout).toMatch(new RegExp(`records? recovered, ${lost} records? lost`));
    const [movedTo] = fs.readdirSync(dir).filter((f) => f.startsWith('damaged-'));
    expect(sha(path.join(dir, movedTo!, 'journal-0.log'))).toBe(before);

    const kept = await numbers(dir);
    expect(kept).toEqual(Array.from({ length: intact }, (_, i) => `F-${i}`));
  }, 60_000);

  it('refuses a flipped byte mid-snapshot and repairs everything but the damaged record', async () => {
    const dir = tmpDir();
    await fill(dir, 60, true);
    const snapshot = path.join(dir, 'snapshot.bson');
    flipByte(snapshot, Math.floor(fs.statSync(snapshot).size / 2));
    const before = sha(snapshot);

    await expect(startEngine({ dataDir: dir })).rejects.toThrow(
      /snapshot\.bson at byte \d+ \(checksum mismatch\)/,
    );
    expect(sha(snapshot)).toBe(before);

    const repaired = await relance(['db', '--repair'], dir);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/1 record lost/);
    expect(repaired.stdout).toContain('relance.invoices: 59 documents');
    expect(await numbers(dir)).toHaveLength(59);
    expect((await relance(['db', '--verify'], dir)).code).toBe(0);
  }, 60_000);

  it('refuses a journal cut by 3,000 bytes: acknowledged writes are missing, not torn', async () => {
    const dir = tmpDir();
    await fill(dir, 60);
    const journal = path.join(dir, 'journal-0.log');
    fs.truncateSync(journal, fs.statSync(journal).size - 3000);

    await expect(startEngine({ dataDir: dir })).rejects.toThrow(/journal-0\.log at byte \d+/);
    const verified = await relance(['db', '--verify'], dir);
    expect(verified.code).toBe(1);
    const repaired = await relance(['db', '--repair'], dir);
    const kept = await numbers(dir);
    expect(kept.length).toBeLessThan(60);
    // The count of what was lost is exact: the engine recorded what it had acknowledged.
    expect(repaired.stdout).toContain(`, ${60 - kept.length} records lost`);
  }, 60_000);

  it('drops a torn last write, logs it and keeps its bytes aside', async () => {
    const dir = tmpDir();
    await fill(dir, 10);
    const journal = path.join(dir, 'journal-0.log');
    const size = fs.statSync(journal).size;
    // What a crash in the middle of writing the next batch leaves: the first part of one.
    fs.appendFileSync(journal, fs.readFileSync(journal).subarray(0, 50));

    const warnings: Array<{ message: string; details: object }> = [];
    const engine = await startEngine({
      dataDir: dir,
      onWarning: (message, details) => warnings.push({ message, details }),
    });
    await engine.close();
    expect(warnings).toEqual([
      {
        message: expect.stringMatching(/torn last write/),
        details: expect.objectContaining({ file: journal, offset: size, bytes: 50 }),
      },
    ]);
    expect(fs.statSync(journal).size).toBe(size);
    expect(fs.readdirSync(dir)).toContain(`journal-0.torn-${size}`);
    expect(await numbers(dir)).toHaveLength(10);
  }, 60_000);
});

describe('the demo portfolio', () => {
  const start = (dir: string) =>
    startRelance(
      parseConfig({ PORT: '0', DATA_DIR: dir, SCHEDULER_ENABLED: 'false' }),
      memoryLogger('silent').logger,
    );

  it('is loaded into a new data directory, never into one that recovered empty', async () => {
    const fresh = tmpDir();
    const first = await start(fresh);
    expect(await first.ledger.models.Customer.countDocuments()).toBeGreaterThan(0);
    await first.stop();

    // A directory that held data and came back with no customers: lost data, not a newcomer.
    const emptied = tmpDir();
    const engine = await startEngine({ dataDir: emptied });
    await withClient(engine, async (client) => {
      const customers = client.db('relance').collection('customers');
      await customers.insertOne({ reference: 'C-1' });
      await customers.deleteMany({});
    });
    await engine.close();
    const second = await start(emptied);
    expect(await second.ledger.models.Customer.countDocuments()).toBe(0);
    await second.stop();
  }, 120_000);
});

describe('permissions', () => {
  it('keeps the data directory 0700 and its files 0600', async () => {
    const dir = tmpDir();
    fs.chmodSync(dir, 0o755);
    await fill(dir, 3);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dir))
      expect([f, fs.statSync(path.join(dir, f)).mode & 0o777]).toEqual([f, 0o600]);
  });

  it('refuses to listen beyond loopback (the engine has no authentication)', async () => {
    await expect(startEngine({ host: '0.0.0.0' })).rejects.toThrow(/only listens on loopback.*MONGODB_URI/);
  });
});
