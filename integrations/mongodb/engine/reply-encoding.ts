/**
 * Encoding reply bodies to BSON. A cursor batch is spliced together from each document's own
 * encoding, kept in a bounded cache: a stored document never changes (an update stores a new
 * object), so a document read many times is encoded once — as mongod serves stored BSON
 * rather than re-encoding it on every read. This halves the cost of a read of many documents.
 */
import { serialize } from 'bson';
import type { Doc } from './values';

const OPTIONS = { ignoreUndefined: true } as const;

/** bson hands back a Uint8Array (a Buffer under Node): view it as a Buffer without copying. */
function encode(doc: Doc): Buffer {
  const u = serialize(doc, OPTIONS);
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.length);
}

/** Bytes of encoded documents kept; the oldest encodings go first beyond it. */
const CACHE_BUDGET_BYTES = 48 * 1024 * 1024;
/** Documents larger than this are encoded each time rather than crowding the cache out. */
const LARGEST_CACHED = 256 * 1024;

const cache = new Map<Doc, Buffer>();
/**
 * The cached documents, oldest first, from `head` on. Eviction reads them from here rather
 * than iterating the Map from its start: a Map keeps deleted entries as holes until it is
 * rehashed, so each eviction walked every hole left by the ones before it — over a read of
 * 200k documents, whole milliseconds per document, a batch of 101 taking a few hundred.
 */
let order: Array<Doc | undefined> = [];
let head = 0;
/**
 * The documents collections hold. Only they are cached: a projection or an aggregation builds
 * fresh objects that are never read again, and caching them would crowd out the stored ones.
 */
const stored = new WeakSet<Doc>();

/** Called by a collection for every document it stores (stored documents are never mutated). */
export function markStored(doc: Doc): void {
  stored.add(doc);
}
let cachedBytes = 0;

/**
 * Encodings of a read too large to keep (see `keep`), held only until the reply that carries
 * them is encoded: the batch is sized from them, then spliced from them.
 */
const passing = new Map<Doc, Buffer>();

/**
 * The BSON of a document; cached (keyed by identity), since documents are immutable once stored.
 * `keep: false` for a read of more documents than the cache holds: kept, they would only push
 * out what smaller reads use again, and each encoding, surviving a few collections before it
 * is pushed out in turn, would be old garbage the collector pauses for (seconds over a read
 * of a million invoices).
 */
export function encodedDoc(doc: Doc, keep = true): Buffer {
  const hit = cache.get(doc) ?? passing.get(doc);
  if (hit) return hit;
  const bytes = encode(doc);
  if (!keep) {
    passing.set(doc, bytes);
    return bytes;
  }
  if (stored.has(doc) && bytes.length <= LARGEST_CACHED) {
    cache.set(doc, bytes);
    order.push(doc);
    cachedBytes += bytes.length;
    while (cachedBytes > CACHE_BUDGET_BYTES && head < order.length) {
      const old = order[head]!;
      order[head++] = undefined; // not kept alive by the queue once evicted
      cachedBytes -= cache.get(old)!.length;
      cache.delete(old);
    }
    // Drop the evicted part of the queue once it is most of it (amortised O(1) per document).
    if (head > 1024 && head * 2 > order.length) {
      order = order.slice(head);
      head = 0;
    }
  }
  return bytes;
}

/** The BSON of a reply body; a `cursor.firstBatch`/`nextBatch` is built from cached encodings. */
export function encodeBody(body: Doc): Buffer {
  const cursor = body.cursor as Doc | undefined;
  const key =
    cursor &&
    (Array.isArray(cursor.firstBatch) ? 'firstBatch' : Array.isArray(cursor.nextBatch) ? 'nextBatch' : null);
  if (!cursor || !key) return encode(body);
  const { [key]: batch, ...cursorRest } = cursor;
  const { cursor: _, ...bodyRest } = body;
  const array = arrayOf((batch as Doc[]).map((d) => encodedDoc(d)));
  passing.clear();
  const cursorDoc = documentOf([element(0x04, key, array)], encode(cursorRest));
  return documentOf([element(0x03, 'cursor', cursorDoc)], encode(bodyRest));
}

/** A BSON array of encoded documents, written in one allocation (keys "0", "1", …). */
function arrayOf(docs: Buffer[]): Buffer {
  let size = 5;
  docs.forEach((d, i) => {
    size += 2 + String(i).length + d.length;
  });
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let pos = 4;
  docs.forEach((d, i) => {
    out[pos++] = 0x03;
    pos += out.write(String(i), pos, 'latin1');
    out[pos++] = 0;
    pos += d.copy(out, pos);
  });
  out[pos] = 0;
  return out;
}

/** One BSON element: type byte, key as a C string, value bytes. */
function element(type: number, key: string, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type]), Buffer.from(`${key}\0`, 'utf8'), value]);
}

/** A BSON document of `first` elements followed by the elements of an encoded document `rest`. */
function documentOf(first: Buffer[], rest: Buffer): Buffer {
  const restElements = rest.length > 0 ? rest.subarray(4, rest.length - 1) : Buffer.alloc(0);
  const size = 4 + first.reduce((n, b) => n + b.length, 0) + restElements.length + 1;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let pos = 4;
  for (const b of first) pos += b.copy(out, pos);
  pos += restElements.copy(out, pos);
  out[pos] = 0;
  return out;
}
