/**
 * A scheduled job: a small module with its handler. Jobs decide what is due from the ledger
 * and the clock each time they run (nothing is scheduled per matter), so a promise edited, a
 * payment imported or a dispute resolved changes what the next run does — no stale job fires
 * on a settled matter — and a run after downtime catches up by itself.
 */
import type { LocalDate } from '../models/rules/dates';
import type { JobContext } from './deliveries';

export interface JobOptions {
  /** Only this staff member (handle). */
  as?: string;
  /** Act as of this date instead of now (an operator's re-run). */
  date?: LocalDate;
}

export interface Job {
  name: string;
  description: string;
  /** How often the scheduler runs it (ms). */
  everyMs: number;
  /** Runs once; returns a one-line result for the logs and `relance jobs`. */
  run(ctx: JobContext, opts: JobOptions): Promise<string>;
  /** When it next has something to do, when that is known in advance (the digests). */
  nextDue?(ctx: JobContext): Promise<Date | null>;
}

export type Counts = Record<string, number>;

export function countsText(counts: Counts): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0);
  return parts.length ? parts.map(([k, n]) => `${n} ${k}`).join(', ') : 'nothing due';
}

export function bump(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
