/**
 * Channel events already handled (a platform redelivery, a second click): the first caller to
 * record a key proceeds, every later one is told it was done. Records expire (a TTL index):
 * platforms redeliver within minutes, and the operation keys of what a turn wrote keep the
 * writes themselves idempotent for good.
 */
import { isMongoDuplicateKey } from '../errors';
import type { Models } from '../index';

/** How long a handled event is remembered. */
export const PROCESSED_EVENT_TTL_MS = 7 * 24 * 3600_000;

export async function firstTime(models: Models, key: string, at: Date): Promise<boolean> {
  try {
    await models.ProcessedEvent.create({
      key,
      at,
      expiresAt: new Date(at.getTime() + PROCESSED_EVENT_TTL_MS),
    });
    return true;
  } catch (err) {
    if (isMongoDuplicateKey(err)) return false;
    throw err;
  }
}

/** Gives a key back (a refused decision consumes nothing: the next press is handled). */
export async function forget(models: Models, key: string): Promise<void> {
  await models.ProcessedEvent.deleteOne({ key });
}
