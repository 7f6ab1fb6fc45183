/**
 * Sending once. Each outward message has a key (job, person, day or matter); it is recorded as
 * `sending` before the channel is called and `sent` after. A second run — another instance, a
 * retry, an agenda lock that expired — finds the key and sends nothing; a record a crash left
 * in `sending` is never re-sent (it becomes `uncertain` and is logged). A channel failure is
 * retried with backoff by the `retry-deliveries` job, from the reply stored with it.
 */
import type { ChatServices } from '../dialogs/conversation';
import type { Reply } from '../dialogs/reply';
import type { Logger } from '../integrations/logger';
import { isMongoDuplicateKey, normalizeError } from '../models/errors';
import type { DELIVERY_STATUSES } from '../models/schemas/delivery';
import type { ChannelNotifier } from './notifier';

/** Waits before the 1st, 2nd… retry; after the last, the delivery is abandoned. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
/** A `sending` record older than this was left by a crash (a send takes seconds). */
export const SENDING_STALE_MS = 10 * 60_000;

export interface JobContext {
  services: ChatServices;
  notifier: ChannelNotifier;
  logger: Logger;
  /** The team's default morning digest time (HH:mm), for people without their own. */
  digestTime: string;
  /** Keeps the job's lock alive during a long run (agenda's touch); a no-op inline. */
  touch(): Promise<void>;
}

export type DeliveryOutcome = 'sent' | 'inbox' | 'skipped' | 'failed' | 'already';

export interface DeliveryRequest {
  key: string;
  job: string;
  staff: string;
  /** Reads the ledger again at delivery time; null when there is nothing to say any more. */
  compose: () => Promise<Reply | null>;
}

export async function deliverOnce(ctx: JobContext, d: DeliveryRequest): Promise<DeliveryOutcome> {
  const { Delivery } = ctx.services.models;
  const existing = await Delivery.findOne({ key: d.key }, { status: 1, updatedAt: 1 }).lean();
  if (existing) {
    if (existing.status === 'sending' && Date.now() - existing.updatedAt.getTime() > SENDING_STALE_MS) {
      const res = await Delivery.updateOne(
        { key: d.key, status: 'sending' },
        { $set: { status: 'uncertain' } },
      );
      if (res.modifiedCount > 0)
        ctx.logger.warn(
          { key: d.key, staff: d.staff },
          'a delivery was interrupted after the channel was called: not re-sent (it may have arrived)',
        );
    }
    return 'already';
  }
  try {
    await Delivery.create({ key: d.key, job: d.job, staff: d.staff, status: 'sending', attempts: 1 });
  } catch (err) {
    if (isMongoDuplicateKey(err)) return 'already';
    throw err;
  }
  let reply: Reply | null;
  try {
    reply = await d.compose();
  } catch (err) {
    // Nothing was sent: drop the claim so the next run composes again.
    await Delivery.deleteOne({ key: d.key, status: 'sending' });
    throw err;
  }
  if (!reply) {
    await Delivery.updateOne({ key: d.key }, { $set: { status: 'skipped' } });
    return 'skipped';
  }
  return send(ctx, d.key, d.staff, reply, 1);
}

async function send(
  ctx: JobContext,
  key: string,
  staff: string,
  reply: Reply,
  attempt: number,
): Promise<DeliveryOutcome> {
  const { Delivery } = ctx.services.models;
  let channel: string | null;
  try {
    channel = await ctx.notifier.deliver(staff, reply);
  } catch (err) {
    const e = normalizeError(err);
    const wait = RETRY_BACKOFF_MS[attempt - 1];
    const abandoned = wait === undefined;
    await Delivery.updateOne(
      { key },
      {
        $set: {
          status: abandoned ? 'abandoned' : 'failed',
          lastError: `${e.code}: ${e.message}`,
          reply,
          ...(abandoned ? {} : { nextAttemptAt: new Date(ctx.services.clock.now().getTime() + wait) }),
        },
      },
    );
    ctx.logger.error(
      { code: e.code, err: e.cause ?? e, key, staff, attempt },
      abandoned ? 'delivery abandoned after its last retry' : 'delivery failed: will retry',
    );
    return 'failed';
  }
  if (!channel) {
    // Nobody reachable: kept for their web chat inbox, shown when they open it.
    await Delivery.updateOne({ key }, { $set: { status: 'inbox', reply } });
    return 'inbox';
  }
  await Delivery.updateOne(
    { key },
    { $set: { status: 'sent', channel, sentAt: ctx.services.clock.now() }, $unset: { reply: 1 } },
  );
  return 'sent';
}

/** Retries the failed deliveries whose wait is over (each claimed by one runner only). */
export async function retryFailed(ctx: JobContext): Promise<{ retried: number; sent: number }> {
  const { Delivery } = ctx.services.models;
  const now = ctx.services.clock.now();
  // Emails to customers have their own sender (dialogs/communications/send.ts).
  const due = await Delivery.find({
    status: 'failed',
    job: { $ne: 'email' },
    nextAttemptAt: { $lte: now },
  }).lean();
  let sent = 0;
  for (const d of due) {
    const claimed = await Delivery.updateOne(
      { key: d.key, status: 'failed', attempts: d.attempts },
      { $set: { status: 'sending' }, $inc: { attempts: 1 } },
    );
    if (claimed.modifiedCount === 0) continue;
    if ((await send(ctx, d.key, d.staff, d.reply as Reply, d.attempts + 1)) === 'sent') sent++;
  }
  return { retried: due.length, sent };
}

/** Counts for /readyz and `relance jobs`: what is retrying, what was given up. */
export async function deliveryHealth(ctx: Pick<JobContext, 'services'>) {
  const { Delivery } = ctx.services.models;
  const count = (status: (typeof DELIVERY_STATUSES)[number]) => Delivery.countDocuments({ status }).exec();
  const [failing, abandoned, uncertain, inbox] = await Promise.all(
    (['failed', 'abandoned', 'uncertain', 'inbox'] as const).map(count),
  );
  return { failing: failing!, abandoned: abandoned!, uncertain: uncertain!, inbox: inbox! };
}
