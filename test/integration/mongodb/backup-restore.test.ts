/**
 * Backups of the embedded engine: `relance db --backup DIR` writes one point in time of a
 * running engine's data (another client writing all the while) into a new directory, private
 * to its owner; a backup never overwrites; `relance db --restore DIR` puts a backup in place,
 * moving what the directory held aside, and refuses a damaged backup without touching
 * anything. (For a real MongoDB the README gives mongodump / mongorestore.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEngine } from '../../../integrations/mongodb/engine';
import { cleanEnv, runTs } from '../../helpers/process';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relance-backup-'));
const relance = (args: string[], dir: string) => runTs('bot/cli.ts', args, cleanEnv({ DATA_DIR: dir }));
const mode = (p: string) => fs.statSync(p).mode & 0o777;

async function countIn(dir: string): Promise<{ invoices: number; numbers: Set<string> }> {
  const engine = await startEngine({ dataDir: dir });
  const client = await new MongoClient(engine.uri).connect();
  try {
    const all = await client.db('relance').collection('invoices').find().toArray();
    return { invoices: all.length, numbers: new Set(all.map((d) => d.number as string)) };
  } finally {
    await client.close();
    await engine.close();
  }
}

describe('backup and restore of the embedded engine', () => {
  it('backs up one point in time while another client writes, and restores it', async () => {
    const dir = tmpDir();
    const engine = await startEngine({ dataDir: dir });
    const client = await new MongoClient(engine.uri).connect();
    const invoices = client.db('relance').collection('invoices');
    await invoices.insertMany(Array.from({ length: 20_000 }, (_, i) => ({ number: `F-${i}`, amount: i })));

    // Another client keeps writing while the backup is taken.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) await invoices.insertOne({ number: `W-${written++}`, amount: 1 });
    })();
    const target = path.join(tmpDir(), 'backup');
    const reply = await client.db('admin').command({ relanceBackup: target });
    writing = false;
    await writer;
    const backedUp = (reply.documents as Record<string, number>)['relance.invoices']!;
    expect(backedUp).toBeGreaterThanOrEqual(20_000);
    expect(backedUp).toBeLessThanOrEqual(20_000 + written);
    await client.close();
    await engine.close();

    // Private to its owner, and exactly what the reply counted: every invoice stored before it
    // began, and the writes of the other client up to one moment (a prefix of them).
    expect(mode(target)).toBe(0o700);
    for (const f of fs.readdirSync(target)) expect(mode(path.join(target, f))).toBe(0o600);
    const copy = await countIn(target);
    expect(copy.invoices).toBe(backedUp);
    for (let i = 0; i < 20_000; i += 997) expect(copy.numbers.has(`F-${i}`)).toBe(true);
    const during = [...copy.numbers].filter((n) => n.startsWith('W-')).length;
    for (let i = 0; i < during; i++) expect(copy.numbers.has(`W-${i}`)).toBe(true);

    // A backup never overwrites.
    const again = await relance(['db', '--backup', target], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty: a backup goes into a new or empty directory/);

    // Restored over the directory: what it held is moved aside, the backup's content is back.
    const restored = await relance(['db', '--restore', target], dir);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* from .*backup/);
    expect(restored.stdout).toMatch(/what it held before was moved to .*before-restore-/);
    expect(restored.stdout).toContain(`relance.invoices: ${backedUp.toLocaleString('en')} documents`);
    expect((await countIn(dir)).invoices).toBe(backedUp);
  }, 180_000);

  it('refuses a damaged backup and leaves the data directory as it was', async () => {
    const dir = tmpDir();
    const engine = await startEngine({ dataDir: dir });
    const client = await new MongoClient(engine.uri).connect();
    await client
      .db('relance')
      .collection('invoices')
      .insertMany(Array.from({ length: 500 }, (_, i) => ({ number: `F-${i}`, amount: i })));
    const target = path.join(tmpDir(), 'backup');
    await client.db('admin').command({ relanceBackup: target });
    await client.db('relance').collection('invoices').insertOne({ number: 'after', amount: 1 });
    await client.close();
    await engine.close();

    const snapshot = path.join(target, 'snapshot.bson');
    const bytes = fs.readFileSync(snapshot);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x5a;
    fs.writeFileSync(snapshot, bytes);
    const refused = await relance(['db', '--restore', target], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Restore failed: the backup is damaged: .*snapshot\.bson at byte \d+/);
    const kept = await countIn(dir);
    expect(kept.invoices).toBe(501);
    expect(kept.numbers.has('after')).toBe(true);
  }, 180_000);
});
