/**
 * "Who should I call today?" at scale on the embedded engine, 10 controllers and 10 open
 * invoices per customer. `npm run bench -- worklist` uses 200k invoices (20k customers);
 * `npm run bench -- worklist --invoices 1000000` (or `--invoices 1m`) is the 1M-invoice run.
 * Prints p50/p95 for one controller (target p95 ≤ 150 ms) and for the whole team, beside a
 * bare read of all open invoices in the same run (target: team ≤ 3× it); the heap per stored
 * invoice and the process RSS (target < 4 GB); and how long a small request of another
 * client (a findOne by _id on its own connection) waited while the big reads and the team
 * requests ran (target: max ≤ 200 ms — long work in the engine yields).
 * The per-customer summaries are built once first (as writes keep them fresh in use).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MongoClient } from 'mongodb';
import { answerWorklist } from '../dialogs/worklist';
import { parseConfig } from '../integrations/config';
import { openLedger } from '../integrations/ledger';
import { memoryLogger } from '../integrations/logger';
import { connectDatabase } from '../integrations/mongodb/connect';
import { startEngine } from '../integrations/mongodb/engine';
import { fixedClock } from '../models/clock';
import { refreshDirty } from '../models/ledger/summaries';
import { loadPortfolio } from './_portfolio';
import { percentile, report, timed } from './report';

const INVOICES_PER_CUSTOMER = 10;
const CONTROLLERS = 10;
const TODAY = '2026-11-23';
const RSS_TARGET_GB = 4;

/** `--invoices 1000000`, `--invoices 1m`, `--invoices 200k`; 200k by default. */
function invoicesWanted(argv: string[]): number {
  const at = argv.indexOf('--invoices');
  if (at < 0) return 200_000;
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec((argv[at + 1] ?? '').replaceAll('_', ''));
  if (!m) throw new Error('--invoices takes a count: 1000000, 1m or 200k');
  const n = Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase()] ?? 1);
  return Math.max(INVOICES_PER_CUSTOMER * CONTROLLERS, Math.round(n));
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Another client's small requests while `work` runs: a findOne by _id every 20 ms on its own
 * connection. Returns the longest wait and the p95 (a stalled engine shows as a long wait).
 */
async function probed<T>(
  probe: () => Promise<unknown>,
  work: () => Promise<T>,
): Promise<{ result: T; waits: number[] }> {
  const waits: number[] = [];
  let done = false;
  const loop = (async () => {
    while (!done) {
      waits.push((await timed(probe)).ms);
      await sleep(20);
    }
  })();
  const result = await work();
  done = true;
  await loop;
  return { result, waits };
}

/** Runs bench/_bare-read.ts in a child process: the count of open invoices and each run's ms. */
async function bareRead(
  uri: string,
  dbName: string,
  runs: number,
): Promise<{ count: number; times: number[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '_bare-read.ts'), uri, dbName, String(runs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`the bare read exited with ${code}`);
  return JSON.parse(out) as { count: number; times: number[] };
}

async function main() {
  const invoices = invoicesWanted(process.argv.slice(3));
  const customers = Math.ceil(invoices / INVOICES_PER_CUSTOMER);
  const n = (x: number) => x.toLocaleString('en-US');
  const heapBefore = heapAfterGc();
  const engine = await startEngine();
  const config = parseConfig({ MONGODB_URI: engine.uri });
  const db = await connectDatabase(config.mongo, memoryLogger('silent').logger, 'bench');
  const ledger = await openLedger(db, config, fixedClock('2026-11-23T09:00:00Z'));
  const { models } = ledger;
  const other = await new MongoClient(engine.uri, { maxPoolSize: 1 }).connect();
  process.stdout.write(
    `Worklist benchmark (Node ${process.version}): ${n(customers)} customers, ${n(customers * INVOICES_PER_CUSTOMER)} open invoices, ${CONTROLLERS} controllers, embedded engine\n`,
  );

  const build = await timed(() =>
    loadPortfolio(models, {
      customers,
      invoicesPerCustomer: INVOICES_PER_CUSTOMER,
      controllers: CONTROLLERS,
      today: TODAY,
    }),
  );
  report(`load ${n(customers)} customers + ${n(invoices)} invoices`, build.ms, 'ms');
  const summaries = await timed(() => refreshDirty(models, TODAY));
  report(`build ${n(summaries.result)} customer summaries (once)`, summaries.ms, 'ms');
  const heapLoaded = heapAfterGc();
  report(
    'heap per stored invoice (with its share of customers, summaries)',
    (heapLoaded - heapBefore) / invoices,
    'bytes',
  );
  const probeId = (await models.Invoice.collection.findOne({ number: 'I0-0' }))!._id;
  const probe = () => other.db(models.Invoice.db.name).collection('invoices').findOne({ _id: probeId });
  const waits: number[] = [];

  // The bare read: the driver alone (no mongoose), every open invoice over the wire, from
  // another process (bench/_bare-read.ts), while this process's probe asks the engine.
  const bareRuns = invoices > 400_000 ? 3 : 5;
  const read = await probed(probe, () => bareRead(engine.uri, models.Invoice.db.name, bareRuns));
  waits.push(...read.waits);
  const { count, times: bare } = read.result;
  if (count !== customers * INVOICES_PER_CUSTOMER) throw new Error(`bare read returned ${count} invoices`);
  const bareP50 = percentile(bare, 50);
  report(`bare read of all ${n(count)} open invoices (another process), p50`, bareP50, 'ms');

  const ask = (staffHandle: string) =>
    answerWorklist(
      { kind: 'worklist', date: TODAY, lang: 'en', top: 10 },
      { id: 'bench', channel: 'cli', staff: staffHandle, lang: 'en', at: new Date() },
      ledger,
    );
  // One unmeasured request per controller first: after a start, the engine encodes each summary
  // once (then serves the cached encoding), as the morning digest run does before anyone asks.
  for (let i = 0; i < CONTROLLERS; i++) await ask(`c${i}`);
  const per = n(Math.ceil(customers / CONTROLLERS));
  const one: number[] = [];
  for (let i = 0; i < 40; i++) one.push((await timed(() => ask(`c${i % CONTROLLERS}`))).ms);
  report(`worklist, one controller (${per} customers), p50`, percentile(one, 50), 'ms');
  report(`worklist, one controller (${per} customers), p95`, percentile(one, 95), 'ms', {
    op: '<=',
    value: 150,
  });
  const team: number[] = [];
  const teamRun = await probed(probe, async () => {
    for (let i = 0; i < 8; i++) team.push((await timed(() => ask('boss'))).ms);
  });
  waits.push(...teamRun.waits);
  report(`worklist, whole team (${n(customers)} customers), p50`, percentile(team, 50), 'ms');
  report(`worklist, whole team (${n(customers)} customers), p95`, percentile(team, 95), 'ms');
  report('team p95 / bare read p50', percentile(team, 95) / bareP50, 'x', { op: '<=', value: 3 });
  report("another client's findOne during the bare reads, max", Math.max(...read.waits), 'ms');
  report("another client's findOne during the team requests, max", Math.max(...teamRun.waits), 'ms');
  report(`another client's findOne meanwhile (${waits.length} probes), p95`, percentile(waits, 95), 'ms');
  report("another client's findOne meanwhile, max", Math.max(...waits), 'ms', { op: '<=', value: 200 });
  report('process RSS (engine and app in one process)', process.memoryUsage().rss / 2 ** 30, 'GB', {
    op: '<=',
    value: RSS_TARGET_GB,
  });
  const sample = await ask('c0');
  process.stdout.write(`  (first entry for c0: ${sample.entries[0]?.name} — ${sample.entries[0]?.reason})\n`);
  await other.close();
  await db.close();
  await engine.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
