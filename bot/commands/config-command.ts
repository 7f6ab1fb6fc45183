/** `relance config`: the configuration as Relance understands it, secrets hidden. */
import type { Command } from 'commander';
import { describeConfig } from '../../integrations/config';
import { cliContext } from './shared';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('check the environment and print the effective configuration (secrets hidden)')
    .action(() => {
      const { config } = cliContext();
      process.stdout.write(`${JSON.stringify(describeConfig(config), null, 2)}\n`);
    });
}
