/**
 * The scheduler interface: run a job now (inline — tests, `relance run-job`, the catch-up at
 * start), list the jobs, and in production agenda 6 on MongoDB runs each job every few
 * minutes, locked so only one instance runs it at a time (and its lock kept alive while it
 * runs). Agenda only says "run this job now"; what is due is computed by the job itself.
 */
import os from 'node:os';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Connection } from 'mongoose';
import { normalizeError } from '../../models/errors';
import type { JobContext } from './deliveries';
import type { Job, JobOptions } from './job';
import { JOBS, jobNamed } from './jobs';

export const AGENDA_COLLECTION = 'agendaJobs';
/** A run longer than this without a touch loses its lock to another instance. */
const LOCK_LIFETIME_MS = 10 * 60_000;
/** How long a stop waits for running jobs. */
const DRAIN_GRACE_MS = 20_000;

export async function runJob(ctx: JobContext, job: Job, opts: JobOptions = {}): Promise<string> {
  const { JobState } = ctx.services.models;
  const started = ctx.services.clock.now();
  await JobState.updateOne({ name: job.name }, { $set: { lastRunAt: started } }, { upsert: true });
  try {
    const result = await job.run(ctx, opts);
    await JobState.updateOne(
      { name: job.name },
      { $set: { lastFinishedAt: ctx.services.clock.now(), lastResult: result }, $unset: { lastError: 1 } },
    );
    // A run with nothing to do (most minutes) is logged at debug, so the log shows what happened.
    const idle = /^(nothing|not a working)/.test(result) || /^\d+ already$/.test(result);
    ctx.logger[idle ? 'debug' : 'info']({ job: job.name, result, ...opts }, 'job ran');
    return result;
  } catch (err) {
    const e = normalizeError(err);
    await JobState.updateOne({ name: job.name }, { $set: { lastError: `${e.code}: ${e.message}` } });
    ctx.logger.error({ job: job.name, code: e.code, err: e.cause ?? e }, 'job failed');
    throw err;
  }
}

/** Runs every job once, in order, whatever fails: the catch-up after downtime. */
export async function runAll(ctx: JobContext): Promise<void> {
  for (const job of JOBS) await runJob(ctx, job).catch(() => undefined);
}

export interface JobListing {
  name: string;
  description: string;
  nextRun: Date | null;
  /** When the job next has something to do (the digests), if known in advance. */
  nextDue: Date | null;
  lastRun: Date | null;
  lastResult: string | null;
  lastError: string | null;
}

export async function listJobs(ctx: JobContext, connection: Connection): Promise<JobListing[]> {
  const agendaJobs = connection.db
    ? await connection.db
        .collection<{ name: string; nextRunAt?: Date | null }>(AGENDA_COLLECTION)
        .find({}, { projection: { name: 1, nextRunAt: 1 } })
        .toArray()
    : [];
  const states = await ctx.services.models.JobState.find().lean();
  return Promise.all(
    JOBS.map(async (job) => {
      const state = states.find((s) => s.name === job.name);
      return {
        name: job.name,
        description: job.description,
        nextRun: agendaJobs.find((a) => a.name === job.name)?.nextRunAt ?? null,
        nextDue: job.nextDue ? await job.nextDue(ctx) : null,
        lastRun: state?.lastRunAt ?? null,
        lastResult: state?.lastResult ?? null,
        lastError: state?.lastError ?? null,
      };
    }),
  );
}

export interface RunningScheduler {
  stop(): Promise<void>;
}

/**
 * Starts agenda on the ledger's connection: each job every `everyMs` (at most as often as
 * `processEveryMs` allows), one instance at a time. Then catches up once, inline.
 */
export async function startScheduler(
  ctx: Omit<JobContext, 'touch'>,
  connection: Connection,
  opts: { processEveryMs: number; lockLifetimeMs?: number },
): Promise<RunningScheduler> {
  const agenda = new Agenda({
    name: `relance-${os.hostname()}-${process.pid}`,
    backend: new MongoBackend({ mongo: connection.db as never, collection: AGENDA_COLLECTION }),
    processEvery: opts.processEveryMs,
  } as never);
  for (const job of JOBS)
    agenda.define(
      job.name,
      async (j: { touch(): Promise<void> }) => {
        await runJob({ ...ctx, touch: () => j.touch() }, job);
      },
      { lockLifetime: opts.lockLifetimeMs ?? LOCK_LIFETIME_MS, concurrency: 1 },
    );
  agenda.on('error', (err: unknown) => ctx.logger.error({ err }, 'agenda error'));
  await agenda.start();
  // Not at once (skipImmediate): the catch-up below already runs every job at start.
  for (const job of JOBS) await agenda.every(job.everyMs, job.name, undefined, { skipImmediate: true });
  // After downtime: today's missed digests, promise checks and call-backs, once.
  const catchUp = runAll({ ...ctx, touch: async () => {} });
  return {
    stop: async () => {
      await catchUp;
      // Let running jobs finish before the database closes (stop() would leave them running);
      // a job still running after the grace period is unlocked for another instance.
      const drained = await agenda.drain(DRAIN_GRACE_MS);
      if (drained.timedOut) await agenda.stop(false);
    },
  };
}

export { JOBS, jobNamed };
