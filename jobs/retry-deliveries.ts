/**
 * Failed deliveries (a channel down, Slack rate-limiting for long) are retried with backoff,
 * and so are the approved emails the mail server failed to take (sent once when it is back).
 */
import { retryEmails } from './communications';
import { retryFailed } from './deliveries';
import type { Job } from './job';

export const retryDeliveries: Job = {
  name: 'retry-deliveries',
  description: 'retry the messages a channel failed to take, and the approved emails, with backoff',
  everyMs: 60_000,
  async run(ctx) {
    const { retried, sent } = await retryFailed(ctx);
    const mail = await retryEmails(ctx);
    const parts = [
      ...(retried ? [`${sent} of ${retried} retried sent`] : []),
      ...(mail.retried ? [`${mail.sent} of ${mail.retried} emails sent`] : []),
    ];
    return parts.length ? parts.join(', ') : 'nothing to retry';
  },
};
