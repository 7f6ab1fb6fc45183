/**
 * Running jobs: one now (inline — tests, `relance run-job`, the catch-up at start), all of them
 * in order (the catch-up), and what the operator sees of them. Channel-neutral: the jobs reach
 * people through the Notifier port; agenda's wiring (`integrations/scheduler/agenda.ts`) only
 * says "run this job now".
 */
import { normalizeError } from '../models/errors';
import type { JobContext } from './deliveries';
import { JOBS, jobNamed } from './index';
import type { Job, JobOptions } from './job';

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

/** Each job with its last run; `nextRuns` says when the trigger (agenda) next runs each one. */
export async function listJobs(ctx: JobContext, nextRuns: Map<string, Date | null>): Promise<JobListing[]> {
  const states = await ctx.services.models.JobState.find().lean();
  return Promise.all(
    JOBS.map(async (job) => {
      const state = states.find((s) => s.name === job.name);
      return {
        name: job.name,
        description: job.description,
        nextRun: nextRuns.get(job.name) ?? null,
        nextDue: job.nextDue ? await job.nextDue(ctx) : null,
        lastRun: state?.lastRunAt ?? null,
        lastResult: state?.lastResult ?? null,
        lastError: state?.lastError ?? null,
      };
    }),
  );
}

export { JOBS, jobNamed };
