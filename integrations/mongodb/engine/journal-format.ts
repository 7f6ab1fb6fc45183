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
 * The journal file is allocated in whole units of ALLOCATION bytes (sparse zeros) and the
 * writer always leaves at least TRAILER zero bytes after the data, allocating (and syncing
 * the new size) before writing into it. So a file whose length is not a whole number of
 * units, or whose data runs into its end, was cut by something else than a crash: that is
 * missing acknowledged data, not a torn write.
 *
 * A torn write is the last batch only, and only if it is incomplete the way a crash leaves
 * it: followed by nothing but zeros, and missing at least one whole sector (still zero), or
 * with its header sector never written. Anything else that fails a checksum is damage.
 */
import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'bson';
import type { Doc } from './values';

export const ALLOCATION = 1024 * 1024;
export const TRAILER = 64;
export const BATCH_HEADER = 28;
const MAGIC = 0x324a4c52; // "RLJ2" little-endian
const SECTOR = 512;

export const DESERIALIZE = {
  promoteLongs: true,
  promoteValues: true,
  promoteBuffers: false,
  bsonRegExp: false,
} as const;

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
      records.push(deserialize(payload, DESERIALIZE) as Doc);
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
  return buf.length >= 4 && buf.readUInt32LE(0) !== MAGIC && !allZero(buf, 0, Math.min(buf.length, 4));
}

function allZero(buf: Buffer, from: number, to = buf.length): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}

/** True if a whole sector of [from, to) is still zero: a part of the write never reached the disk. */
function hasZeroSector(buf: Buffer, from: number, to: number): boolean {
  for (let s = Math.ceil(from / SECTOR) * SECTOR; s + SECTOR <= to; s += SECTOR) {
    if (allZero(buf, s, s + SECTOR)) return true;
  }
  return false;
}

export interface JournalProblem {
  offset: number;
  reason: string;
  /** Operations known to be lost: those of the damaged batch (when its header is readable) and of readable later batches. */
  lostOps: number;
  lostBatches: number;
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

/** Reads a journal file's bytes; `firstSeq` is the sequence its first batch must carry. */
export function scanJournal(buf: Buffer, firstSeq: number): JournalScan {
  const ops: Doc[] = [];
  let pos = 0;
  let seq = firstSeq;
  let batches = 0;
  const result = (extra: Partial<JournalScan>): JournalScan => ({
    ops,
    dataEnd: pos,
    nextSeq: seq,
    batches,
    ...extra,
  });
  const damage = (offset: number, reason: string, ownOps = 0): JournalScan => {
    const later = laterBatches(buf, offset + 1);
    return result({
      problem: {
        offset,
        reason,
        lostOps: ownOps + later.ops,
        lostBatches: 1 + later.batches,
      },
    });
  };
  // Everything after the last non-zero byte is unwritten allocation.
  const last = lastNonZero(buf);
  for (;;) {
    if (pos > last) break;
    const header = readHeader(buf, pos);
    if (!header) {
      // The header sector never written while later bytes were: torn, unless a good batch follows.
      if (allZero(buf, pos, Math.min(buf.length, pos + BATCH_HEADER)) && laterBatches(buf, pos).batches === 0) {
        return result({ torn: { offset: pos, bytes: last + 1 - pos } });
      }
      return damage(pos, 'unreadable batch header');
    }
    const end = pos + BATCH_HEADER + header.length;
    if (header.seq !== seq)
      return damage(pos, `batch sequence ${header.seq} where ${seq} was expected (batches missing)`, header.ops);
    if (end + TRAILER > buf.length)
      return damage(pos, 'the file ends inside this batch: it was cut, acknowledged writes are missing', header.ops);
    const payload = buf.subarray(pos + BATCH_HEADER, end);
    if (crc32(payload) !== header.payloadCrc) {
      if (end > last && hasZeroSector(buf, pos + BATCH_HEADER, end)) {
        return result({ torn: { offset: pos, bytes: end - pos } });
      }
      const inner = readRecords(payload);
      return damage(pos + BATCH_HEADER + inner.validLength, 'checksum mismatch', header.ops);
    }
    const inner = readRecords(payload);
    if (inner.validLength !== payload.length || inner.records.length !== header.ops)
      return damage(pos + BATCH_HEADER + inner.validLength, 'unreadable record', header.ops);
    for (const op of inner.records) ops.push(op);
    pos = end;
    seq++;
    batches++;
  }
  if (buf.length % ALLOCATION !== 0 || buf.length - pos < TRAILER) {
    return result({
      problem: {
        offset: buf.length,
        reason: `the file is ${buf.length} bytes, not a whole number of ${ALLOCATION}-byte units: it was cut, acknowledged writes may be missing`,
        lostOps: 0,
        lostBatches: 0,
      },
    });
  }
  return result({});
}

function lastNonZero(buf: Buffer): number {
  for (let i = buf.length - 1; i >= 0; i--) if (buf[i] !== 0) return i;
  return -1;
}

/** Readable batches starting after `from` (found by their header checksum): what a damage loses. */
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
