/**
 * Group commit: writers on separate connections share fdatasyncs, none is acknowledged before
 * the sync covering its bytes, and a sync the disk refuses fails every write of its group
 * (undone: none of them is stored). The disk is the real filesystem under a layer that can
 * hold a sync back (so the test decides when it completes) or make it fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Collection, MongoClient } from 'mongodb';
import { type RunningEngine, startEngine } from '../../../integrations/mongodb/engine';
import { type JournalFs, nodeFs } from '../../../integrations/mongodb/engine/journal';
import { keyOf } from '../../../integrations/mongodb/engine/values';

/** A disk whose syncs wait for `release()` while held, and fail with `failWith` if set. */
function gatedDisk() {
  const state = { held: false, failWith: null as string | null, syncs: 0, waiting: [] as Array<() => void> };
  const layer: JournalFs = {
    write: (fd, buf, position) => nodeFs.write(fd, buf, position),
    datasync: async (fd) => {
      if (state.held) await new Promise<void>((resolve) => state.waiting.push(resolve));
      state.syncs++;
      if (state.failWith)
        throw Object.assign(new Error(`${state.failWith}: injected`), { code: state.failWith });
      return nodeFs.datasync(fd);
    },
    truncate: (fd, length) => nodeFs.truncate(fd, length),
    writeSync: (fd, buf, position) => nodeFs.writeSync(fd, buf, position),
  };
  const release = () => {
    state.held = false;
    for (const go of state.waiting.splice(0)) go();
  };
  return { state, layer, release };
}

/** Resolves once `check` holds (polled), for a state the engine reaches asynchronously. */
async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const WRITERS = 8;

describe('group commit', () => {
  let dir: string;
  let engine: RunningEngine;
  let clients: MongoClient[];
  let colls: Collection[];
  let disk: ReturnType<typeof gatedDisk>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-group-'));
    disk = gatedDisk();
    engine = await startEngine({ dataDir: dir, fileSystem: disk.layer });
    // One client (one connection) per writer: concurrency at the wire level, not in one socket.
    clients = await Promise.all(
      Array.from({ length: WRITERS }, () => new MongoClient(engine.uri, { maxPoolSize: 1 }).connect()),
    );
    colls = clients.map((c) => c.db('relance').collection('notes'));
    await colls[0]!.insertOne({ writer: -1 });
  });

  afterEach(async () => {
    disk.release();
    await Promise.all(clients.map((c) => c.close()));
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges writes of 8 connections only after the one sync that covers them all', async () => {
    disk.state.held = true;
    const acknowledged: number[] = [];
    // A first write takes the disk; the other seven arrive while its sync is held.
    const first = colls[0]!.insertOne({ writer: 0 }).then(() => acknowledged.push(0));
    await until(() => disk.state.waiting.length === 1, 'the first sync');
    const others = colls
      .slice(1)
      .map((c, i) => c.insertOne({ writer: i + 1 }).then(() => acknowledged.push(i + 1)));
    // All eight are in the engine (applied), yet none is acknowledged: their syncs have not run.
    const notes = () => engine.storage.collection('relance', 'notes')!.docs.size;
    await until(() => notes() === 1 + WRITERS, 'the writes to arrive');
    const reader = await new MongoClient(engine.uri).connect();
    clients.push(reader);
    await reader.db('relance').collection('notes').findOne({ writer: -1 }); // a round trip meanwhile
    expect(acknowledged).toEqual([]);
    const syncsBefore = disk.state.syncs;
    disk.release();
    await Promise.all([first, ...others]);
    expect(acknowledged.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The first write's sync, then one sync for the seven that waited together.
    expect(disk.state.syncs - syncsBefore).toBe(2);
    expect(
      await reader
        .db('relance')
        .collection('notes')
        .countDocuments({ writer: { $gte: 0 } }),
    ).toBe(8);
  }, 60_000);

  it('never acknowledges a write whose sync is still running', async () => {
    disk.state.held = true;
    let done = false;
    const write = colls[3]!.insertOne({ writer: 3 }).then(() => {
      done = true;
    });
    await until(() => disk.state.waiting.length === 1, 'the sync to start');
    // Another connection's round trip proves the engine answered meanwhile; the write still waits.
    await colls[4]!.findOne({ writer: -1 });
    expect(done).toBe(false);
    disk.release();
    await write;
    expect(done).toBe(true);
  }, 60_000);

  it('shares syncs among steady concurrent writers', async () => {
    const before = engine.storage.journalStats();
    await Promise.all(
      colls.map(async (c, w) => {
        for (let i = 0; i < 25; i++) await c.insertOne({ writer: w, i });
      }),
    );
    const after = engine.storage.journalStats();
    expect(after.ops - before.ops).toBe(WRITERS * 25);
    // One sync per write would be 200. A group that started with its first writer would stay
    // split (one alone, seven behind it: about 4 a sync); waiting for the writers seen gives ~8.
    expect(after.groups - before.groups).toBeLessThanOrEqual((WRITERS * 25) / 5);
  }, 120_000);

  it('fails every write of a refused group and stores none of them; later writes go through', async () => {
    disk.state.held = true;
    const first = colls[0]!.insertOne({ writer: 0 });
    await until(() => disk.state.waiting.length === 1, 'the first sync');
    const group = colls.slice(1).map((c, i) => c.insertOne({ writer: i + 1 }));
    // All seven queued behind the held sync are in the engine (applied, not acknowledged).
    await until(
      () => engine.storage.collection('relance', 'notes')!.docs.size === 1 + WRITERS,
      'the queued writes',
    );
    disk.state.failWith = 'EIO';
    disk.release();
    const results = await Promise.allSettled([first, ...group]);
    expect(results.map((r) => r.status)).toEqual(Array(WRITERS).fill('rejected'));
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 1 });
    const reader = clients[5]!.db('relance').collection('notes');
    expect(await reader.countDocuments({ writer: { $gte: 0 } })).toBe(0);

    disk.state.failWith = null;
    await Promise.all(colls.map((c, w) => c.insertOne({ writer: w, again: true })));
    expect(await reader.countDocuments({ again: true })).toBe(WRITERS);
    await Promise.all(clients.map((c) => c.close()));
    await engine.close();
    // After a restart, exactly what was acknowledged is there.
    engine = await startEngine({ dataDir: dir });
    clients = [await new MongoClient(engine.uri).connect()];
    const stored = await clients[0]!
      .db('relance')
      .collection('notes')
      .find({ writer: { $gte: 0 } })
      .toArray();
    expect(stored.map((d) => d.writer).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(stored.every((d) => d.again === true)).toBe(true);
  }, 60_000);

  it('fails a command that yielded half-way when an earlier part of it was refused by the disk', async () => {
    // A long update yields between documents: its first part may go to disk in another's group.
    const storage = engine.storage;
    const mark = storage.mark();
    storage.apply({ op: 'put', db: 'relance', coll: 'notes', doc: { _id: 'first-half' } });
    disk.state.failWith = 'ENOSPC';
    await expect(storage.flush()).rejects.toMatchObject({ code: 14031 });
    disk.state.failWith = null;
    storage.apply({ op: 'put', db: 'relance', coll: 'notes', doc: { _id: 'second-half' } });
    // The second half alone reaches the disk, but the command as a whole must not succeed.
    await expect(storage.flush(mark)).rejects.toMatchObject({ code: 14031 });
    expect(storage.collection('relance', 'notes')!.get(keyOf('first-half'))).toBeUndefined();
  }, 60_000);
});
