/**
 * `relance db [--port N]`: the embedded engine alone on the data directory, for mongosh,
 * Compass or scripts. The first line of output is always the mongodb:// URI to use.
 */
import type { Command } from 'commander';
import { openEngine } from '../../integrations/mongodb/engine';
import { cliContext } from './shared';

export function registerDbCommand(program: Command): void {
  program
    .command('db')
    .description('run the embedded MongoDB engine on the data directory and print its mongodb:// URI')
    .option(
      '--port <port>',
      'port to listen on (default: EMBEDDED_MONGODB_PORT, else any free port)',
      parsePort,
    )
    .action(async (opts: { port?: number }) => {
      const { config } = cliContext();
      const opened = await openEngine({
        dataDir: config.mongo.dataDir,
        port: opts.port ?? config.mongo.embeddedPort,
      });
      process.stdout.write(`${opened.uri}\n`);
      if (!opened.owned) {
        process.stderr.write(
          `Another Relance process already serves ${config.mongo.dataDir}; use the URI above.\n`,
        );
        return;
      }
      process.stderr.write(
        `Embedded MongoDB engine on ${config.mongo.dataDir ?? 'memory (DATA_DIR is empty)'}. Ctrl-C to stop.\n`,
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

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port expects a TCP port, got "${value}"`);
  return n;
}
