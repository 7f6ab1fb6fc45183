/**
 * Durability for a data directory: an append-only journal of operations, written in batches
 * (one per group commit) and fdatasync'ed before any of them is acknowledged, and a snapshot
 * that replaces the journal when it grows, so recovery time follows the live data rather than
 * the history. The byte format, and how a torn last write is told apart from damage, is in
 * journal-format.ts.
 *
 * Group commit: a sync costs about the same for one write as for fifty, so writes arriving
 * while a sync is in flight are queued and go to disk together in the next batch, under one
 * fdatasync; each is acknowledged once the sync covering its bytes is done, never before. A
 * group that starts as soon as its first write arrives would stay split in two (one write
 * alone, the others queued behind it, and so on forever), so a group waits until as many
 * writers are queued as took part in the previous group, or at most about one sync's time
 * (MySQL's binlog_group_commit_sync_delay / _no_delay_count, sized by what was just seen).
 * A lone writer therefore never waits; concurrent writers share their syncs.
 *
 * When the disk refuses a batch (full, I/O error), nothing of it is acknowledged: the bytes
 * written are cut off again (shrinking needs no space), every operation not yet on disk (that
 * group's and those queued behind it) is undone in memory (its undo is given with it), and
 * all their callers get the error. The next write tries the disk again, so
 * writes resume by themselves once space is back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { encodeAck, encodeBatch, frame } from './journal-format';
import { ioError } from './mongo-error';
import type { Doc } from './values';

/** The file operations the journal needs; injectable so tests can make the disk fail. */
export interface JournalFs {
  write(fd: number, buf: Buffer, position: number): Promise<number>;
  datasync(fd: number): Promise<void>;
  truncate(fd: number, length: number): Promise<void>;
  writeSync(fd: number, buf: Buffer, position: number | null): number;
}

export const nodeFs: JournalFs = {
  write: (fd, buf, position) =>
    new Promise((resolve, reject) =>
      fs.write(fd, buf, 0, buf.length, position, (e, n) => (e ? reject(e) : resolve(n))),
    ),
  datasync: (fd) => new Promise((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve()))),
  truncate: (fd, length) =>
    new Promise((resolve, reject) => fs.ftruncate(fd, length, (e) => (e ? reject(e) : resolve()))),
  writeSync: (fd, buf, position) => fs.writeSync(fd, buf, 0, buf.length, position),
};

export const FILE_MODE = 0o600;
/** The longest a group waits for writers who were seen just before (the loaded-machine case). */
const MAX_GROUP_WAIT_MS = 8;
export const DIR_MODE = 0o700;

export function journalPath(dir: string, generation: number): string {
  return path.join(dir, `journal-${generation}.log`);
}

export function ackPath(dir: string): string {
  return path.join(dir, 'journal.ack');
}

export function snapshotPath(dir: string): string {
  return path.join(dir, 'snapshot.bson');
}

export interface JournalPosition {
  generation: number;
  /** Sequence number of the next batch. */
  nextSeq: number;
  /** Where the next batch is written. */
  dataEnd: number;
  /** Operations already in this generation's journal. */
  ops: number;
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class Journal {
  private fd: number;
  private readonly ackFd: number;
  private pending: Array<{ record: Buffer; undo: () => void }> = [];
  private inFlight: Array<{ undo: () => void }> = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  /**
   * Group commit: writers queued for the next group; writers in the group being written; how
   * many to wait for (all seen in the last cycle); when waiting began, and how long writers
   * have recently taken to come back (so the wait covers them, capped).
   */
  private queued = 0;
  private groupWriters = 0;
  private expected = 1;
  private groupTimer: NodeJS.Timeout | null = null;
  private waitingSince = 0;
  private gatherMs = 0.5;
  /** Ops numbered up to this are in the group being written. */
  private inFlightTo = 0;
  /**
   * Operations are numbered as appended. Those up to `settled` are on disk, except the range
   * (failedFrom, failedTo] of the last refused batch, which was undone. A write's flush comes
   * right after its ops, before any other disk event, so the last failed range is the one to check.
   */
  private appended = 0;
  private settled = 0;
  private failedFrom = 0;
  private failedTo = 0;
  private lastError: Error | null = null;
  /** A failed batch left bytes after dataEnd that still need cutting off. */
  private dirty = false;
  private snapshotBytes = 0;
  private compactFailedAt = 0;
  /** A snapshot is being written cooperatively (tryCompact). */
  private folding = false;
  private closed = false;
  private generation: number;
  private nextSeq: number;
  private dataEnd: number;
  private journalOps: number;

  constructor(
    private readonly dir: string,
    position: JournalPosition,
    /**
     * Every op that rebuilds the state as it is when called (for a snapshot): the documents
     * taken at once, since a snapshot may be written while later writes are applied.
     */
    private readonly dumpState: () => Iterable<Doc>,
    private readonly io: JournalFs = nodeFs,
    private readonly warn: (message: string, details: Doc) => void = () => undefined,
  ) {
    this.generation = position.generation;
    this.nextSeq = position.nextSeq;
    this.dataEnd = position.dataEnd;
    this.journalOps = position.ops;
    const file = journalPath(dir, this.generation);
    if (!fs.existsSync(file)) createJournalFile(file);
    this.fd = fs.openSync(file, 'r+', FILE_MODE);
    const ack = ackPath(dir);
    this.ackFd = fs.openSync(ack, fs.existsSync(ack) ? 'r+' : 'w+', FILE_MODE);
    this.recordAck();
    const snap = snapshotPath(dir);
    this.snapshotBytes = fs.existsSync(snap) ? fs.statSync(snap).size : 0;
  }

  /** Batches written since the journal opened (one fdatasync each), and the ops in them. */
  readonly stats = { groups: 0, ops: 0 };

  get position(): JournalPosition {
    return {
      generation: this.generation,
      nextSeq: this.nextSeq,
      dataEnd: this.dataEnd,
      ops: this.journalOps,
    };
  }

  /** Records an op already applied in memory, with what undoes it if the disk refuses it. */
  append(op: Doc, undo: () => void): void {
    if (this.closed) throw new Error('journal is closed');
    this.pending.push({ record: frame(op), undo });
    this.appended++;
  }

  /** How many ops were appended so far: a command's starting mark for `flush(since)`. */
  get mark(): number {
    return this.appended;
  }

  /**
   * Resolves when everything appended so far is on disk; rejects if the disk refused it, or,
   * given the mark taken when a command began, if any op appended since was undone (a command
   * that yields half-way may see part of its work refused in another's group).
   */
  flush(since?: number): Promise<void> {
    const target = this.appended;
    if (since !== undefined && this.failedTo > since) return Promise.reject(this.lastError!);
    if (target > this.failedFrom && target <= this.failedTo) return Promise.reject(this.lastError!);
    if (target <= this.settled) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
    if (target > this.inFlightTo) this.queued++;
    this.startGroupWhenDue();
    return done;
  }

  /** Starts the next group now if every expected writer is queued, else after a short wait. */
  private startGroupWhenDue(): void {
    if (this.flushing || this.pending.length === 0) return;
    if (this.closed || this.queued >= this.expected) {
      if (this.groupTimer)
        this.gatherMs = 0.8 * this.gatherMs + 0.2 * (performance.now() - this.waitingSince);
      this.startGroup();
      return;
    }
    if (this.groupTimer) return;
    this.waitingSince = performance.now();
    this.groupTimer = setTimeout(
      () => {
        // Not everyone came back in time: wait longer next time (a loaded machine), or fewer
        // writers remain (the next cycle counts them again).
        this.gatherMs = Math.min(MAX_GROUP_WAIT_MS, 2 * this.gatherMs + 0.5);
        this.startGroup();
      },
      Math.min(MAX_GROUP_WAIT_MS, Math.max(1, 2 * this.gatherMs)),
    );
  }

  private startGroup(): void {
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = null;
    if (this.flushing || this.pending.length === 0) return;
    this.groupWriters = this.queued;
    this.queued = 0;
    this.flushing = this.commitGroup().finally(() => {
      this.flushing = null;
      // Everyone seen in this cycle (this group and those who queued meanwhile) is expected next.
      this.expected = Math.max(1, this.groupWriters + this.queued);
      this.startGroupWhenDue();
    });
  }

  private async commitGroup(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.inFlight = batch;
    this.inFlightTo = this.appended;
    try {
      await this.writeBatch(batch.map((p) => p.record));
    } catch (err) {
      this.rollBack(err as NodeJS.ErrnoException);
      return;
    }
    this.inFlight = [];
    this.stats.groups++;
    this.stats.ops += batch.length;
    this.settled += batch.length;
    this.journalOps += batch.length;
    this.recordAck();
    this.waiters = this.waiters.filter((w) => {
      if (w.target > this.settled) return true;
      w.resolve();
      return false;
    });
    // Folding happens inside the group's turn: no other group starts before it is done, so the
    // writes that arrive meanwhile wait (applied in memory, not yet acknowledged) and go to the
    // new generation's journal; reads go on being answered.
    if (this.pending.length === 0 && this.shouldCompact()) await this.tryCompact();
  }

  private async writeBatch(records: Buffer[]): Promise<void> {
    if (this.dirty) await this.cutTail();
    const bytes = encodeBatch(this.nextSeq, records);
    try {
      let written = 0;
      while (written < bytes.length) {
        written += await this.io.write(this.fd, bytes.subarray(written), this.dataEnd + written);
      }
      await this.io.datasync(this.fd);
    } catch (err) {
      this.dirty = true;
      await this.cutTail().catch(() => undefined);
      throw err;
    }
    this.dataEnd += bytes.length;
    this.nextSeq++;
  }

  /** Cuts off what a refused batch left after the good data. */
  private async cutTail(): Promise<void> {
    await this.io.truncate(this.fd, this.dataEnd);
    await this.io.datasync(this.fd);
    this.dirty = false;
  }

  /**
   * Records what is acknowledged, before the replies go out (not synced: it survives a killed
   * process, and after a power cut it can only be behind). Recovery uses it to tell a cut
   * journal from a torn last write. A failure here loses no data: it is only reported.
   */
  private recordAck(): void {
    try {
      this.io.writeSync(
        this.ackFd,
        encodeAck({ generation: this.generation, length: this.dataEnd, ops: this.journalOps }),
        0,
      );
    } catch (err) {
      this.warn('could not record the acknowledged journal length', {
        code: (err as NodeJS.ErrnoException).code,
      });
    }
  }

  /** Undoes every op not on disk (newest first) and fails everyone waiting for them. */
  private rollBack(err: NodeJS.ErrnoException): void {
    const error = ioError(err);
    const undone = [...this.inFlight, ...this.pending];
    for (let i = undone.length - 1; i >= 0; i--) undone[i]!.undo();
    this.inFlight = [];
    this.pending = [];
    this.queued = 0;
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = null;
    this.failedFrom = this.settled;
    this.failedTo = this.appended;
    this.settled = this.appended;
    this.lastError = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
    this.warn('a write was refused by the disk and undone; nothing of it was acknowledged', {
      code: err.code,
      operations: undone.length,
      file: journalPath(this.dir, this.generation),
    });
  }

  private shouldCompact(): boolean {
    // After a failed attempt (disk full), wait a minute before trying again.
    if (Date.now() - this.compactFailedAt < 60_000) return false;
    return this.dataEnd > Math.max(8 * 1024 * 1024, 2 * this.snapshotBytes);
  }

  private async tryCompact(): Promise<void> {
    const next = this.generation + 1;
    const tmp = path.join(this.dir, 'snapshot.tmp');
    this.folding = true;
    try {
      const header = { generation: next, nextSeq: this.nextSeq };
      this.install(next, tmp, await writeSnapshotFileCooperatively(tmp, header, this.dumpState(), this.io));
    } catch (err) {
      this.compactFailedAt = Date.now();
      fs.rmSync(tmp, { force: true });
      this.warn('could not fold the journal into a snapshot; the journal keeps everything', {
        code: (err as NodeJS.ErrnoException).code,
        message: (err as Error).message,
      });
    } finally {
      this.folding = false;
    }
  }

  /** Writes the whole state as snapshot generation N+1 and starts an empty journal for it. */
  compact(): void {
    // Both would write snapshot.tmp: the second would empty the file the first is writing.
    if (this.folding) throw new Error('the journal is being folded into a snapshot already');
    const next = this.generation + 1;
    const tmp = path.join(this.dir, 'snapshot.tmp');
    const header = { generation: next, nextSeq: this.nextSeq };
    this.install(next, tmp, writeSnapshotFile(tmp, header, this.dumpState(), this.io));
  }

  /**
   * Puts the written snapshot `tmp` of generation `next` in place and appends to that
   * generation's journal from then on. Until the rename nothing a restart reads has changed, so
   * a failure there only throws (the old generation stays in use); once renamed, recovery
   * reads only the new generation, so appends switch to its journal whatever fails after
   * (the new journal is opened before the rename for that reason).
   */
  private install(next: number, tmp: string, bytes: number): void {
    const file = journalPath(this.dir, next);
    createJournalFile(file);
    const fd = fs.openSync(file, 'r+', FILE_MODE);
    try {
      fs.renameSync(tmp, snapshotPath(this.dir));
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
      throw err;
    }
    const oldFd = this.fd;
    this.fd = fd;
    this.generation = next;
    this.dataEnd = 0;
    this.journalOps = 0;
    this.snapshotBytes = bytes;
    this.recordAck();
    try {
      fs.closeSync(oldFd);
      finishGeneration(this.dir, next);
    } catch (err) {
      // The older journal left behind is a leftover recovery ignores (it is older than the snapshot).
      this.warn('could not remove the journal a snapshot replaced', { message: (err as Error).message });
    }
  }

  async close(): Promise<void> {
    this.closed = true; // appends are refused from now on, and the last group starts at once
    // A group (and a fold it began) finishes before the files close: a fold resumed after
    // close would write through closed descriptors into whatever reuses their numbers.
    while (this.flushing) await this.flushing.catch(() => undefined);
    await this.flush().catch(() => undefined);
    fs.closeSync(this.fd);
    fs.fsyncSync(this.ackFd);
    fs.closeSync(this.ackFd);
  }
}

/** A new, empty journal file, durable. */
export function createJournalFile(file: string): void {
  const fd = fs.openSync(file, 'w', FILE_MODE);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A snapshot file's bytes in chunks of about `chunkBytes`: a header (generation, the journal
 * sequence that follows it), the ops, and a footer with their count, so a snapshot cut short
 * is told from a whole one. Framing is the work: each chunk is produced when asked for.
 */
function* snapshotChunks(
  header: { generation: number; nextSeq: number },
  ops: Iterable<Doc>,
  chunkBytes: number,
): Generator<Buffer> {
  const chunks: Buffer[] = [frame({ op: 'snapshot', format: 2, ...header, at: new Date() })];
  let size = chunks[0]!.length;
  let records = 0;
  for (const op of ops) {
    const b = frame(op);
    chunks.push(b);
    size += b.length;
    records++;
    if (size > chunkBytes) {
      yield Buffer.concat(chunks);
      chunks.length = 0;
      size = 0;
    }
  }
  chunks.push(frame({ op: 'end', records }));
  yield Buffer.concat(chunks);
}

/**
 * Writes a snapshot file (see snapshotChunks) in one go and returns its size. The ops are read
 * synchronously: the snapshot is one point in time.
 */
export function writeSnapshotFile(
  file: string,
  header: { generation: number; nextSeq: number },
  ops: Iterable<Doc>,
  io: JournalFs = nodeFs,
): number {
  const fd = fs.openSync(file, 'w', FILE_MODE);
  let bytes = 0;
  try {
    for (const buf of snapshotChunks(header, ops, 4 * 1024 * 1024)) {
      let done = 0;
      while (done < buf.length) done += io.writeSync(fd, buf.subarray(done), null);
      bytes += buf.length;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

/**
 * The same file written a small chunk at a time with the event loop given back in between, so
 * the engine keeps answering while a million documents go to disk (seconds of framing and
 * writing). `ops` must already be one point in time (Storage.dumpState takes it at the call).
 */
export async function writeSnapshotFileCooperatively(
  file: string,
  header: { generation: number; nextSeq: number },
  ops: Iterable<Doc>,
  io: JournalFs = nodeFs,
): Promise<number> {
  const fd = fs.openSync(file, 'w', FILE_MODE);
  let bytes = 0;
  try {
    for (const buf of snapshotChunks(header, ops, 256 * 1024)) {
      let done = 0;
      while (done < buf.length) done += await io.write(fd, buf.subarray(done), bytes + done);
      bytes += buf.length;
      await nextTurn();
    }
    await io.datasync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

/**
 * Makes `ops` the directory's whole content as snapshot generation `generation` with an empty
 * journal: written to a temporary file, then renamed into place (a crash leaves the old state),
 * then the older journals removed. Returns the snapshot's size.
 */
export function writeGeneration(
  dir: string,
  generation: number,
  nextSeq: number,
  ops: Iterable<Doc>,
  io: JournalFs = nodeFs,
): number {
  const tmp = path.join(dir, 'snapshot.tmp');
  const bytes = writeSnapshotFile(tmp, { generation, nextSeq }, ops, io);
  installGeneration(dir, generation, tmp);
  return bytes;
}

/** writeGeneration, the snapshot written cooperatively (writeSnapshotFileCooperatively). */
export async function writeGenerationCooperatively(
  dir: string,
  generation: number,
  nextSeq: number,
  ops: Iterable<Doc>,
  io: JournalFs = nodeFs,
): Promise<number> {
  const tmp = path.join(dir, 'snapshot.tmp');
  const bytes = await writeSnapshotFileCooperatively(tmp, { generation, nextSeq }, ops, io);
  installGeneration(dir, generation, tmp);
  return bytes;
}

/** Puts a written snapshot in place with an empty journal of its generation; removes the older. */
function installGeneration(dir: string, generation: number, tmp: string): void {
  createJournalFile(journalPath(dir, generation));
  fs.renameSync(tmp, snapshotPath(dir));
  finishGeneration(dir, generation);
}

/** Makes the rename of a new snapshot durable and removes the journals of other generations. */
function finishGeneration(dir: string, generation: number): void {
  syncDir(dir);
  for (const f of fs.readdirSync(dir)) {
    const m = /^journal-(\d+)\.log$/.exec(f);
    if (m && Number(m[1]) !== generation) fs.rmSync(path.join(dir, f), { force: true });
  }
}

/** Makes a rename durable (the directory entry itself is synced). */
export function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic.
  }
}
