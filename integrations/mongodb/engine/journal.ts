/**
 * Durability for a data directory: an append-only journal of operations, each record framed
 * as [length][crc32][BSON], flushed and fdatasync'ed before a write is acknowledged (one
 * sync for all writes waiting at that moment: group commit), and a snapshot that replaces
 * the journal when it grows, so recovery time follows the live data rather than the history.
 *
 * Files: snapshot.bson (generation N, written to a temp file and renamed) and
 * journal-N.log (operations after that snapshot). A torn record at the journal's tail, from a
 * crash mid-write, fails its length or checksum and is cut off: it was never acknowledged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { serialize } from 'bson';
import { GroupCommit } from './group-commit';
import { type Doc, decodeDocument } from './values';

export function frame(op: Doc): Buffer {
  const payload = serialize(op, { ignoreUndefined: true, checkKeys: false });
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

/** Reads every intact record; returns them with the byte offset where intact data ends. */
export function readRecords(buf: Buffer): { records: Doc[]; validLength: number } {
  const records: Doc[] = [];
  let pos = 0;
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const sum = buf.readUInt32LE(pos + 4);
    if (len < 5 || pos + 8 + len > buf.length) break;
    const payload = buf.subarray(pos + 8, pos + 8 + len);
    if (crc32(payload) !== sum) break;
    records.push(decodeDocument(payload));
    pos += 8 + len;
  }
  return { records, validLength: pos };
}

export interface Recovered {
  generation: number;
  snapshotOps: Doc[];
  journalOps: Doc[];
}

export class Journal {
  private fd: number;
  private pending: Buffer[] = [];
  private readonly commits = new GroupCommit(
    {
      write: (bytes) => writeAll(this.fd, bytes),
      sync: () => new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res()))),
    },
    // The journal file is only switched (compaction) when no batch is being written or synced.
    () => {
      if (this.pending.length === 0 && !this.closed && this.shouldCompact()) this.compact();
    },
  );
  private journalBytes = 0;
  private snapshotBytes = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private generation: number,
    /** Produces every op that rebuilds the current state (for a snapshot). */
    private readonly dumpState: () => Iterable<Doc>,
  ) {
    this.fd = fs.openSync(this.journalPath(generation), 'a');
    this.journalBytes = fs.fstatSync(this.fd).size;
    const snap = path.join(dir, 'snapshot.bson');
    this.snapshotBytes = fs.existsSync(snap) ? fs.statSync(snap).size : 0;
  }

  /** Reads what the directory holds: the snapshot's ops, then the journal's intact ops. */
  static recover(dir: string): Recovered {
    fs.mkdirSync(dir, { recursive: true });
    const snapPath = path.join(dir, 'snapshot.bson');
    let generation = 0;
    let snapshotOps: Doc[] = [];
    if (fs.existsSync(snapPath)) {
      const { records } = readRecords(fs.readFileSync(snapPath));
      const header = records[0];
      if (header?.op !== 'snapshot') throw new Error(`corrupt snapshot in ${dir}`);
      generation = Number(header.generation);
      snapshotOps = records.slice(1);
    }
    const jPath = path.join(dir, `journal-${generation}.log`);
    let journalOps: Doc[] = [];
    if (fs.existsSync(jPath)) {
      const buf = fs.readFileSync(jPath);
      const { records, validLength } = readRecords(buf);
      journalOps = records;
      if (validLength < buf.length) fs.truncateSync(jPath, validLength); // torn tail
    }
    // Journals of older generations were folded into the snapshot already.
    for (const f of fs.readdirSync(dir)) {
      const m = /^journal-(\d+)\.log$/.exec(f);
      if (m && Number(m[1]) !== generation) fs.rmSync(path.join(dir, f), { force: true });
    }
    fs.rmSync(path.join(dir, 'snapshot.tmp'), { force: true });
    return { generation, snapshotOps, journalOps };
  }

  static open(dir: string, generation: number, dumpState: () => Iterable<Doc>): Journal {
    return new Journal(dir, generation, dumpState);
  }

  private journalPath(gen: number): string {
    return path.join(this.dir, `journal-${gen}.log`);
  }

  append(op: Doc): void {
    if (this.closed) throw new Error('journal is closed');
    this.pending.push(frame(op));
  }

  /** Resolves when everything appended so far is on disk (group commit: see group-commit.ts). */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.commits.settled();
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.journalBytes += bytes.length;
    return this.commits.commit(bytes);
  }

  private shouldCompact(): boolean {
    return this.journalBytes > Math.max(8 * 1024 * 1024, 2 * this.snapshotBytes);
  }

  /** Writes the whole state as snapshot generation N+1 and starts an empty journal for it. */
  compact(): void {
    const next = this.generation + 1;
    const tmp = path.join(this.dir, 'snapshot.tmp');
    const fd = fs.openSync(tmp, 'w');
    let bytes = 0;
    try {
      const chunks: Buffer[] = [frame({ op: 'snapshot', generation: next, at: new Date() })];
      let size = chunks[0]!.length;
      for (const op of this.dumpState()) {
        const b = frame(op);
        chunks.push(b);
        size += b.length;
        if (size > 4 * 1024 * 1024) {
          fs.writeSync(fd, Buffer.concat(chunks));
          bytes += size;
          chunks.length = 0;
          size = 0;
        }
      }
      fs.writeSync(fd, Buffer.concat(chunks));
      bytes += size;
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.writeFileSync(this.journalPath(next), '');
    fs.renameSync(tmp, path.join(this.dir, 'snapshot.bson'));
    syncDir(this.dir);
    const oldFd = this.fd;
    const oldGen = this.generation;
    this.fd = fs.openSync(this.journalPath(next), 'a');
    this.generation = next;
    fs.closeSync(oldFd);
    fs.rmSync(this.journalPath(oldGen), { force: true });
    this.journalBytes = 0;
    this.snapshotBytes = bytes;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number) => {
      fs.write(fd, buf, offset, buf.length - offset, null, (err, n) => {
        if (err) return reject(err);
        if (offset + n < buf.length) step(offset + n);
        else resolve();
      });
    };
    step(0);
  });
}

/** Makes a rename durable (the directory entry itself is synced). */
function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic.
  }
}
