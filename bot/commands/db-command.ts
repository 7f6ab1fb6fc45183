/**
 * `relance db`: the embedded engine alone on the data directory, for mongosh, Compass or
 * scripts (the first line of output is always the mongodb:// URI to use), and the care of
 * the data directory: `--verify` (read only), `--repair`, `--backup DIR`, `--restore DIR`.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { MongoClient } from 'mongodb';
import { openEngine } from '../../integrations/mongodb/engine';
import { runningEngine } from '../../integrations/mongodb/engine/lock';
import { repairDirectory, restoreDirectory } from '../../integrations/mongodb/engine/maintenance';
import { inspectDirectory } from '../../integrations/mongodb/engine/recovery';
import { cliContext } from './shared';

interface DbOptions {
  port?: number;
  verify?: boolean;
  repair?: boolean;
  backup?: string;
  restore?: string;
}

export function registerDbCommand(program: Command): void {
  program
    .command('db')
    .description('run the embedded MongoDB engine on the data directory and print its mongodb:// URI')
    .option(
      '--port <port>',
      'port to listen on (default: EMBEDDED_MONGODB_PORT, else any free port)',
      parsePort,
    )
    .option('--verify', 'check the data directory offline (changes nothing); exit 1 if it is damaged')
    .option('--repair', 'move damaged files aside and keep every record that is provably good')
    .option('--backup <dir>', 'write a consistent snapshot into a new directory (works while Relance runs)')
    .option('--restore <dir>', 'replace the data directory by a backup (Relance must be stopped)')
    .action(async (opts: DbOptions) => {
      const { config } = cliContext();
      const dataDir = config.mongo.dataDir;
      const care = [opts.verify, opts.repair, opts.backup, opts.restore].filter(Boolean).length;
      if (care > 0) {
        if (care > 1) fail('use one of --verify, --repair, --backup, --restore at a time');
        if (!dataDir) fail('DATA_DIR is empty (in memory): there is no data directory to look after');
        if (opts.verify) return verify(dataDir);
        if (opts.backup) return backup(dataDir, path.resolve(opts.backup));
        if (await runningEngine(dataDir, 5_000))
          fail(`An engine is serving ${dataDir}: stop Relance (and any \`relance db\`) first.`);
        if (opts.repair) return repair(dataDir);
        return restore(path.resolve(opts.restore!), dataDir);
      }
      const opened = await openEngine({ dataDir, port: opts.port ?? config.mongo.embeddedPort });
      process.stdout.write(`${opened.uri}\n`);
      if (!opened.owned) {
        process.stderr.write(`Another Relance process already serves ${dataDir}; use the URI above.\n`);
        return;
      }
      process.stderr.write(
        `Embedded MongoDB engine on ${dataDir ?? 'memory (DATA_DIR is empty)'}. Ctrl-C to stop.\n`,
      );
      const stop = () => {
        opened.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function verify(dataDir: string): void {
  const found = inspectDirectory(dataDir);
  if (found.fresh) {
    process.stdout.write(`${dataDir}: no data yet (a new data directory).\n`);
    return;
  }
  for (const f of found.files)
    process.stdout.write(`${f.file}: ${f.status}, ${plural(f.records, 'record')} intact, ${f.bytes} bytes\n`);
  if (found.torn)
    process.stdout.write(
      `A torn last write (${found.torn.bytes} bytes at byte ${found.torn.offset}, never acknowledged) will be dropped at the next start.\n`,
    );
  for (const d of found.damages)
    process.stdout.write(
      `DAMAGED: ${d.file} at byte ${d.offset}: ${d.reason}; ${d.lostRecords === null ? 'an unknown number of' : d.lostRecords} record(s) after it cannot be recovered.\n`,
    );
  if (found.damage) {
    process.stdout.write(
      'Run `npm run relance -- db --repair` to keep every record that is provably good.\n',
    );
    process.exit(1);
  }
  process.stdout.write('The data directory is intact.\n');
}

function repair(dataDir: string): void {
  const report = repairDirectory(dataDir);
  if (!report.repaired) {
    process.stdout.write(
      `Nothing to repair: ${dataDir} is intact (${plural(report.recoveredRecords, 'record')}).\n`,
    );
    return;
  }
  const lost =
    report.lostRecords === null
      ? `at least ${plural(report.lostAtLeast, 'record')} lost (the damage hides how many more)`
      : `${plural(report.lostRecords, 'record')} lost`;
  process.stdout.write(
    `Repaired ${dataDir}: the damaged files were moved to ${report.movedTo} unchanged; ` +
      `${plural(report.recoveredRecords, 'record')} recovered, ${lost}.\n`,
  );
  for (const d of report.damages)
    process.stdout.write(`  damage: ${d.file} at byte ${d.offset}: ${d.reason}\n`);
  for (const [ns, n] of Object.entries(report.documents))
    process.stdout.write(`  ${ns}: ${plural(n, 'document')}\n`);
}

async function backup(dataDir: string, target: string): Promise<void> {
  // Through the engine that serves the directory (started for the occasion if none runs).
  const opened = await openEngine({ dataDir });
  const client = await new MongoClient(opened.uri, { serverSelectionTimeoutMS: 10_000 }).connect();
  try {
    const reply = await client.db('admin').command({ relanceBackup: target });
    const docs = reply.documents as Record<string, number>;
    process.stdout.write(`Backed up ${dataDir} to ${target}:\n`);
    for (const [ns, n] of Object.entries(docs)) process.stdout.write(`  ${ns}: ${plural(n, 'document')}\n`);
  } catch (err) {
    fail(`Backup failed: ${(err as Error).message}`);
  } finally {
    await client.close();
    await opened.close();
  }
}

function restore(backupDir: string, dataDir: string): void {
  try {
    const report = restoreDirectory(backupDir, dataDir);
    process.stdout.write(`Restored ${dataDir} from ${backupDir}.\n`);
    if (report.movedTo) process.stdout.write(`  what it held before was moved to ${report.movedTo}\n`);
    for (const [ns, n] of Object.entries(report.documents))
      process.stdout.write(`  ${ns}: ${plural(n, 'document')}\n`);
  } catch (err) {
    fail(`Restore failed: ${(err as Error).message}`);
  }
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port expects a TCP port, got "${value}"`);
  return n;
}
