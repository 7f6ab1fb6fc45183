/** Open cursors (what getMore continues), with batches capped by count and by bytes. */
import { Long } from 'bson';
import { SLICE_MS } from './cooperative';
import { errors } from './mongo-error';
import { encodedDoc } from './reply-encoding';
import type { Doc } from './values';

const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Doc[];
  pos: number;
  touched: number;
}

export class Cursors {
  private readonly open = new Map<string, OpenCursor>();
  private nextId = BigInt(Date.now()) * 1000n;

  /** The first batch of `docs`; if more remain, a cursor id to continue with. */
  start(ns: string, docs: Doc[], batchSize: number | undefined, single = false): { id: Long; batch: Doc[] } {
    const batch = takeBatch(docs, 0, batchSize ?? 101);
    if (single || batch.length >= docs.length) return { id: Long.ZERO, batch };
    this.sweep();
    this.nextId += 1n;
    const id = Long.fromBigInt(this.nextId);
    this.open.set(id.toString(), { ns, docs, pos: batch.length, touched: Date.now() });
    return { id, batch };
  }

  more(id: unknown, batchSize: number | undefined): { id: Long; batch: Doc[]; ns: string } {
    const key = String(id);
    const cursor = this.open.get(key);
    if (!cursor) throw errors.cursorNotFound(key);
    const batch = takeBatch(
      cursor.docs,
      cursor.pos,
      batchSize && batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER,
    );
    cursor.pos += batch.length;
    cursor.touched = Date.now();
    if (cursor.pos >= cursor.docs.length) {
      this.open.delete(key);
      return { id: Long.ZERO, batch, ns: cursor.ns };
    }
    return { id: Long.fromString(key), batch, ns: cursor.ns };
  }

  kill(ids: unknown[]): { killed: unknown[]; notFound: unknown[] } {
    const killed: unknown[] = [];
    const notFound: unknown[] = [];
    for (const id of ids) (this.open.delete(String(id)) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [k, c] of this.open) if (c.touched < cutoff) this.open.delete(k);
  }
}

/**
 * A batch of at most `max` documents and 16 MiB. A batch the client left unsized (a getMore
 * without batchSize, as toArray sends) also ends after one slice of encoding or at 1 MiB: a
 * 16 MiB batch took hundreds of milliseconds to encode (and the driver as long to decode)
 * while no other request was answered; the driver simply asks for the next one.
 */
function takeBatch(docs: Doc[], start: number, max: number): Doc[] {
  const out: Doc[] = [];
  const timed = max > UNSIZED;
  const until = performance.now() + SLICE_MS;
  const maxBytes = timed ? MAX_UNSIZED_BATCH_BYTES : MAX_BATCH_BYTES;
  const keep = docs.length <= LARGEST_KEPT_READ;
  let bytes = 0;
  for (let i = start; i < docs.length && out.length < max; i++) {
    const size = encodedDoc(docs[i]!, keep).length;
    if (out.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    out.push(docs[i]!);
    if (timed && out.length >= MIN_TIMED_BATCH && performance.now() >= until) break;
  }
  return out;
}
/**
 * An unsized batch also stops at 1 MiB. Encodings come from a cache, so ten milliseconds of
 * splicing can fill 16 MiB, which the driver (in this same process) then decodes in one go for
 * a few hundred milliseconds, holding every other client; 1 MiB decodes in a slice or so.
 */
const MAX_UNSIZED_BATCH_BYTES = 1024 * 1024;
/** Reads of more documents than this do not fill the encoding cache (reply-encoding.ts). */
const LARGEST_KEPT_READ = 50_000;
/** Batch sizes above this are taken as "as many as fit". */
const UNSIZED = 10_000;
const MIN_TIMED_BATCH = 101;

export function cursorReply(ns: string, id: Long, batch: Doc[], first: boolean): Doc {
  return { cursor: { [first ? 'firstBatch' : 'nextBatch']: batch, id, ns }, ok: 1 };
}
