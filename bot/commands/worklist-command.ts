/** `relance worklist --as <handle> [--date YYYY-MM-DD] [--top N] [--json]` */
import type { Command } from 'commander';
import { answerWorklist } from '../../dialogs/worklist';
import { renderText } from '../render/text';
import { cliTurn, parseDay, parseTop } from './cli-turn';
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
      await withLedger(async (ledger) => {
        const turn = await cliTurn(ledger, opts.as);
        const { reply, entries } = await answerWorklist(
          { kind: 'worklist', date: opts.date ?? ledger.today(), top: opts.top, lang: turn.lang },
          turn,
          ledger,
        );
        process.stdout.write(opts.json ? `${JSON.stringify(entries, null, 2)}\n` : renderText(reply));
      });
    });
}
