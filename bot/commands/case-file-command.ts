/**
 * `relance case-file --customer REF [--as-of DATE] [--out DIR]`: writes the customer's case
 * file (dossier de recouvrement) as a PDF, a CSV and a ZIP holding both with the letters sent,
 * penalties computed to DATE (default: today). Read-only on the ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { caseFileFiles } from '../../dialogs/case-file/bundle';
import { penaltyTotalText } from '../../dialogs/case-file/layout';
import { parseDay } from './cli-turn';
import { withLedger } from './shared';

export function registerCaseFileCommand(program: Command): void {
  program
    .command('case-file')
    .description("write a customer's case file for an agency or a commissaire de justice (PDF, CSV, ZIP)")
    .requiredOption('--customer <REF>', 'the customer reference')
    .option('--as-of <YYYY-MM-DD>', 'the date penalties are computed to (default: today)', parseDay)
    .option('--out <DIR>', 'the folder to write to (default: the current one)', '.')
    .action(async (opts: { customer: string; asOf?: string; out: string }) => {
      await withLedger(async (ledger, { config }) => {
        const files = await caseFileFiles(
          { models: ledger.models, policy: ledger.policy, company: config.company },
          { customer: opts.customer, asOf: opts.asOf ?? ledger.today(), lang: ledger.policy.defaultLocale },
        );
        fs.mkdirSync(opts.out, { recursive: true });
        const written = [
          [`${files.name}.pdf`, files.pdf],
          [`${files.name}.csv`, files.csv],
          [`${files.name}.zip`, files.zip],
        ].map(([name, data]) => {
          const file = path.join(opts.out, name as string);
          fs.writeFileSync(file, data as Buffer | string);
          return file;
        });
        const cf = files.caseFile;
        process.stdout.write(
          [
            `${cf.debtor.name} (${cf.debtor.reference}) — ${cf.invoices.length} open invoice(s), ${cf.trail.length} activities, penalties to ${cf.asOf}: ${penaltyTotalText(cf)}`,
            ...cf.warnings.map((w) => `Note: ${w}`),
            ...written,
            '',
          ].join('\n'),
        );
      });
    });
}
