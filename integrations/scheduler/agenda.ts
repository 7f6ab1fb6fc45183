/**
 * agenda's wiring: agenda 6 on MongoDB triggers each job every few minutes, locked so only
 * one instance runs it at a time (and its lock kept alive while it runs). Agenda only says
 * "run this job now": what is due is computed by the job itself (`jobs/`), which this module
 * never imports — the composition root hands it the jobs and how to run one.
 */
import os from 'node:os';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Connection } from 'mongoose';

export const AGENDA_COLLECTION = 'agendaJobs';
/** A run longer than this without a touch loses its lock to another instance. */
const LOCK_LIFETIME_MS = 10 * 60_000;
/** How long a stop waits for running jobs. */
const DRAIN_GRACE_MS = 20_000;

/** What agenda needs to know of a job. */
export interface TriggeredJob {
  name: string;
  everyMs: number;
}

export interface RunningScheduler {
  stop(): Promise<void>;
}

/** When agenda next runs each job (for `relance jobs`). */
export async function nextRuns(connection: Connection): Promise<Map<string, Date | null>> {
  const rows = connection.db
    ? await connection.db
        .collection<{ name: string; nextRunAt?: Date | null }>(AGENDA_COLLECTION)
        .find({}, { projection: { name: 1, nextRunAt: 1 } })
        .toArray()
    : [];
  return new Map(rows.map((r) => [r.name, r.nextRunAt ?? null]));
}

/**
 * Starts agenda on the ledger's connection: each job every `everyMs` (at most as often as
 * `processEveryMs` allows), one instance at a time; `run` is called with agenda's lock-keeping
 * `touch`. Then `catchUp` runs once, inline (after downtime: today's missed work, once).
 */
export async function startScheduler<J extends TriggeredJob>(
  jobs: readonly J[],
  run: (job: J, touch: () => Promise<void>) => Promise<unknown>,
  catchUp: () => Promise<void>,
  connection: Connection,
  opts: { processEveryMs: number; lockLifetimeMs?: number; onError: (err: unknown) => void },
): Promise<RunningScheduler> {
  const agenda = new Agenda({
    name: `relance-${os.hostname()}-${process.pid}`,
    backend: new MongoBackend({ mongo: connection.db as never, collection: AGENDA_COLLECTION }),
    processEvery: opts.processEveryMs,
  } as never);
  for (const job of jobs)
    agenda.define(
      job.name,
      async (j: { touch(): Promise<void> }) => {
        await run(job, () => j.touch());
      },
      { lockLifetime: opts.lockLifetimeMs ?? LOCK_LIFETIME_MS, concurrency: 1 },
    );
  agenda.on('error', opts.onError);
  await agenda.start();
  // Not at once (skipImmediate): the catch-up below already runs every job at start.
  for (const job of jobs) await agenda.every(job.everyMs, job.name, undefined, { skipImmediate: true });
  const caughtUp = catchUp();
  return {
    stop: async () => {
      await caughtUp;
      // Let running jobs finish before the database closes (stop() would leave them running);
      // a job still running after the grace period is unlocked for another instance.
      const drained = await agenda.drain(DRAIN_GRACE_MS);
      if (drained.timedOut) await agenda.stop(false);
    },
  };
}
