/** A ledger on a fresh in-memory engine (or MONGODB_URI's server), with a fixed "today". */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../integrations/config';
import { type Ledger, openLedger } from '../../integrations/ledger';
import { memoryLogger } from '../../integrations/logger';
import { connectDatabase } from '../../integrations/mongodb/connect';
import { type Clock, fixedClock } from '../../models/clock';

/** 09:15 in Paris on Monday 23 November 2026. */
export const NOW = '2026-11-23T08:15:00Z';

export async function openTestLedger(
  now: string | Clock = NOW,
): Promise<Ledger & { close(): Promise<void> }> {
  const config = parseConfig({ DATA_DIR: '', MONGODB_URI: process.env.MONGODB_URI });
  const db = await connectDatabase(
    config.mongo,
    memoryLogger('silent').logger,
    `relance_test_${process.pid}_${Date.now()}`,
  );
  const ledger = await openLedger(db, config, typeof now === 'string' ? fixedClock(now) : now);
  return {
    ...ledger,
    close: async () => {
      if (db.kind === 'external') await db.connection.dropDatabase();
      await db.close();
    },
  };
}

/** A clock a test moves by hand. */
export function movableClock(at: string): Clock & { set(at: string): void } {
  let instant = new Date(at);
  return {
    now: () => new Date(instant),
    set: (next) => {
      instant = new Date(next);
    },
  };
}

export function csvFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-csv-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export function importOpts(ledger: Ledger) {
  return { models: ledger.models, asOf: ledger.today(), policy: ledger.policy, author: 'test' };
}

/**
 * A digest per collection of every ledger document except the activity trail (which records
 * each run on purpose): equal snapshots mean nothing changed, and a difference names the collection.
 */
export async function ledgerSnapshot(ledger: Ledger): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, model] of Object.entries(ledger.models)) {
    if (name === 'Activity') continue;
    const docs = await model.find({}, { updatedAt: 0 }).sort({ _id: 1 }).lean();
    out[name] =
      `${docs.length} docs, ${createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16)}`;
  }
  return out;
}
