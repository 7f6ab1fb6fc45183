/**
 * A disk that refuses writes (full, then an I/O error): each write fails with a MongoDB
 * error the driver surfaces, nothing of it is stored nor acknowledged (a 50-document insert
 * stores none of them), reads keep being served, and writes resume once the disk accepts
 * them again. The disk is the real filesystem under a fault-injecting layer, and, where this
 * machine lets us mount one, a real 1 MB tmpfs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { startEngine } from '../../../integrations/mongodb/engine';
import { type JournalFs, nodeFs } from '../../../integrations/mongodb/engine/journal';
import { inspectDirectory } from '../../../integrations/mongodb/engine/recovery';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relance-disk-'));

/** The real file layer, except that while `failing` is set, writes and syncs fail with it. */
function faultyDisk() {
  const state: { failing: string | null } = { failing: null };
  const fail = () => Object.assign(new Error(`${state.failing}: injected`), { code: state.failing! });
  const layer: JournalFs = {
    write: async (fd, buf, position) => {
      if (!state.failing) return nodeFs.write(fd, buf, position);
      // A full disk takes part of a write, then refuses the rest.
      await nodeFs.write(fd, buf.subarray(0, Math.min(buf.length, 17)), position);
      throw fail();
    },
    datasync: async (fd) => {
      if (state.failing === 'EIO') throw fail();
      return nodeFs.datasync(fd);
    },
    truncate: (fd, length) => nodeFs.truncate(fd, length),
    writeSync: (fd, buf, position) => nodeFs.writeSync(fd, buf, position),
  };
  return { state, layer };
}

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ number: `F-${from + i}` }));

describe('a disk that refuses writes', () => {
  it('fails the write with a clear error, stores none of it, serves reads, and resumes', async () => {
    const dir = tmpDir();
    const disk = faultyDisk();
    const warnings: string[] = [];
    const engine = await startEngine({
      dataDir: dir,
      fileSystem: disk.layer,
      onWarning: (m) => warnings.push(m),
    });
    const client = await new MongoClient(engine.uri, { serverSelectionTimeoutMS: 3000 }).connect();
    const invoices = client.db('relance').collection('invoices');
    await invoices.createIndex({ number: 1 }, { unique: true });
    await invoices.insertMany(rows(0, 10));

    disk.state.failing = 'ENOSPC';
    const full = await invoices.insertMany(rows(10, 50)).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(MongoServerError);
    expect(full).toMatchObject({ code: 14031, codeName: 'OutOfDiskSpace' });
    expect((full as Error).message).toMatch(/disk is full.*Nothing of this write was kept/);
    // An update and a concurrent pair of writes fail the same way, and none is visible after.
    const both = await Promise.allSettled([
      invoices.updateOne({ number: 'F-1' }, { $set: { paid: true } }),
      invoices.insertOne({ number: 'F-99' }),
    ]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await invoices.countDocuments()).toBe(10);
    expect(await invoices.findOne({ number: 'F-1' })).not.toHaveProperty('paid');
    expect(await invoices.findOne({ number: 'F-99' })).toBeNull();

    disk.state.failing = 'EIO';
    await expect(invoices.insertOne({ number: 'F-98' })).rejects.toMatchObject({
      code: 1,
      message: expect.stringMatching(/refused the write \(EIO\)/),
    });

    disk.state.failing = null;
    await invoices.insertMany(rows(10, 50));
    expect(await invoices.countDocuments()).toBe(60);
    // One warning per refused batch: the two concurrent writes may have shared one group commit.
    expect(warnings.filter((w) => /refused by the disk/.test(w)).length).toBeGreaterThanOrEqual(2);
    await client.close();
    await engine.close();

    // On disk exactly what was acknowledged: the journal is whole, the refused writes absent.
    const found = inspectDirectory(dir);
    expect(found.damage).toBeUndefined();
    expect(found.torn).toBeUndefined();
    const again = await startEngine({ dataDir: dir });
    const reread = await new MongoClient(again.uri).connect();
    const stored = await reread.db('relance').collection('invoices').find().toArray();
    expect(stored.map((d) => d.number).sort()).toEqual(
      rows(0, 60)
        .map((r) => r.number)
        .sort(),
    );
    await reread.close();
    await again.close();
  }, 60_000);

  const mounted = (() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
      return dir;
    } catch {
      return null;
    }
  })();
  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', mounted], { stdio: 'ignore' });
  });

  // Only where the test may mount a filesystem (root); the injected disk above runs everywhere.
  (mounted ? it : it.skip)(
    'on a real full 1 MB tmpfs: refused, no crash, resumes once space is freed',
    async () => {
      const dir = mounted!;
      const ballast = path.join(dir, 'ballast');
      const engine = await startEngine({ dataDir: path.join(dir, 'data') });
      const client = await new MongoClient(engine.uri, { serverSelectionTimeoutMS: 3000 }).connect();
      const c = client.db('relance').collection('notes');
      await c.insertOne({ n: 0 });
      // Fill the filesystem up to the last bytes.
      const fd = fs.openSync(ballast, 'w');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(4096));
      } catch {
        // ENOSPC: full
      }
      fs.closeSync(fd);
      const big = 'x'.repeat(64 * 1024);
      await expect(
        c.insertMany([
          { n: 1, big },
          { n: 2, big },
        ]),
      ).rejects.toMatchObject({ code: 14031 });
      expect(await c.countDocuments()).toBe(1);
      fs.rmSync(ballast);
      await c.insertMany([
        { n: 1, big },
        { n: 2, big },
      ]);
      expect(await c.countDocuments()).toBe(3);
      await client.close();
      await engine.close();
      expect(inspectDirectory(path.join(dir, 'data')).damage).toBeUndefined();
    },
    60_000,
  );
});
