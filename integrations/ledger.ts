/**
 * The ledger as services see it: the database connection, the models on it (indexes built),
 * the team's policy, and the clock. Built once per process by a composition root.
 */
import type { Models } from '../models';
import { ensureIndexes, registerModels } from '../models';
import type { Clock } from '../models/clock';
import { loadPolicy } from '../models/ledger/policy';
import { type LocalDate, localDate } from '../models/rules/dates';
import type { Policy } from '../models/rules/policy';
import type { Config } from './config';
import type { Database } from './mongodb/connect';

export interface Ledger {
  db: Database;
  models: Models;
  policy: Policy;
  clock: Clock;
  /** Today in the team's time zone. */
  today(): LocalDate;
}

export async function openLedger(db: Database, config: Config, clock: Clock): Promise<Ledger> {
  const models = registerModels(db.connection);
  await ensureIndexes(models);
  const policy = await loadPolicy(models, {
    country: config.locale.country,
    timeZone: config.locale.timeZone,
    defaultLocale: config.locale.defaultLocale,
    ...config.policy,
  });
  return { db, models, policy, clock, today: () => localDate(clock.now(), policy.timeZone) };
}
