/** Failed deliveries (a channel down, Slack rate-limiting for long) are retried with backoff. */
import { retryFailed } from './deliveries';
import type { Job } from './job';

export const retryDeliveries: Job = {
  name: 'retry-deliveries',
  description: 'retry the messages a channel failed to take, with backoff',
  everyMs: 60_000,
  async run(ctx) {
    const { retried, sent } = await retryFailed(ctx);
    return retried ? `${sent} of ${retried} retried sent` : 'nothing to retry';
  },
};
