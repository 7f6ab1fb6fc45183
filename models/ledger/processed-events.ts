/**
 * Channel events already handled (a platform redelivery, a second click): the first caller to
 * record a key proceeds, every later one is told it was done.
 */
import { isMongoDuplicateKey } from '../errors';
import type { Models } from '../index';

export async function firstTime(models: Models, key: string, at: Date): Promise<boolean> {
  try {
    await models.ProcessedEvent.create({ key, at });
    return true;
  } catch (err) {
    if (isMongoDuplicateKey(err)) return false;
    throw err;
  }
}
