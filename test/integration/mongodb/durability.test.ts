/**
 * The embedded engine on a data directory: acknowledged writes survive SIGKILL, a second
 * process shares the running engine, and a stale lock is taken over.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { openEngine } from '../../../integrations/mongodb/engine';
import { lockPath, readLock } from '../../../integrations/mongodb/engine/lock';
import { cleanEnv, exitOf, runTs, spawnTs, waitForLine } from '../../helpers/process';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'relance-data-'));
}

function startDbProcess(dataDir: string) {
  const child = spawnTs('bot/cli.ts', ['db'], cleanEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
  return { child, uri: waitForLine(child, /^mongodb:\/\//) };
}

const checksum = (body: string) => createHash('sha256').update(body).digest('hex');

describe('durability on a data directory', () => {
  it('keeps every acknowledged write and no partial document after SIGKILL', async () => {
    const dir = tmpDir();
    const first = startDbProcess(dir);
    const client = await new MongoClient(await first.uri, {
      serverSelectionTimeoutMS: 3000,
      maxPoolSize: 8,
    }).connect();
    const c = client.db('relance').collection('writes');
    await c.createIndex({ writer: 1, seq: 1 }, { unique: true });

    const acked: Array<{ writer: number; seq: number }> = [];
    let counterAcked = 0;
    let stop = false;
    // Four concurrent writers (so the journal groups commits) plus an $inc on one document.
    const writer = async (w: number) => {
      for (let seq = 0; !stop; seq++) {
        const body = `w${w}-s${seq}-`.padEnd(50 + ((seq * 37) % 2000), 'x');
        try {
          await c.insertOne({ writer: w, seq, body, sum: checksum(body) });
          acked.push({ writer: w, seq });
          await c.updateOne({ _id: 'counter' as never }, { $inc: { n: 1 } }, { upsert: true });
          counterAcked++;
        } catch {
          return; // the engine died under us: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    stop = true;
    await exitOf(first.child);
    await Promise.all(writers);
    await client.close(true);
    expect(acked.length).toBeGreaterThan(100);
    // The killed engine left its lock behind: the restart must take it over.
    expect(fs.existsSync(lockPath(dir))).toBe(true);

    const second = startDbProcess(dir);
    const again = await new MongoClient(await second.uri, { serverSelectionTimeoutMS: 3000 }).connect();
    const docs = await again
      .db('relance')
      .collection('writes')
      .find({ writer: { $exists: true } })
      .toArray();
    const stored = new Set(docs.map((d) => `${d.writer}:${d.seq}`));
    const missing = acked.filter((a) => !stored.has(`${a.writer}:${a.seq}`));
    expect(missing).toEqual([]);
    const partial = docs.filter((d) => typeof d.body !== 'string' || checksum(d.body) !== d.sum);
    expect(partial).toEqual([]);
    const counter = await again
      .db('relance')
      .collection('writes')
      .findOne({ _id: 'counter' as never });
    expect(counter!.n).toBeGreaterThanOrEqual(counterAcked);
    // The unique index came back too.
    await expect(
      again.db('relance').collection('writes').insertOne({ writer: 0, seq: 0 }),
    ).rejects.toMatchObject({ code: 11000 });
    await again.close();
    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toBe(0);
    expect(fs.existsSync(lockPath(dir))).toBe(false); // a clean stop releases the directory
  });

  it('lets a second process use the engine that already serves the directory', async () => {
    const dir = tmpDir();
    const first = startDbProcess(dir);
    const uri = await first.uri;
    const shared = await openEngine({ dataDir: dir });
    expect(shared.owned).toBe(false);
    expect(shared.uri).toBe(uri);
    const cli = await runTs('bot/cli.ts', ['db'], cleanEnv({ DATA_DIR: dir }));
    expect(cli.code).toBe(0);
    expect(cli.stdout.split('\n')[0]).toBe(uri);

    const client = await new MongoClient(shared.uri).connect();
    await client.db('relance').collection('x').insertOne({ from: 'second process' });
    await client.close();
    first.child.kill('SIGTERM');
    await exitOf(first.child);
    const reopened = await openEngine({ dataDir: dir });
    expect(reopened.owned).toBe(true);
    const check = await new MongoClient(reopened.uri).connect();
    expect(
      await check
        .db('relance')
        .collection('x')
        .findOne({}, { projection: { _id: 0 } }),
    ).toEqual({ from: 'second process' });
    await check.close();
    await reopened.close();
  });

  it('takes over a stale lock: dead process, or live process whose port is closed', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const dead = spawnTs('bot/cli.ts', ['--version'], cleanEnv());
    await exitOf(dead);
    for (const pid of [dead.pid!, process.ppid]) {
      const dir = tmpDir();
      fs.writeFileSync(
        lockPath(dir),
        JSON.stringify({
          pid,
          host: '127.0.0.1',
          port: closedPort,
          uri: `mongodb://127.0.0.1:${closedPort}/`,
          startedAt: '',
        }),
      );
      const opened = await openEngine({ dataDir: dir });
      expect(opened.owned).toBe(true);
      expect(readLock(dir)).toMatchObject({ pid: process.pid, port: opened.engine!.port });
      await opened.close();
    }
  });
});
