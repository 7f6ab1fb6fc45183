/**
 * `relance import <staff|customers|invoices|payments> FILE [--json]`
 * Exit codes: 0 every row stored, 1 some rows rejected (the good ones are stored), 2 the file
 * could not be imported at all.
 */
import os from 'node:os';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { IMPORT_KINDS, type ImportKind } from '../../integrations/import/headers';
import { ImportFileError, type ImportReport, importFile } from '../../integrations/import/importer';
import { withLedger } from './shared';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV file (canonical or French headers; see the README)')
    .addArgument(program.createArgument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'CSV file (comma, semicolon or tab separated)')
    .addOption(new Option('--json', 'print the report as JSON'))
    .action(async (kind: ImportKind, file: string, opts: { json?: boolean }) => {
      const report = await withLedger(async (ledger) => {
        const bar =
          process.stderr.isTTY && !opts.json
            ? new SingleBar({ format: ' {bar} {percentage}% | {rows} rows', hideCursor: true })
            : null;
        bar?.start(100, 0, { rows: 0 });
        try {
          return await importFile(kind, file, {
            models: ledger.models,
            asOf: ledger.today(),
            policy: ledger.policy,
            author: operator(),
            onProgress: ({ bytes, total, rows }) =>
              bar?.update(Math.round((bytes / Math.max(total, 1)) * 100), { rows }),
          });
        } catch (err) {
          if (err instanceof ImportFileError) {
            bar?.stop();
            process.stderr.write(`${err.message}\n`);
            process.exit(2);
          }
          throw err;
        } finally {
          bar?.stop();
        }
      });
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
      process.exitCode = report.rejected.length > 0 ? 1 : 0;
    });
}

/** Who ran the import, for the trail: the operating-system account ("cli:jdupont"). */
function operator(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli'; // no account name (some containers)
  }
}

function describe(r: ImportReport): string {
  const lines = [
    `${r.kind}: ${r.read} rows read — ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
  ];
  if (r.encoding === 'windows-1252') lines.push('read as Latin-1/Windows-1252 and converted to UTF-8');
  if (r.promisesJudged > 0) lines.push(`${r.promisesJudged} payment promise(s) judged`);
  if (r.ignoredColumns.length > 0) lines.push(`ignored columns: ${r.ignoredColumns.join(', ')}`);
  for (const x of r.rejected) lines.push(`  line ${x.row}${x.column ? `, ${x.column}` : ''}: ${x.reason}`);
  return `${lines.join('\n')}\n`;
}
