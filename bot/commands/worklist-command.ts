/** `relance worklist --as <handle> [--date YYYY-MM-DD] [--top N] [--json]` */
import type { Command } from 'commander';
import { answerWorklist } from '../../dialogs/worklist';
import { renderText } from '../render/text';
import { cliAsk, cliTurn, parseDay, parseTop } from './cli-turn';
import { withLedger } from './shared';

export function registerWorklistCommand(program: Command): void {
  program
    .command('worklist')
    .description('who to call: the ranked, explained call list of a person (a manager: the team)')
    .requiredOption('--as <handle>', 'the staff member asking')
    .option('--date <YYYY-MM-DD>', 'the day the list is for (default: today)', parseDay)
    .option('--top <N>', 'how many entries (default 10)', parseTop)
    .option('--json', 'print the entries as JSON')
    .action(async (opts: { as: string; date?: string; top?: number; json?: boolean }) => {
      await withLedger(async (ledger, { logger }) => {
        const date = opts.date ?? ledger.today();
        if (!opts.json) {
          // As a person would ask it in a chat: through the turn pipeline.
          const payload = { type: 'worklist' as const, date, ...(opts.top ? { top: opts.top } : {}) };
          const replies = await cliAsk(ledger, logger, opts.as, { payload });
          process.stdout.write(replies.map((r) => renderText(r)).join('\n'));
          return;
        }
        const turn = await cliTurn(ledger, opts.as);
        const { entries } = await answerWorklist(
          { kind: 'worklist', date, top: opts.top, lang: turn.lang },
          turn,
          ledger,
        );
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      });
    });
}
