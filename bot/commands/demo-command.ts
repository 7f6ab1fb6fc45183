/** `relance demo [--reset] [--seed N]`: loads the demo portfolio (dated relative to today). */
import type { Command } from 'commander';
import { loadDemo, resetLedger } from '../../integrations/demo/load';
import { withLedger } from './shared';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('load the demo portfolio (idempotent); --reset empties the ledger first')
    .option(
      '--reset',
      'delete every staff member, customer, invoice, payment, promise, dispute and activity first',
    )
    .option(
      '--seed <n>',
      'another portfolio, the same each time for a given seed',
      (v) => Number.parseInt(v, 10),
      42,
    )
    .action(async (opts: { reset?: boolean; seed: number }) => {
      const summary = await withLedger(async (ledger) => {
        if (opts.reset) await resetLedger(ledger);
        return loadDemo(ledger, opts.seed);
      });
      process.stdout.write(
        `Demo portfolio loaded: ${summary.staff} staff, ${summary.customers} customers, ${summary.invoices} invoices, ${summary.payments} payments, ${summary.disputes} disputes, ${summary.promises} promises, ${summary.activities} activities.\n`,
      );
    });
}
