/**
 * Reading a data directory back: what the snapshot and the journal hold, and whether they
 * can be trusted. `inspectDirectory` only reads (it is `relance db --verify`); `recover` is
 * the start: it refuses damage (naming the file and the offset, changing nothing) and drops
 * only a torn last write, logged, its bytes kept beside the journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ackPath, DIR_MODE, FILE_MODE, type JournalPosition, journalPath, snapshotPath } from './journal';
import { decodeAck, isLegacyJournal, readRecords, scanJournal } from './journal-format';
import type { Doc } from './values';

export interface Damage {
  file: string;
  offset: number;
  reason: string;
  /** Records that cannot be recovered; null when the damage hides how many. */
  lostRecords: number | null;
}

export interface FileReport {
  file: string;
  bytes: number;
  /** Records read intact. */
  records: number;
  status: 'ok' | 'torn-tail' | 'damaged';
}

export interface Inspection {
  dir: string;
  /** No snapshot and no journal: a new, empty data directory. */
  fresh: boolean;
  /** Written by a version before checksummed batches (migrated at the next start). */
  legacy: boolean;
  files: FileReport[];
  snapshotOps: Doc[];
  journalOps: Doc[];
  /** Snapshot records after a damaged one (each whole): what a repair can still keep. */
  snapshotOpsAfterDamage: Doc[];
  position: JournalPosition;
  torn?: { file: string; offset: number; bytes: number };
  /** The first damage found (what the start refuses on); `damages` lists every one. */
  damage?: Damage;
  damages: Damage[];
  /** Files a start removes: journals already folded into the snapshot, a half-written snapshot. */
  leftovers: string[];
}

export class DataDirectoryDamaged extends Error {
  constructor(readonly damage: Damage) {
    super(
      `The data directory is damaged: ${damage.file} at byte ${damage.offset} (${damage.reason}). ` +
        'Relance does not start on it, so that nothing after the damage is silently lost; the file is unchanged. ' +
        '`npm run relance -- db --verify` shows the details; `npm run relance -- db --repair` moves the damaged ' +
        'file aside and keeps every record that is provably good.',
    );
    this.name = 'DataDirectoryDamaged';
  }
}

export function inspectDirectory(dir: string): Inspection {
  const files: FileReport[] = [];
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const journals = names
    .map((f) => /^journal-(\d+)\.log$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  const snapFile = snapshotPath(dir);
  const result: Inspection = {
    dir,
    fresh: !names.includes('snapshot.bson') && journals.length === 0,
    legacy: false,
    files,
    snapshotOps: [],
    journalOps: [],
    snapshotOpsAfterDamage: [],
    position: { generation: 0, nextSeq: 0, dataEnd: 0, ops: 0 },
    damages: [],
    leftovers: names.filter((f) => f === 'snapshot.tmp').map((f) => path.join(dir, f)),
  };
  if (result.fresh) return result;

  let snapshotFormat = 0;
  if (names.includes('snapshot.bson')) {
    const buf = fs.readFileSync(snapFile);
    const { records, validLength } = readRecords(buf);
    const header = records[0];
    if (header?.op !== 'snapshot') {
      files.push({ file: snapFile, bytes: buf.length, records: 0, status: 'damaged' });
      addDamage(result, { file: snapFile, offset: 0, reason: 'no snapshot header', lostRecords: null });
      return result;
    }
    snapshotFormat = Number(header.format ?? 1);
    result.position.generation = Number(header.generation);
    result.position.nextSeq = Number(header.nextSeq ?? 0);
    const footer = records.at(-1);
    const whole = validLength === buf.length && (snapshotFormat < 2 || footer?.op === 'end');
    const ops = snapshotFormat >= 2 && footer?.op === 'end' ? records.slice(1, -1) : records.slice(1);
    result.snapshotOps = ops;
    files.push({ file: snapFile, bytes: buf.length, records: ops.length, status: whole ? 'ok' : 'damaged' });
    if (!whole) {
      // The snapshot is written whole and renamed into place: any bad record is damage, never a torn write.
      const after = recordsAfter(buf, validLength);
      result.snapshotOpsAfterDamage = after.ops;
      const lost = after.footerCount === null ? null : after.footerCount - ops.length - after.ops.length;
      addDamage(result, {
        file: snapFile,
        offset: validLength,
        reason:
          validLength === buf.length
            ? 'the snapshot ends without its footer (cut short)'
            : 'checksum mismatch',
        lostRecords: lost,
      });
    }
  }

  const gen = result.position.generation;
  for (const g of journals) {
    const file = journalPath(dir, g);
    if (g < gen) result.leftovers.push(file);
    else if (g > gen) {
      const buf = fs.readFileSync(file);
      if (buf.every((b) => b === 0))
        result.leftovers.push(file); // created by a compaction that did not finish
      else
        addDamage(result, {
          file,
          offset: 0,
          reason: `a journal newer than the snapshot (generation ${gen}): the snapshot is older than its journal`,
          lostRecords: null,
        });
    }
  }
  const jFile = journalPath(dir, gen);
  if (!journals.includes(gen)) {
    addDamage(result, {
      file: jFile,
      offset: 0,
      reason: 'the journal is missing: the writes after the snapshot are gone',
      lostRecords: null,
    });
    return result;
  }
  const buf = fs.readFileSync(jFile);
  if ((snapshotFormat > 0 && snapshotFormat < 2) || isLegacyJournal(buf)) {
    // The format before checksummed batches: its torn tail rule is the old one (migrated at start).
    result.legacy = true;
    const { records, validLength } = readRecords(buf);
    result.journalOps = records;
    files.push({
      file: jFile,
      bytes: buf.length,
      records: records.length,
      status: validLength < buf.length ? 'torn-tail' : 'ok',
    });
    if (validLength < buf.length)
      result.torn = { file: jFile, offset: validLength, bytes: buf.length - validLength };
    return result;
  }
  const ackFile = ackPath(dir);
  const ack = decodeAck(fs.existsSync(ackFile) ? fs.readFileSync(ackFile) : null);
  const scan = scanJournal(buf, result.position.nextSeq, ack?.generation === gen ? ack : null);
  result.journalOps = scan.ops;
  result.position.nextSeq = scan.nextSeq;
  result.position.dataEnd = scan.dataEnd;
  result.position.ops = scan.ops.length;
  files.push({
    file: jFile,
    bytes: buf.length,
    records: scan.ops.length,
    status: scan.problem ? 'damaged' : scan.torn ? 'torn-tail' : 'ok',
  });
  if (scan.torn) result.torn = { file: jFile, ...scan.torn };
  if (scan.problem)
    addDamage(result, {
      file: jFile,
      offset: scan.problem.offset,
      reason: scan.problem.reason,
      lostRecords: scan.problem.lostOps,
    });
  return result;
}

function addDamage(result: Inspection, damage: Damage): void {
  result.damages.push(damage);
  result.damage ??= damage;
}

/** Whole records after a damaged one (skipping it by its length field), and the footer's count. */
function recordsAfter(buf: Buffer, from: number): { ops: Doc[]; footerCount: number | null } {
  if (from + 8 > buf.length) return { ops: [], footerCount: null };
  const skip = from + 8 + buf.readUInt32LE(from);
  if (skip > buf.length) return { ops: [], footerCount: null };
  const { records, validLength } = readRecords(buf.subarray(skip));
  const footer = records.at(-1);
  if (skip + validLength !== buf.length || footer?.op !== 'end') return { ops: [], footerCount: null };
  return { ops: records.slice(0, -1), footerCount: Number(footer.records) };
}

/**
 * Opens a directory for the engine: throws DataDirectoryDamaged on damage (nothing changed),
 * removes leftovers, drops a torn last write (its bytes saved as journal-N.torn-OFFSET), and
 * makes the directory and its files private to the engine's user.
 */
export function recover(dir: string, warn: (message: string, details: Doc) => void): Inspection {
  const found = inspectDirectory(dir);
  if (found.damage) throw new DataDirectoryDamaged(found.damage);
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  restrictPermissions(dir);
  for (const f of found.leftovers) fs.rmSync(f, { force: true });
  if (found.torn) {
    const { file, offset, bytes } = found.torn;
    const fd = fs.openSync(file, 'r+');
    try {
      const torn = Buffer.alloc(bytes);
      fs.readSync(fd, torn, 0, bytes, offset);
      fs.writeFileSync(`${file.replace(/\.log$/, '')}.torn-${offset}`, torn, { mode: FILE_MODE });
      fs.ftruncateSync(fd, offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    warn('dropped the torn last write of the journal (a crash during it: it was never acknowledged)', {
      file,
      offset,
      bytes,
      keptAs: `${path.basename(file, '.log')}.torn-${offset}`,
    });
  }
  return found;
}

/** Directory 0700, its files 0600: the data is the ledger, readable by the engine's user only. */
export function restrictPermissions(dir: string): void {
  try {
    fs.chmodSync(dir, DIR_MODE);
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      fs.chmodSync(path.join(dir, f.name), f.isDirectory() ? DIR_MODE : FILE_MODE);
    }
  } catch {
    // Not the owner (a shared mount): leave the modes as they are.
  }
}
