/**
 * The CLI loads only the command asked for. Its table of commands must name exactly what each
 * module registers (a command missing from the table could never be run; a name the module
 * does not register would load the wrong module).
 */
import { Command } from 'commander';
import { buildProgram, COMMANDS } from '../../bot/cli';

jest.setTimeout(120_000);

const names = (p: Command) => p.commands.map((c) => c.name());

describe('the CLI’s lazily loaded commands', () => {
  it.each(COMMANDS.map((c) => [c.names.join(', '), c] as const))(
    '%s: the table names what the module registers',
    async (_, c) => {
      const program = new Command('relance');
      (await c.load())(program);
      expect(names(program).sort()).toEqual([...c.names].sort());
    },
  );

  it('registers only the command asked for, and every command for --help or an unknown word', async () => {
    expect(names(await buildProgram(['node', 'cli', 'config']))).toEqual(['config']);
    expect(names(await buildProgram(['node', 'cli', 'approve', 'D1', '--as', 'marie']))).toEqual([
      'drafts',
      'approve',
      'reject',
      'posted',
      'outbox',
    ]);
    const all = COMMANDS.flatMap((c) => c.names).sort();
    expect(names(await buildProgram(['node', 'cli', '--help'])).sort()).toEqual(all);
    expect(names(await buildProgram(['node', 'cli', 'nosuch'])).sort()).toEqual(all);
  });
});
