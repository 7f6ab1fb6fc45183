/**
 * Long work gives the event loop back. The engine runs in the application's process, one
 * thread for every connection: a scan, sort or aggregation over hundreds of thousands of
 * documents done in one go would leave every other client (and the app itself) waiting for
 * seconds. Long loops therefore ask a `Slice` whether it is `due()` at each item (it reads the
 * clock every few hundred) and, once ~10 ms of work have passed, `pause()` for `setImmediate`, so other connections' requests are answered in
 * between. Work shorter than a slice never yields (small requests behave exactly as before).
 *
 * What a yielding command sees stays consistent: stored documents are immutable values (an
 * update stores a new object), so a command works on a snapshot array of document references
 * taken at its start, and writers re-check each document when they get to it (write.ts).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Collation } from './collation';
import { compareValues, type Doc, sortKey } from './values';

/** How long a command works before it lets others in. */
export const SLICE_MS = 10;
/** Items between clock checks (reading the clock per document would cost more than the work). */
const CHECK_EVERY = 64;

export class Slice {
  private until = performance.now() + SLICE_MS;
  private count = 0;

  /** Whether this slice's time is up (checked every CHECK_EVERY calls, cheap otherwise). */
  due(): boolean {
    if (++this.count < CHECK_EVERY) return false;
    this.count = 0;
    return performance.now() >= this.until;
  }

  /** True when the time is up and the caller may simply stop (a batch that is long enough). */
  expired(): boolean {
    return performance.now() >= this.until;
  }

  /** Lets other work run now and starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.until = performance.now() + SLICE_MS;
    this.count = 0;
  }
}

/** `items.map(fn)`, yielding between slices. */
export async function mapCooperatively<T, U>(
  items: readonly T[],
  fn: (t: T) => U,
  slice: Slice,
): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!);
    if (slice.due()) await slice.pause();
  }
  return out;
}

/** Items of `items` that pass `test`, in order, at most `limit` (0: all), yielding between slices. */
export async function filterCooperatively<T>(
  items: Iterable<T>,
  test: ((t: T) => boolean) | null,
  limit: number,
  slice: Slice,
): Promise<T[]> {
  const out: T[] = [];
  for (const item of items) {
    if (!test || test(item)) {
      out.push(item);
      if (limit > 0 && out.length >= limit) break;
    }
    if (slice.due()) await slice.pause();
  }
  return out;
}

/** Run length sorted in one go: ~2k comparisons, a millisecond or two. */
const RUN = 256;

/**
 * A stable sort (as Array.prototype.sort) that yields: runs of RUN items are sorted by the
 * built-in sort, then merged pairwise, the clock checked as it goes. Returns a new array.
 */
export async function sortCooperatively<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  slice: Slice,
): Promise<T[]> {
  if (items.length <= RUN) return items.slice().sort(compare);
  let from: T[] = [];
  for (let i = 0; i < items.length; i += RUN) {
    from.push(...items.slice(i, i + RUN).sort(compare));
    if (slice.expired()) await slice.pause();
  }
  let to = new Array<T>(items.length);
  for (let width = RUN; width < items.length; width *= 2) {
    for (let lo = 0; lo < items.length; lo += 2 * width) {
      const mid = Math.min(lo + width, items.length);
      const hi = Math.min(lo + 2 * width, items.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // Ties take the left run first: stable.
        to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
        if (slice.due()) await slice.pause();
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * Documents in a sort spec's order (mongod's: arrays by their smallest element ascending,
 * largest descending; the collation for strings), yielding. Each document's sort keys are
 * read once rather than at every comparison.
 */
export async function sortBySpecCooperatively(
  docs: readonly Doc[],
  spec: Record<string, unknown>,
  collation: Collation | null,
  slice: Slice,
): Promise<Doc[]> {
  const fields = Object.entries(spec).map(([k, d]) => [k, Number(d) < 0 ? -1 : 1] as const);
  const keyed = await mapCooperatively(
    docs,
    (doc) => ({ doc, keys: fields.map(([k, d]) => sortKey(doc, k, d, collation)) }),
    slice,
  );
  const sorted = await sortCooperatively(
    keyed,
    (a, b) => {
      for (let i = 0; i < fields.length; i++) {
        const c = compareValues(a.keys[i], b.keys[i], collation);
        if (c !== 0) return fields[i]![1] * c;
      }
      return 0;
    },
    slice,
  );
  return mapCooperatively(sorted, (k) => k.doc, slice);
}
