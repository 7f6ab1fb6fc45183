/**
 * All databases of one engine. Every change goes through `apply(op)`, which changes memory
 * and appends the same op to the journal (when there is a data directory); recovery replays
 * ops through the very same function, so what is journaled is exactly what is applied.
 */
import { Collection } from './collection';
import { normalizeSpec } from './indexes';
import { Journal, type JournalFs, writeGeneration } from './journal';
import { recover } from './recovery';
import { type Doc, keyOf } from './values';

export type Op =
  | { op: 'createCollection'; db: string; coll: string; options: Doc }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Doc }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'put'; db: string; coll: string; doc: Doc }
  | { op: 'del'; db: string; coll: string; id: unknown }
  | { op: 'rename'; db: string; coll: string; toDb: string; toColl: string }
  | { op: 'setOptions'; db: string; coll: string; options: Doc };

export interface StorageOptions {
  /** The file layer under the journal (tests inject a failing disk). */
  fs?: JournalFs;
  /** Told about what recovery and a refusing disk did (torn tail dropped, write undone). */
  warn?: (message: string, details: Doc) => void;
}

export class Storage {
  readonly dbs = new Map<string, Map<string, Collection>>();
  private journal: Journal | null = null;
  private ttlTimer: NodeJS.Timeout | null = null;
  /** True when the data directory had no data at all (new): the only kind that may get demo data. */
  createdEmpty = true;
  /** The engine's warnings (the product's logger): a refusing disk, a `warn` validator. */
  warn: (message: string, details: Doc) => void = () => undefined;

  /**
   * Opens a data directory: replays snapshot + journal, then journals every later change.
   * Throws DataDirectoryDamaged (file and offset, nothing changed) rather than start on less.
   */
  static open(dataDir?: string, options: StorageOptions = {}): Storage {
    const storage = new Storage();
    const warn = options.warn ?? (() => undefined);
    storage.warn = warn;
    if (!dataDir) return storage;
    const found = recover(dataDir, warn);
    storage.createdEmpty = found.fresh;
    for (const op of found.snapshotOps) storage.replay(op as Op);
    for (const op of found.journalOps) storage.replay(op as Op);
    let position = found.position;
    if (found.legacy) {
      // A directory of the format before checksummed batches: rewritten in the current one.
      position = { generation: position.generation + 1, nextSeq: 0, dataEnd: 0, ops: 0 };
      writeGeneration(dataDir, position.generation, 0, storage.dumpState());
      warn('converted the data directory to the checksummed journal format', { dataDir });
    }
    const journal = new Journal(dataDir, position, () => storage.dumpState(), options.fs, warn);
    storage.journal = journal;
    // A long journal is folded into a fresh snapshot now, so the next restart is fast.
    if (found.journalOps.length > 10_000) {
      try {
        journal.compact();
      } catch (err) {
        warn('could not fold the journal into a snapshot at start', { message: (err as Error).message });
      }
    }
    return storage;
  }

  /** An in-memory state rebuilt from ops (a repair, a restore's count), journaling nothing. */
  static fromOps(ops: Iterable<Doc>): Storage {
    const storage = new Storage();
    for (const op of ops) storage.replay(op as Op);
    return storage;
  }

  private replay(op: Op): void {
    try {
      this.applyInMemory(op);
    } catch {
      // An op that no longer applies (e.g. a dropped index re-dropped) changes nothing.
    }
  }

  get durable(): boolean {
    return this.journal !== null;
  }

  collection(db: string, coll: string): Collection | undefined {
    return this.dbs.get(db)?.get(coll);
  }

  /** The collection, created (and journaled) on first write as mongod does implicitly. */
  ensureCollection(db: string, coll: string): { collection: Collection; created: boolean } {
    const existing = this.collection(db, coll);
    if (existing) return { collection: existing, created: false };
    this.apply({ op: 'createCollection', db, coll, options: {} });
    return { collection: this.collection(db, coll)!, created: true };
  }

  apply(op: Op): void {
    const undo = this.journal ? this.undoOf(op) : null;
    this.applyInMemory(op);
    if (undo) this.journal!.append(op as unknown as Doc, undo);
  }

  /** What puts memory back as it was before `op`, if the disk refuses to store it. */
  private undoOf(op: Op): () => void {
    const dbOf = (name: string) => {
      const db = this.dbs.get(name) ?? new Map<string, Collection>();
      this.dbs.set(name, db);
      return db;
    };
    const removeColl = (db: string, coll: string) => {
      this.dbs.get(db)?.delete(coll);
      if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
    };
    const before = 'coll' in op ? this.collection(op.db, op.coll) : undefined;
    switch (op.op) {
      case 'createCollection':
        return before ? () => undefined : () => removeColl(op.db, op.coll);
      case 'dropCollection':
        return before ? () => dbOf(op.db).set(op.coll, before) : () => undefined;
      case 'dropDatabase': {
        const db = this.dbs.get(op.db);
        return db ? () => this.dbs.set(op.db, db) : () => undefined;
      }
      case 'createIndex': {
        const name = String(op.spec.name);
        if (!before || before.indexes.has(name)) return () => undefined;
        return () => before.indexes.delete(name);
      }
      case 'dropIndex': {
        const index = before?.indexes.get(op.name);
        return index ? () => before!.indexes.set(op.name, index) : () => undefined;
      }
      case 'put': {
        if (!before) return () => removeColl(op.db, op.coll);
        const id = keyOf(op.doc._id);
        const old = before.get(id);
        return old ? () => before.put(old) : () => before.delete(id);
      }
      case 'del': {
        const old = before?.get(keyOf(op.id));
        return old ? () => before!.put(old) : () => undefined;
      }
      case 'setOptions': {
        const options = before?.options;
        return () => {
          if (before && options) before.options = options;
        };
      }
      case 'rename': {
        const target = this.collection(op.toDb, op.toColl);
        return () => {
          removeColl(op.toDb, op.toColl);
          if (target) dbOf(op.toDb).set(op.toColl, target);
          if (before) dbOf(op.db).set(op.coll, before);
        };
      }
    }
  }

  /** Folds the journal into a fresh snapshot now (in memory: nothing to do). */
  compact(): void {
    this.journal?.compact();
  }

  /** Where the journal stands: taken when a command begins, given back to `flush`. */
  mark(): number {
    return this.journal?.mark ?? 0;
  }

  /**
   * Resolves when every applied op is durable (immediately when in memory). With the mark of
   * a command's start, rejects if any op since was undone by a refusing disk.
   */
  flush(since?: number): Promise<void> {
    return this.journal?.flush(since) ?? Promise.resolve();
  }

  /** Group commit figures: batches written (one fdatasync each) and ops in them. */
  journalStats(): { groups: number; ops: number } {
    return { groups: 0, ops: 0, ...this.journal?.stats };
  }

  private applyInMemory(op: Op): void {
    switch (op.op) {
      case 'createCollection': {
        const db = this.dbs.get(op.db) ?? new Map<string, Collection>();
        this.dbs.set(op.db, db);
        if (!db.has(op.coll)) db.set(op.coll, new Collection(op.db, op.coll, op.options));
        return;
      }
      case 'dropCollection':
        this.dbs.get(op.db)?.delete(op.coll);
        if (this.dbs.get(op.db)?.size === 0) this.dbs.delete(op.db);
        return;
      case 'dropDatabase':
        this.dbs.delete(op.db);
        return;
      case 'createIndex': {
        const c = this.collection(op.db, op.coll);
        if (c && !c.indexes.has(String(op.spec.name))) c.addIndex(normalizeSpec(op.spec));
        return;
      }
      case 'dropIndex':
        this.collection(op.db, op.coll)?.indexes.delete(op.name);
        return;
      case 'put': {
        if (!this.collection(op.db, op.coll))
          this.applyInMemory({ op: 'createCollection', db: op.db, coll: op.coll, options: {} });
        this.collection(op.db, op.coll)!.put(op.doc);
        return;
      }
      case 'del':
        this.collection(op.db, op.coll)?.delete(keyOf(op.id));
        return;
      case 'setOptions': {
        // collMod: the validator and its action/level (the collation cannot change, as in mongod).
        const c = this.collection(op.db, op.coll);
        if (c) c.options = op.options;
        return;
      }
      case 'rename': {
        const source = this.collection(op.db, op.coll);
        if (!source) return;
        this.dbs.get(op.db)!.delete(op.coll);
        const target = this.dbs.get(op.toDb) ?? new Map<string, Collection>();
        this.dbs.set(op.toDb, target);
        const moved = new Collection(op.toDb, op.toColl, source.options);
        for (const spec of source.indexSpecs().slice(1)) moved.addIndex(spec);
        for (const doc of source.docs.values()) moved.put(doc);
        target.set(op.toColl, moved);
        return;
      }
    }
  }

  /**
   * The ops that rebuild the state as it is now: collections, their indexes, then documents.
   * What they describe is taken at the call (the documents by reference: stored documents are
   * never changed), the ops produced as they are read: a snapshot written cooperatively
   * describes the moment it began, whatever is written meanwhile.
   */
  dumpState(): Iterable<Doc> {
    const parts = [...this.dbs].flatMap(([db, colls]) =>
      [...colls].map(([coll, c]) => ({
        db,
        coll,
        options: c.options,
        specs: c.indexSpecs().slice(1),
        docs: Array.from(c.docs.values()),
      })),
    );
    return (function* () {
      for (const { db, coll, options, specs, docs } of parts) {
        yield { op: 'createCollection', db, coll, options };
        for (const spec of specs) yield { op: 'createIndex', db, coll, spec };
        for (const doc of docs) yield { op: 'put', db, coll, doc };
      }
    })();
  }

  /** Deletes documents whose TTL index date has passed, as mongod's TTL monitor does. */
  expireTtl(now = new Date()): number {
    let removed = 0;
    for (const colls of this.dbs.values()) {
      for (const c of colls.values()) {
        for (const index of c.indexes.values()) {
          const secs = index.spec.expireAfterSeconds;
          if (typeof secs !== 'number') continue;
          const field = index.fields[0]!;
          const cutoff = now.getTime() - secs * 1000;
          for (const doc of [...c.docs.values()]) {
            if (isExpired(doc[field], cutoff)) {
              this.apply({ op: 'del', db: c.db, coll: c.name, id: doc._id });
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  startTtlMonitor(intervalMs: number): void {
    this.ttlTimer = setInterval(() => {
      if (this.expireTtl() > 0) this.flush().catch(() => undefined);
    }, intervalMs);
    this.ttlTimer.unref();
  }

  async close(): Promise<void> {
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    await this.journal?.close();
    this.journal = null;
  }
}

function isExpired(value: unknown, cutoff: number): boolean {
  if (value instanceof Date) return value.getTime() <= cutoff;
  if (Array.isArray(value)) {
    const dates = value.filter((v): v is Date => v instanceof Date);
    return dates.length > 0 && Math.min(...dates.map((d) => d.getTime())) <= cutoff;
  }
  return false;
}
