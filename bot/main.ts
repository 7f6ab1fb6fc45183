/**
 * `npm start`: the product on its configured (or embedded) defaults.
 * A bad configuration prints one readable block and exits 1 — never a stack trace.
 */
import { loadConfig } from '../integrations/config';
import { createLogger } from '../integrations/logger';
import { ConfigError } from '../models/errors';
import { startRelance } from './app';
import { assertWebChatProtected } from './webchat/session';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    assertWebChatProtected(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n\nSee .env.example for every variable and its format.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.log.level, format: config.log.format });
  logger.info({ node: process.version, pid: process.pid }, `Relance starting on Node ${process.version}`);
  const relance = await startRelance(config, logger);

  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    // A second signal while stopping means "now".
    process.once(signal, () => process.exit(1));
    relance.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().catch((err) => {
  process.stderr.write(`Relance could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
