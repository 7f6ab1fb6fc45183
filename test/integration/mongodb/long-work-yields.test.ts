/**
 * No request stalls the embedded engine for other clients: while one client's command works
 * through 200k documents (a sort, an aggregation, a multi-update, a multi-delete), another
 * client's small requests on their own connection are answered — before the big one ends,
 * each within a generous bound for a loaded 2-core machine. The big commands keep their
 * results: sorted, grouped, every document updated exactly once, concurrent writes kept.
 */
import { MongoClient } from 'mongodb';
import { type RunningEngine, startEngine } from '../../../integrations/mongodb/engine';

const N = 200_000;
const DB = 'yields';
/**
 * A small request takes milliseconds; on a stalled engine it waits for the whole big command.
 * It must wait less than a second — or, on a machine so loaded that the big command takes
 * many seconds (garbage collection pauses stretch with it), less than a quarter of it.
 */
const SMALL_BOUND_MS = 1000;
const bound = (bigMs: number) => Math.max(SMALL_BOUND_MS, bigMs / 4);
/** More than the one probe that may slip in before the big command reaches the engine. */
const MEANWHILE = 3;

let engine: RunningEngine;
let big: MongoClient;
let small: MongoClient;

/** Fills `coll` with N documents straight through the engine's storage (what inserts do). */
function fill(coll: string): void {
  engine.storage.ensureCollection(DB, coll);
  for (let i = 0; i < N; i++) {
    engine.storage.apply({
      op: 'put',
      db: DB,
      coll,
      doc: { _id: i, v: (i * 7919) % N, g: i % 4, s: `s${i % 1000}` },
    });
  }
}

beforeAll(async () => {
  engine = await startEngine();
  big = await new MongoClient(engine.uri, { maxPoolSize: 1 }).connect();
  small = await new MongoClient(engine.uri, { maxPoolSize: 1 }).connect();
  fill('docs');
  await small.db(DB).collection('docs').createIndex({ g: 1 });
}, 300_000);
afterAll(async () => {
  await big?.close();
  await small?.close();
  await engine?.close();
});

/**
 * Runs `probe` over and over while `work` is pending. Returns the work's result, how many
 * probes were answered before it ended, and the longest a probe waited.
 */
async function whileRunning<T>(
  work: Promise<T>,
  probe: () => Promise<unknown>,
): Promise<{ result: T; answeredMeanwhile: number; longestMs: number; bigMs: number }> {
  const started = performance.now();
  let bigMs = 0;
  let done = false;
  const finished = work.finally(() => {
    done = true;
    bigMs = performance.now() - started;
  });
  let answeredMeanwhile = 0;
  let longestMs = 0;
  while (!done) {
    const sent = performance.now();
    await probe();
    longestMs = Math.max(longestMs, performance.now() - sent);
    if (!done) answeredMeanwhile++;
  }
  return { result: await finished, answeredMeanwhile, longestMs, bigMs };
}

const findById = () =>
  small
    .db(DB)
    .collection('docs')
    .findOne({ _id: 12_345 as never });

describe('long work in the engine yields to other clients', () => {
  it('answers a findOne by _id while another client sorts and groups 200k documents', async () => {
    const aggregation = big
      .db(DB)
      .collection('docs')
      .aggregate([
        { $sort: { v: -1 } },
        { $group: { _id: '$g', top: { $first: '$v' }, n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    const run = await whileRunning(aggregation, findById);
    expect(run.answeredMeanwhile).toBeGreaterThanOrEqual(MEANWHILE);
    expect(run.longestMs).toBeLessThan(bound(run.bigMs));
    // The highest v of each g (v = i·7919 mod N is a permutation of 0…N-1).
    const top = new Map<number, number>();
    for (let i = 0; i < N; i++) top.set(i % 4, Math.max(top.get(i % 4) ?? -1, (i * 7919) % N));
    expect(run.result).toEqual([0, 1, 2, 3].map((g) => ({ _id: g, top: top.get(g), n: N / 4 })));
  }, 300_000);

  it('answers while another client scans, filters and sorts 200k documents in one find', async () => {
    const found = big
      .db(DB)
      .collection('docs')
      .find({ s: { $regex: /^s99/ } })
      .sort({ v: 1 })
      .limit(3)
      .toArray();
    const run = await whileRunning(found, findById);
    expect(run.answeredMeanwhile).toBeGreaterThanOrEqual(MEANWHILE);
    expect(run.longestMs).toBeLessThan(bound(run.bigMs));
    const expected = Array.from({ length: N }, (_, i) => ({ _id: i, v: (i * 7919) % N, s: `s${i % 1000}` }))
      .filter((d) => d.s.startsWith('s99'))
      .sort((a, b) => a.v - b.v)
      .slice(0, 3)
      .map((d) => d._id);
    expect(run.result.map((d) => d._id)).toEqual(expected);
  }, 300_000);

  it('a multi-update of 200k documents yields, updates each once and keeps a concurrent update', async () => {
    const docs = small.db(DB).collection('docs');
    const updateAll = big
      .db(DB)
      .collection('docs')
      .updateMany({}, { $inc: { n: 1 } });
    let probes = 0;
    const run = await whileRunning(updateAll, async () => {
      // Another client changes one document again and again while the multi-update runs.
      await docs.updateOne({ _id: 7 as never }, { $inc: { m: 1 } });
      probes++;
    });
    expect(run.answeredMeanwhile).toBeGreaterThanOrEqual(MEANWHILE);
    expect(run.longestMs).toBeLessThan(bound(run.bigMs));
    expect(run.result.matchedCount).toBe(N);
    // Every document updated exactly once (none missed, none seen twice), and no concurrent
    // update lost: document 7 has both the multi-update's change and every one of the others.
    expect(await docs.countDocuments({ n: 1 })).toBe(N);
    expect(await docs.findOne({ _id: 7 as never })).toMatchObject({ n: 1, m: probes });
  }, 300_000);

  it('a multi-delete through an index yields too, and deletes what matched', async () => {
    const docs = small.db(DB).collection('docs');
    const before = await docs.countDocuments({ g: 3 });
    const run = await whileRunning(big.db(DB).collection('docs').deleteMany({ g: 3 }), findById);
    expect(run.answeredMeanwhile).toBeGreaterThanOrEqual(MEANWHILE);
    expect(run.longestMs).toBeLessThan(bound(run.bigMs));
    expect(run.result.deletedCount).toBe(before);
    expect(await docs.countDocuments({})).toBe(N - before);
    expect(await docs.countDocuments({ g: 3 })).toBe(0);
  }, 300_000);
});
