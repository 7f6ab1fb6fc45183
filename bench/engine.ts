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
import { type RunningEngine, startEngine } from '../integrations/mongodb/engine';
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

/**
 * Single-document inserts, each acknowledged only once on disk, from `writers` concurrent
 * writers over as many connections of the driver's pool (checked: the inserts' connection ids
 * are counted). Concurrent writers share their fdatasyncs (group commit).
 */
async function insertOneByOne(
  engine: RunningEngine,
  count: number,
  writers: number,
): Promise<{ perSecond: number; connections: number; perSync: number }> {
  const client = new MongoClient(engine.uri, {
    maxPoolSize: writers,
    minPoolSize: writers,
    monitorCommands: true,
  });
  const connections = new Set<unknown>();
  client.on('commandStarted', (e) => {
    if (e.commandName === 'insert') connections.add(e.serverConnectionId ?? e.connectionId);
  });
  await client.connect();
  const c = client.db('bench').collection('single');
  await Promise.all(Array.from({ length: writers }, () => c.findOne({}))); // the pool is open
  const before = engine.storage.journalStats();
  let next = 0;
  const { ms } = await timed(() =>
    Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < count) await c.insertOne(smallDoc(next++));
      }),
    ),
  );
  const after = engine.storage.journalStats();
  await client.close();
  return {
    perSecond: (count / ms) * 1000,
    connections: connections.size,
    perSync: (after.ops - before.ops) / Math.max(1, after.groups - before.groups),
  };
}

/** How long one fdatasync of a small append takes on this disk right now (p50 of 200). */
function fdatasyncMs(dir: string): number {
  const file = path.join(dir, 'sync-probe');
  const fd = fs.openSync(file, 'w');
  const samples: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      fs.writeSync(fd, Buffer.alloc(300, 1), 0, 300, i * 300);
      const start = process.hrtime.bigint();
      fs.fdatasyncSync(fd);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return percentile(samples, 50);
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
  const sync = fdatasyncMs(dir);
  const single = await insertOneByOne(durable, 10_000, 8);
  report(
    `insertOne, 8 concurrent writers on ${single.connections} connections, journaled`,
    single.perSecond,
    'docs/s',
    { op: '>=', value: 5_000 },
  );
  report('  writes acknowledged per fdatasync (group commit)', single.perSync, 'writes');
  report('  fdatasync on this disk now (p50; 8 writers cap at 8 per sync)', sync, 'ms');
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
