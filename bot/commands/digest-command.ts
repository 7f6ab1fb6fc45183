/** `relance digest --as <handle> [--date YYYY-MM-DD] [--json]`: the morning digest, in full. Read-only. */
import type { Command } from 'commander';
import { answerDigest } from '../../dialogs/digest';
import { renderText } from '../render/text';
import { cliTurn, parseDay } from './cli-turn';
import { withLedger } from './shared';

export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description("a person's morning digest (a manager: the team's), with every detail")
    .requiredOption('--as <handle>', 'the staff member')
    .option('--date <YYYY-MM-DD>', 'the day (default: today)', parseDay)
    .option('--json', 'print the digest data as JSON')
    .action(async (opts: { as: string; date?: string; json?: boolean }) => {
      await withLedger(async (ledger) => {
        const turn = await cliTurn(ledger, opts.as);
        const { reply, digest } = await answerDigest(
          turn.staff,
          opts.date ?? ledger.today(),
          turn.lang,
          ledger,
          true,
        );
        process.stdout.write(opts.json ? `${JSON.stringify(digest, null, 2)}\n` : renderText(reply));
      });
    });
}
