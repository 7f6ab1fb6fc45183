/** `relance digest --as <handle> [--date YYYY-MM-DD] [--json]`: the morning digest, in full. Read-only. */
import type { Command } from 'commander';
import { answerDigest } from '../../dialogs/digest';
import { renderText } from '../render/text';
import { cliAsk, cliTurn, parseDay } from './cli-turn';
import { withLedger } from './shared';

export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description("a person's morning digest (a manager: the team's), with every detail")
    .requiredOption('--as <handle>', 'the staff member')
    .option('--date <YYYY-MM-DD>', 'the day (default: today)', parseDay)
    .option('--json', 'print the digest data as JSON')
    .action(async (opts: { as: string; date?: string; json?: boolean }) => {
      await withLedger(async (ledger, { logger }) => {
        const date = opts.date ?? ledger.today();
        if (!opts.json) {
          // As "the digest, in full" is asked in a chat: through the turn pipeline.
          const payload = { type: 'digest_details' as const, staff: opts.as.toLowerCase(), date };
          const replies = await cliAsk(ledger, logger, opts.as, { payload });
          process.stdout.write(replies.map((r) => renderText(r)).join('\n'));
          return;
        }
        const turn = await cliTurn(ledger, opts.as);
        const { digest } = await answerDigest(turn.staff, date, turn.lang, ledger, true);
        process.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
      });
    });
}
