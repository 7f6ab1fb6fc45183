/**
 * The customers' pictures, kept in this process between requests. A worklist or digest would
 * otherwise read and decode every summary of the portfolio each time (thousands of documents);
 * summaries change rarely, so each request reads only those a refresh rewrote since the last
 * read (`refreshedAt`, indexed) — usually none. Reads overlap by a margin, so a refresh written
 * by another instance a little late (or with a slightly different clock) is still seen; a
 * change in the number of summaries (a ledger emptied, a customer removed) reloads everything.
 */
import type { Models } from '../index';
import type { CustomerPicture } from '../rules/scoring';
import type { CustomerSummary } from '../schemas/summary';

/** How far back each read looks before the previous one started. */
export const OVERLAP_MS = 30_000;

interface Cache {
  pictures: Map<string, CustomerPicture>;
  /** When the previous read started (ms); 0 before the first. */
  readFrom: number;
}

const caches = new WeakMap<Models, Cache>();

export async function cachedPictures(
  models: Models,
  pictureOf: (s: CustomerSummary) => CustomerPicture,
): Promise<Map<string, CustomerPicture>> {
  let cache = caches.get(models);
  const total = await models.CustomerSummary.estimatedDocumentCount();
  if (!cache || cache.pictures.size > total) {
    cache = { pictures: new Map(), readFrom: 0 };
    caches.set(models, cache);
  }
  const started = Date.now();
  const changed = await models.CustomerSummary.find(
    cache.readFrom ? { refreshedAt: { $gt: new Date(cache.readFrom - OVERLAP_MS) } } : {},
  ).lean<CustomerSummary[]>();
  for (const s of changed) cache.pictures.set(s.customer, pictureOf(s));
  cache.readFrom = started;
  // Fewer pictures than summaries: one was never refreshed into the cache (or removed and
  // re-added): read everything once.
  if (cache.pictures.size !== total) {
    cache.pictures.clear();
    for (const s of await models.CustomerSummary.find().lean<CustomerSummary[]>())
      cache.pictures.set(s.customer, pictureOf(s));
  }
  return cache.pictures;
}
