/**
 * The bytes of a data directory, and how to tell a torn last write from damage.
 *
 * A record (in the snapshot and inside a journal batch) is [length][crc32][BSON].
 *
 * The journal is a sequence of batches, one per group commit (one fdatasync):
 *   [magic "RLJ2"][seq u64][payload length u32][op count u32][payload crc32][header crc32]
 * followed by its records. Sequence numbers follow on from one batch to the next and across
 * snapshots (the snapshot records the next one), so a missing or reordered batch is visible.
 *
 * `journal.ack` records how many bytes (and operations) of the journal were on disk when the
 * last acknowledgement was sent: written after each fdatasync and before the reply (not synced
 * itself: it survives a killed process, and after a power cut it can only be behind, never
 * ahead). So the rule is exact:
 * - a bad batch within the acknowledged length is damage: the start is refused;
 * - a journal shorter than the acknowledged length was cut: acknowledged writes are missing;
 * - a bad batch after it, with no good batch behind it, is the torn last write: dropped, logged.
 */
import { crc32 } from 'node:zlib';
import { serialize } from 'bson';
import { type Doc, decodeDocument } from './values';

export const BATCH_HEADER = 28;
const MAGIC = 0x324a4c52; // "RLJ2" little-endian
const ACK_MAGIC = 0x414a4c52; // "RLJA"
export const ACK_BYTES = 28;

export function frame(op: Doc): Buffer {
  const payload = serialize(op, { ignoreUndefined: true, checkKeys: false });
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

/** Reads records from the start; stops at the first one that is incomplete or fails its checksum. */
export function readRecords(buf: Buffer): { records: Doc[]; validLength: number } {
  const records: Doc[] = [];
  let pos = 0;
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const sum = buf.readUInt32LE(pos + 4);
    if (len < 5 || pos + 8 + len > buf.length) break;
    const payload = buf.subarray(pos + 8, pos + 8 + len);
    if (crc32(payload) !== sum) break;
    try {
      // Decoded as the wire is: Long, integral Double and Int32 stay apart (values.ts).
      records.push(decodeDocument(payload));
    } catch {
      break;
    }
    pos += 8 + len;
  }
  return { records, validLength: pos };
}

export function encodeBatch(seq: number, records: Buffer[]): Buffer {
  const payload = Buffer.concat(records);
  const head = Buffer.alloc(BATCH_HEADER);
  head.writeUInt32LE(MAGIC, 0);
  head.writeBigUInt64LE(BigInt(seq), 4);
  head.writeUInt32LE(payload.length, 12);
  head.writeUInt32LE(records.length, 16);
  head.writeUInt32LE(crc32(payload), 20);
  head.writeUInt32LE(crc32(head.subarray(0, 24)), 24);
  return Buffer.concat([head, payload]);
}

interface BatchHeader {
  seq: number;
  length: number;
  ops: number;
  payloadCrc: number;
}

function readHeader(buf: Buffer, pos: number): BatchHeader | null {
  if (pos + BATCH_HEADER > buf.length) return null;
  if (buf.readUInt32LE(pos) !== MAGIC) return null;
  if (crc32(buf.subarray(pos, pos + 24)) !== buf.readUInt32LE(pos + 24)) return null;
  return {
    seq: Number(buf.readBigUInt64LE(pos + 4)),
    length: buf.readUInt32LE(pos + 12),
    ops: buf.readUInt32LE(pos + 16),
    payloadCrc: buf.readUInt32LE(pos + 20),
  };
}

export function isLegacyJournal(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) !== MAGIC;
}

/** What was acknowledged of journal-`generation`.log: its length and its operations. */
export interface Acknowledged {
  generation: number;
  length: number;
  ops: number;
}

export function encodeAck(ack: Acknowledged): Buffer {
  const b = Buffer.alloc(ACK_BYTES);
  b.writeUInt32LE(ACK_MAGIC, 0);
  b.writeUInt32LE(ack.generation, 4);
  b.writeBigUInt64LE(BigInt(ack.length), 8);
  b.writeBigUInt64LE(BigInt(ack.ops), 16);
  b.writeUInt32LE(crc32(b.subarray(0, 24)), 24);
  return b;
}

/** Null when absent or unreadable (then nothing is known to have been acknowledged). */
export function decodeAck(b: Buffer | null): Acknowledged | null {
  if (!b || b.length < ACK_BYTES || b.readUInt32LE(0) !== ACK_MAGIC) return null;
  if (crc32(b.subarray(0, 24)) !== b.readUInt32LE(24)) return null;
  return {
    generation: b.readUInt32LE(4),
    length: Number(b.readBigUInt64LE(8)),
    ops: Number(b.readBigUInt64LE(16)),
  };
}

export interface JournalProblem {
  offset: number;
  reason: string;
  /** Acknowledged operations that cannot be recovered; null when unknown. */
  lostOps: number | null;
}

export interface JournalScan {
  ops: Doc[];
  /** Where the next batch goes (end of the good data). */
  dataEnd: number;
  nextSeq: number;
  batches: number;
  /** A torn last write (dropped at start, logged). */
  torn?: { offset: number; bytes: number };
  /** Damage: the start is refused. */
  problem?: JournalProblem;
}

/**
 * Reads a journal file's bytes; `firstSeq` is the sequence its first batch must carry, `ack`
 * what was acknowledged of it (null: unknown, then only a bad batch with good ones after it
 * is damage).
 */
export function scanJournal(buf: Buffer, firstSeq: number, ack: Acknowledged | null): JournalScan {
  const ops: Doc[] = [];
  let pos = 0;
  let seq = firstSeq;
  let batches = 0;
  const acked = ack?.length ?? 0;
  const result = (extra: Partial<JournalScan>): JournalScan => ({
    ops,
    dataEnd: pos,
    nextSeq: seq,
    batches,
    ...extra,
  });
  const lost = (ownOps: number | null, from: number): number | null => {
    if (ack) return Math.max(0, ack.ops - ops.length);
    return ownOps === null ? null : ownOps + laterBatches(buf, from).ops;
  };
  while (pos < buf.length) {
    const bad = checkBatch(buf, pos, seq);
    if (bad.problem === undefined) {
      for (const op of bad.records) ops.push(op);
      pos = bad.end;
      seq++;
      batches++;
      continue;
    }
    // After what was acknowledged, with nothing good behind it: the write a crash interrupted.
    if (pos >= acked && laterBatches(buf, pos + 1).batches === 0)
      return result({ torn: { offset: pos, bytes: buf.length - pos } });
    return result({
      problem: { offset: bad.offset, reason: bad.problem, lostOps: lost(bad.ops, pos + 1) },
    });
  }
  if (pos < acked)
    return result({
      problem: {
        offset: pos,
        reason: `the journal ends at byte ${pos} but ${acked} bytes of it were acknowledged: it was cut, acknowledged writes are missing`,
        lostOps: lost(null, pos),
      },
    });
  return result({});
}

type BatchCheck =
  | { problem?: undefined; records: Doc[]; end: number }
  | { problem: string; offset: number; ops: number | null };

function checkBatch(buf: Buffer, pos: number, seq: number): BatchCheck {
  const header = readHeader(buf, pos);
  if (!header) return { problem: 'unreadable batch header', offset: pos, ops: null };
  const end = pos + BATCH_HEADER + header.length;
  if (header.seq !== seq)
    return {
      problem: `batch ${header.seq} where ${seq} was expected (batches missing)`,
      offset: pos,
      ops: header.ops,
    };
  if (end > buf.length) return { problem: 'the file ends inside this batch', offset: pos, ops: header.ops };
  const payload = buf.subarray(pos + BATCH_HEADER, end);
  const inner = readRecords(payload);
  if (
    crc32(payload) !== header.payloadCrc ||
    inner.validLength !== payload.length ||
    inner.records.length !== header.ops
  )
    return { problem: 'checksum mismatch', offset: pos + BATCH_HEADER + inner.validLength, ops: header.ops };
  return { records: inner.records, end };
}

/** Readable batch headers after `from`: what a damage there hides. */
function laterBatches(buf: Buffer, from: number): { batches: number; ops: number } {
  let batches = 0;
  let ops = 0;
  for (let p = buf.indexOf('RLJ2', from, 'latin1'); p >= 0; ) {
    const h = readHeader(buf, p);
    if (h) {
      batches++;
      ops += h.ops;
      p = buf.indexOf('RLJ2', p + BATCH_HEADER + h.length, 'latin1');
    } else p = buf.indexOf('RLJ2', p + 1, 'latin1');
  }
  return { batches, ops };
}
