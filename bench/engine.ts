/**
 * The embedded MongoDB engine, through the real driver:
 *  - inserts/s for 100k small documents, in memory and journaled (target ≥ 20k/s, ≥ 5k/s);
 *  - insertOne with 8 concurrent journaled writers (target ≥ 5k/s: group commit);
 *  - an indexed equality find at 1k vs 100k documents (ratio under 3: the index is used);
 *  - a full $group over 100k documents (target ≤ 250 ms: the engine's native $group);
 *  - restart (recovery) time of a 100k-document data directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEngine } from '../integrations/mongodb/engine';
import { percentile, report, timed } from './report';

const N = 100_000;
const BATCH = 1_000;

function smallDoc(i: number) {
  return {
    n: i,
    owner: `staff-${i % 200}`,
    currency: i % 3 === 0 ? 'USD' : 'EUR',
    amount: (i * 7919) % 100_000,
    ref: `INV-${i}`,
  };
}

async function insertAll(uri: string, count: number): Promise<number> {
  const client = await new MongoClient(uri).connect();
  const c = client.db('bench').collection('docs');
  const { ms } = await timed(async () => {
    for (let i = 0; i < count; i += BATCH) {
      await c.insertMany(Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => smallDoc(i + k)));
    }
  });
  await client.close();
  return (count / ms) * 1000;
}

/** Single-document inserts, each acknowledged only once on disk; concurrent writers share syncs. */
async function insertOneByOne(uri: string, count: number, writers: number): Promise<number> {
  const client = await new MongoClient(uri, { maxPoolSize: writers }).connect();
  const c = client.db('bench').collection('single');
  let next = 0;
  const { ms } = await timed(() =>
    Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < count) await c.insertOne(smallDoc(next++));
      }),
    ),
  );
  await client.close();
  return (count / ms) * 1000;
}

async function findTime(count: number): Promise<number> {
  const engine = await startEngine();
  const client = await new MongoClient(engine.uri).connect();
  const c = client.db('bench').collection('docs');
  await c.createIndex({ ref: 1 });
  for (let i = 0; i < count; i += BATCH) {
    await c.insertMany(Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => smallDoc(i + k)));
  }
  const samples: number[] = [];
  for (let k = 0; k < 300; k++) {
    const ref = `INV-${(k * 7919) % count}`;
    samples.push((await timed(() => c.findOne({ ref }))).ms);
  }
  await client.close();
  await engine.close();
  return percentile(samples, 50);
}

async function main() {
  process.stdout.write(`Embedded engine benchmark (Node ${process.version}, ${os.cpus().length} cores)\n`);

  const memory = await startEngine();
  report(
    `insert ${N.toLocaleString('en-US')} small docs, in memory (batches of ${BATCH})`,
    await insertAll(memory.uri, N),
    'docs/s',
    { op: '>=', value: 20_000 },
  );

  const client = await new MongoClient(memory.uri).connect();
  const docs = client.db('bench').collection('docs');
  const group = await timed(() =>
    docs
      .aggregate([
        {
          $group: {
            _id: { owner: '$owner', currency: '$currency' },
            total: { $sum: '$amount' },
            n: { $sum: 1 },
          },
        },
      ])
      .toArray(),
  );
  report(
    `full $group over ${N.toLocaleString('en-US')} docs (${group.result.length} groups)`,
    group.ms,
    'ms',
    { op: '<=', value: 250 },
  );
  await client.close();
  await memory.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-bench-'));
  const durable = await startEngine({ dataDir: dir });
  report(
    `insert ${N.toLocaleString('en-US')} small docs, journaled (one fdatasync per batch)`,
    await insertAll(durable.uri, N),
    'docs/s',
    { op: '>=', value: 5_000 },
  );
  report(
    'insertOne one by one, 8 concurrent writers, journaled (group commit)',
    await insertOneByOne(durable.uri, 10_000, 8),
    'docs/s',
    { op: '>=', value: 5_000 },
  );
  await durable.close();

  const restart = await timed(async () => {
    const engine = await startEngine({ dataDir: dir });
    const c = await new MongoClient(engine.uri).connect();
    const count = await c.db('bench').collection('docs').countDocuments();
    await c.close();
    return { engine, count };
  });
  report(
    `restart (recovery) of a ${restart.result.count.toLocaleString('en-US')}-document data directory`,
    restart.ms,
    'ms',
  );
  await restart.result.engine.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const small = await findTime(1_000);
  const large = await findTime(N);
  report('indexed equality find, p50 at 1k docs', small, 'ms');
  report(`indexed equality find, p50 at ${N.toLocaleString('en-US')} docs`, large, 'ms');
  report('ratio 100k / 1k (index used when flat)', large / small, 'x', { op: '<=', value: 3 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
