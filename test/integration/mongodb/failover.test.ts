/**
 * Two Relance processes on one data directory: the second shares the first one's engine.
 * When the owner is killed the second takes the engine over and is ready again within 10 s;
 * the owner, restarted, shares the new owner's engine; and the data written through either
 * survives both changes of hands.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, MongoClient } from 'mongodb';
import { readLock } from '../../../integrations/mongodb/engine/lock';
import { cleanEnv, exitOf, spawnTs, waitForLine } from '../../helpers/process';

const running: ChildProcess[] = [];
/** What each instance printed, shown when a check fails. */
const output = new Map<ChildProcess, string>();
afterAll(async () => {
  for (const child of running) {
    child.kill('SIGKILL');
    await exitOf(child);
  }
});

async function startInstance(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnTs(
    'bot/main.ts',
    [],
    cleanEnv({ PORT: '0', DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'info' }),
  );
  running.push(child);
  output.set(child, '');
  const keep = (d: Buffer) => output.set(child, (output.get(child) ?? '') + d.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const line = await waitForLine(child, /Relance is listening/, 60_000);
  return { child, url: JSON.parse(line).url as string };
}

async function ready(
  url: string,
): Promise<{ status: number; body: { checks?: Array<{ name: string; detail?: string }> } }> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as never };
  } catch {
    return { status: 0, body: {} };
  }
}

/** Milliseconds until `url` is ready with the engine owned by `pid`. */
async function readyAsOwner(url: string, dataDir: string, pid: number, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (readLock(dataDir)?.pid === pid && (await ready(url)).status === 200) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  const logs = [...output.values()].map((o) => o.split('\n').slice(-15).join('\n')).join('\n---\n');
  throw new Error(
    `not ready as the engine owner within ${limitMs} ms: ${JSON.stringify(await ready(url))}\n${logs}`,
  );
}

async function withEngine<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = await new MongoClient(readLock(dataDir)!.uri, { serverSelectionTimeoutMS: 5000 }).connect();
  try {
    return await fn(client.db('relance'));
  } finally {
    await client.close();
  }
}

describe('shared engine failover', () => {
  it('takes the engine over when its owner is killed, and the restarted owner shares it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-failover-'));
    const a = await startInstance(dir);
    const b = await startInstance(dir);
    expect(readLock(dir)?.pid).toBe(a.child.pid);
    expect((await ready(b.url)).body.checks?.find((c) => c.name === 'mongodb')?.detail).toBe('shared');
    await withEngine(dir, (db) => db.collection('notes').insertOne({ text: 'before the failover' }));

    a.child.kill('SIGKILL');
    await exitOf(a.child);
    const tookMs = await readyAsOwner(b.url, dir, b.child.pid!, 10_000);
    expect(tookMs).toBeLessThan(10_000);
    expect((await ready(b.url)).body.checks?.find((c) => c.name === 'mongodb')?.detail).toBe('embedded');

    // The killed owner comes back: it finds the engine served and shares it.
    const again = await startInstance(dir);
    expect((await ready(again.url)).status).toBe(200);
    expect(readLock(dir)?.pid).toBe(b.child.pid);

    // And when this owner goes too, the restarted one takes over in turn.
    b.child.kill('SIGKILL');
    await exitOf(b.child);
    await readyAsOwner(again.url, dir, again.child.pid!, 10_000);
    const notes = await withEngine(dir, (db) => db.collection('notes').find().toArray());
    expect(notes.map((n) => n.text)).toEqual(['before the failover']);
  }, 240_000);
});
