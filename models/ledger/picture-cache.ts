/**
 * The customers' pictures, kept in this process between requests. A worklist or digest would
 * otherwise read and decode every summary of the portfolio each time (thousands of documents);
 * summaries change rarely, so each request reads only those a refresh rewrote since the last
 * read (`refreshedAt`, indexed) — usually none. Reads overlap by a margin, so a refresh written
 * by another instance a little late (or with a slightly different clock) is still seen; within
 * the margin only per-refresh counts are read again, not the summaries. A change in the number
 * of summaries (a ledger emptied, a customer removed) reloads everything.
 */
import type { Models } from '../index';
import type { CustomerPicture } from '../rules/scoring';
import type { CustomerSummary } from '../schemas/summary';
import { Slices } from './slices';

/** How far back each read looks before the previous one started. */
export const OVERLAP_MS = 30_000;

interface Cache {
  pictures: Map<string, CustomerPicture>;
  /** The refresh (its `refreshedAt`, ms) each picture was made from. */
  stampOf: Map<string, number>;
  /** How many pictures were made from each refresh stamp: a refresh writes one per batch. */
  perStamp: Map<number, number>;
  /** When the previous read started (ms); 0 before the first. */
  readFrom: number;
}

const caches = new WeakMap<Models, Cache>();

const stamp = (s: Pick<CustomerSummary, 'refreshedAt'>) =>
  s.refreshedAt ? new Date(s.refreshedAt).getTime() : 0;

/** The refresh under way per ledger: refreshes run one after another (see cachedPictures). */
const running = new WeakMap<Models, Promise<unknown>>();

/**
 * The pictures, brought up to date. Refreshes of one ledger run one at a time: a refresh
 * yields while it fills the shared maps, and one running beside it could clear them half-way;
 * a request that comes during a refresh waits for it, then makes its own (usually reading
 * nothing), so it still sees every write made before it was asked.
 */
export function cachedPictures(
  models: Models,
  pictureOf: (s: CustomerSummary) => CustomerPicture,
): Promise<Map<string, CustomerPicture>> {
  const before = running.get(models) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => refreshPictures(models, pictureOf));
  running.set(models, mine);
  return mine;
}

async function refreshPictures(
  models: Models,
  pictureOf: (s: CustomerSummary) => CustomerPicture,
): Promise<Map<string, CustomerPicture>> {
  let cache = caches.get(models);
  const total = await models.CustomerSummary.estimatedDocumentCount();
  if (!cache || cache.pictures.size > total) {
    cache = { pictures: new Map(), stampOf: new Map(), perStamp: new Map(), readFrom: 0 };
    caches.set(models, cache);
  }
  const started = Date.now();
  const slices = new Slices();
  const keep = async (summaries: CustomerSummary[]) => {
    for (const s of summaries) {
      const was = cache.stampOf.get(s.customer);
      if (was !== undefined) cache.perStamp.set(was, (cache.perStamp.get(was) ?? 1) - 1);
      cache.pictures.set(s.customer, pictureOf(s));
      cache.stampOf.set(s.customer, stamp(s));
      cache.perStamp.set(stamp(s), (cache.perStamp.get(stamp(s)) ?? 0) + 1);
      await slices.tick();
    }
  };
  if (!cache.readFrom) await keep(await models.CustomerSummary.find().lean<CustomerSummary[]>());
  else {
    // The overlap sees again, for 30 s, every summary a refresh rewrote (all of them after an
    // import): it reads how many each refresh stamp has, a few dozen counts, and reads the
    // summaries only of the stamps whose count differs from the pictures made from them.
    const since = new Date(cache.readFrom - OVERLAP_MS);
    const counts = await models.CustomerSummary.aggregate<{ _id: Date; n: number }>([
      { $match: { refreshedAt: { $gt: since } } },
      { $group: { _id: '$refreshedAt', n: { $sum: 1 } } },
    ]);
    // Until every count agrees: reading one stamp moves the customers it holds away from
    // their old stamps, which may show that an old stamp's members changed too (same count,
    // other customers). The newest differing stamp always gains, so this ends.
    for (let round = 0; round <= counts.length; round++) {
      const changed = counts
        .filter((c) => cache.perStamp.get(stamp({ refreshedAt: c._id })) !== c.n)
        .map((c) => c._id);
      if (changed.length === 0) break;
      await keep(
        await models.CustomerSummary.find({ refreshedAt: { $in: changed } }).lean<CustomerSummary[]>(),
      );
    }
    for (const [at, n] of cache.perStamp)
      if (n <= 0 || at < since.getTime() - OVERLAP_MS) cache.perStamp.delete(at);
  }
  cache.readFrom = started;
  // Fewer pictures than summaries: one was never refreshed into the cache (or removed and
  // re-added): read everything once.
  if (cache.pictures.size !== total) {
    cache.pictures.clear();
    cache.stampOf.clear();
    cache.perStamp.clear();
    await keep(await models.CustomerSummary.find().lean<CustomerSummary[]>());
  }
  return cache.pictures;
}
