/** Every job the scheduler runs, in the order a catch-up runs them. */

import { callBack } from './call-back';
import { disputeReview } from './dispute-review';
import { escalationSweep } from './escalation-sweep';
import type { Job } from './job';
import { morningDigest } from './morning-digest';
import { promiseCheck } from './promise-check';
import { retryDeliveries } from './retry-deliveries';
import { salesRep } from './sales-rep';

// Promises are judged and the sweep drafts before the digest counts what waits.
export const JOBS: Job[] = [
  promiseCheck,
  escalationSweep,
  salesRep,
  disputeReview,
  callBack,
  morningDigest,
  retryDeliveries,
];

export function jobNamed(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
