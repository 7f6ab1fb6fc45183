/**
 * CSV import throughput and memory:
 *  - 200k invoice rows into the embedded engine (target ≥ 10k rows/s);
 *  - peak memory of the importing process for 20k vs 200k rows (streaming: it must not grow
 *    with the file). The engine runs in its own process on a journaled data directory, as
 *    with `npm start` and `npm run relance -- import` in a second terminal, so the figure is
 *    the importer's own memory, not the stored data.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../integrations/config';
import { importFile } from '../integrations/import/importer';
import { openLedger } from '../integrations/ledger';
import { memoryLogger } from '../integrations/logger';
import { connectDatabase } from '../integrations/mongodb/connect';
import { systemClock } from '../models/clock';
import { addDays } from '../models/rules/dates';
import { report, timed } from './report';

const CUSTOMERS = 2000;

function writeFiles(dir: string, invoiceCounts: number[]): Record<string, string> {
  const files: Record<string, string> = {};
  files.staff = path.join(dir, 'staff.csv');
  fs.writeFileSync(
    files.staff,
    'handle,name,email,role\nbench,Bench Controller,bench@relance.test,credit_controller\n',
  );
  files.customers = path.join(dir, 'customers.csv');
  const customers = ['reference,name,owner,currency'];
  for (let c = 0; c < CUSTOMERS; c++) customers.push(`C${c},Customer ${c} SAS,bench,EUR`);
  fs.writeFileSync(files.customers, `${customers.join('\n')}\n`);
  for (const n of invoiceCounts) {
    const file = path.join(dir, `invoices-${n}.csv`);
    const out = fs.createWriteStream(file);
    out.write('number,customer_reference,issue_date,due_date,currency,amount,amount_paid\n');
    for (let i = 0; i < n; i++) {
      const issued = addDays('2026-01-01', i % 300);
      out.write(
        `N${n}-${i},C${i % CUSTOMERS},${issued},${addDays(issued, 30)},EUR,"${(1000 + (i % 9000)).toLocaleString('fr-FR')},${String(i % 100).padStart(2, '0')}",0\n`,
      );
    }
    out.end();
    files[String(n)] = file;
  }
  return files;
}

async function startEngineProcess(dataDir: string): Promise<{ uri: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '..', 'bot', 'cli.ts'), 'db'],
    {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const uri = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).split('\n')[0]!));
    child.once('exit', () => reject(new Error('engine exited')));
  });
  return { uri, stop: () => child.kill('SIGTERM') };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-import-bench-'));
  const files = writeFiles(dir, [20_000, 200_000]);
  await new Promise((r) => setTimeout(r, 500)); // let the write streams finish
  const engine = await startEngineProcess(path.join(dir, 'data'));
  const config = parseConfig({ MONGODB_URI: engine.uri });
  const db = await connectDatabase(config.mongo, memoryLogger('silent').logger);
  const ledger = await openLedger(db, config, systemClock);
  const opts = { models: ledger.models, asOf: ledger.today(), policy: ledger.policy, author: 'bench' };
  await importFile('staff', files.staff!, opts);
  await importFile('customers', files.customers!, opts);
  process.stdout.write(
    `CSV import benchmark (Node ${process.version}; engine in its own process, journaled data directory)\n`,
  );

  const peaks: Record<number, number> = {};
  for (const n of [20_000, 200_000]) {
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const { ms, result } = await timed(() => importFile('invoices', files[String(n)]!, opts));
    clearInterval(sampler);
    peaks[n] = (peak - base) / 1024 / 1024;
    if (result.inserted !== n)
      throw new Error(
        `expected ${n} rows stored, got ${result.inserted} (${result.rejected.length} rejected)`,
      );
    report(
      `import ${n.toLocaleString('en-US')} invoice rows`,
      (n / ms) * 1000,
      'rows/s',
      n === 200_000 ? { op: '>=', value: 10_000 } : undefined,
    );
    report(`  peak memory growth of the importer, ${n.toLocaleString('en-US')} rows`, peaks[n]!, 'MiB');
  }
  report('memory 200k / 20k rows (streaming: flat)', peaks[200_000]! / Math.max(peaks[20_000]!, 1), 'x', {
    op: '<=',
    value: 2,
  });
  await db.close();
  engine.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
