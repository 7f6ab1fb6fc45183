/** What every CLI command shares: the validated config, a logger on stderr, the ledger, a clean exit on error. */
import { type Config, loadConfig } from '../../integrations/config';
import { type Ledger, openLedger } from '../../integrations/ledger';
import { createLogger, type Logger } from '../../integrations/logger';
import { connectDatabase } from '../../integrations/mongodb/connect';
import { fixedClock, systemClock } from '../../models/clock';
import { ConfigError, normalizeError } from '../../models/errors';

export function cliContext(): { config: Config; logger: Logger } {
  try {
    const config = loadConfig();
    // Logs go to stderr so that stdout stays clean for JSON and URIs that scripts read.
    const logger = createLogger({
      level: config.log.level === 'info' ? 'warn' : config.log.level,
      format: 'pretty',
      destination: process.stderr,
    });
    return { config, logger };
  } catch (err) {
    return exitWithError(err);
  }
}

/** Runs `fn` with the ledger open (sharing the running engine if `npm start` holds the data directory). */
export async function withLedger<T>(
  fn: (ledger: Ledger, ctx: { config: Config; logger: Logger }) => Promise<T>,
): Promise<T> {
  const ctx = cliContext();
  const db = await connectDatabase(ctx.config.mongo, ctx.logger);
  try {
    const ledger = await openLedger(
      db,
      ctx.config,
      ctx.config.now ? fixedClock(ctx.config.now) : systemClock,
    );
    return await fn(ledger, ctx);
  } finally {
    await db.close();
  }
}

export function exitWithError(err: unknown): never {
  const e = err instanceof ConfigError ? err : normalizeError(err);
  const problems =
    e instanceof ConfigError ? '' : e.problems.map((p) => `\n  - ${p.path}: ${p.message}`).join('');
  process.stderr.write(`${e.message}${problems}\n`);
  process.exit(e.code === 'VALIDATION' || e.code === 'CONFIG' ? 2 : 1);
}
