/**
 * Folding the journal into a snapshot does not stop the engine: while the snapshot of the
 * whole state is being written (held here at its first chunk by a gated file layer), another
 * client's reads are answered and its write is taken; the write is acknowledged once the new
 * generation is in place, and everything — what was stored before and the write made during
 * the fold — is there after a restart. A fold the disk refuses leaves the old generation
 * whole: nothing lost, the write made meanwhile acknowledged into the old journal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Collection, MongoClient } from 'mongodb';
import { startEngine } from '../../../integrations/mongodb/engine';
import { type JournalFs, nodeFs } from '../../../integrations/mongodb/engine/journal';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relance-fold-'));

/** True when `fd` is the snapshot being written (Linux names an open file in /proc). */
const isSnapshot = (fd: number) => {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`).endsWith('snapshot.tmp');
  } catch {
    return false;
  }
};

/**
 * The real file layer, except that the first write to a snapshot waits for `release()` (or
 * fails with `refuse`), announcing through `reached` that a fold has begun.
 */
function gatedSnapshots(refuse?: string) {
  let announce!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((r) => {
    announce = r;
  });
  const gate = new Promise<void>((r) => {
    open = r;
  });
  let held = false;
  const layer: JournalFs = {
    ...nodeFs,
    write: async (fd, buf, position) => {
      if (!held && isSnapshot(fd)) {
        held = true;
        announce();
        await gate;
        if (refuse) throw Object.assign(new Error(`${refuse}: injected`), { code: refuse });
      }
      return nodeFs.write(fd, buf, position);
    },
  };
  return { layer, reached, release: () => open() };
}

/** 300-byte documents in batches until the journal passes 8 MiB and a fold begins. */
async function fillUntilFold(docs: Collection, reached: Promise<void>): Promise<number> {
  let n = 0;
  let folding = false;
  void reached.then(() => {
    folding = true;
  });
  while (!folding) {
    await docs.insertMany(Array.from({ length: 2000 }, () => ({ _id: n++ as never, pad: 'x'.repeat(300) })));
  }
  return n;
}

/** What a restarted engine has: how many documents, and the one written during the fold. */
async function afterRestart(dir: string): Promise<{ count: number; during: unknown }> {
  const engine = await startEngine({ dataDir: dir });
  const client = await new MongoClient(engine.uri).connect();
  try {
    const docs = client.db('fold').collection('docs');
    return {
      count: await docs.countDocuments(),
      during: (await docs.findOne({ _id: 'during' as never }))?.pad,
    };
  } finally {
    await client.close();
    await engine.close();
  }
}

/**
 * An engine on a new directory, filled until a fold begins; the fold is held at its first
 * chunk until `disk.release()` (and then fails with `refuse`, if given).
 */
async function foldUnderWay(refuse?: string, onWarning?: (message: string) => void) {
  const dir = tmpDir();
  const disk = gatedSnapshots(refuse);
  const engine = await startEngine({ dataDir: dir, fileSystem: disk.layer, onWarning });
  const client = await new MongoClient(engine.uri).connect();
  const docs = client.db('fold').collection('docs');
  const stored = await fillUntilFold(docs, disk.reached);
  return { dir, disk, engine, client, docs, stored };
}

const journals = (dir: string) => fs.readdirSync(dir).filter((f) => /^journal-\d+\.log$/.test(f));

describe('folding the journal into a snapshot', () => {
  it('keeps answering reads and takes writes meanwhile, then has everything after a restart', async () => {
    const { dir, disk, engine, client, docs, stored } = await foldUnderWay();
    expect(journals(dir)).toEqual(['journal-0.log']);

    // The snapshot is held at its first chunk: reads are answered all the same.
    expect(await docs.findOne({ _id: 7 as never })).toMatchObject({ _id: 7 });
    expect(await docs.countDocuments()).toBe(stored);
    const during = docs.insertOne({ _id: 'during' as never, pad: 'y' });
    disk.release();
    await during;
    // The new generation is in place and the write made during the fold is in its journal.
    expect(journals(dir)).toEqual(['journal-1.log']);
    expect(fs.statSync(path.join(dir, 'journal-1.log')).size).toBeGreaterThan(0);
    await client.close();
    await engine.close();

    expect(await afterRestart(dir)).toEqual({ count: stored + 1, during: 'y' });
  }, 120_000);

  it('closes only once a fold under way is in place, and loses nothing', async () => {
    const { dir, disk, engine, client, docs, stored } = await foldUnderWay();
    const during = docs.insertOne({ _id: 'during' as never, pad: 'y' });
    await client.close(true);
    const closed = engine.close();
    disk.release();
    await closed;
    await during.catch(() => undefined); // the client left before its reply
    expect(journals(dir)).toEqual(['journal-1.log']);
    expect(fs.existsSync(path.join(dir, 'snapshot.tmp'))).toBe(false);
    const back = await afterRestart(dir);
    expect(back.count).toBeGreaterThanOrEqual(stored);
    expect(back.count).toBeLessThanOrEqual(stored + 1);
  }, 120_000);

  it('when the disk refuses the snapshot, keeps the old generation whole and loses nothing', async () => {
    const warnings: string[] = [];
    const { dir, disk, engine, client, docs, stored } = await foldUnderWay('ENOSPC', (m) => warnings.push(m));
    const during = docs.insertOne({ _id: 'during' as never, pad: 'y' });
    disk.release();
    await during;
    expect(warnings).toContain('could not fold the journal into a snapshot; the journal keeps everything');
    expect(fs.existsSync(path.join(dir, 'snapshot.tmp'))).toBe(false);
    expect(journals(dir)).toEqual(['journal-0.log']);
    await client.close();
    await engine.close();

    expect(await afterRestart(dir)).toEqual({ count: stored + 1, during: 'y' });
  }, 120_000);
});
