/**
 * Offline care of a data directory: repair (keep what is provably good, move the damaged
 * files aside), backup (a consistent snapshot of a running engine's state) and restore.
 * A backup is itself a data directory: a snapshot and an empty journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DIR_MODE, FILE_MODE, writeGeneration, writeGenerationCooperatively } from './journal';
import { type Damage, type Inspection, inspectDirectory, restrictPermissions } from './recovery';
import { Storage } from './storage';
import type { Doc } from './values';

export interface RepairReport {
  repaired: boolean;
  damages: Damage[];
  /** Where the damaged files were moved. */
  movedTo?: string;
  recoveredRecords: number;
  /** Records known lost; null when the damage hides how many (at least `lostAtLeast`). */
  lostRecords: number | null;
  lostAtLeast: number;
  documents: Record<string, number>;
}

/** Counts of documents per `db.collection`. */
export function documentCounts(storage: Storage): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [db, colls] of storage.dbs) for (const [name, c] of colls) out[`${db}.${name}`] = c.docs.size;
  return out;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Data files of a directory (what a repair or a restore moves aside). */
function dataFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^(snapshot\.(bson|tmp)|journal\.ack|journal-\d+\.(log|torn-\d+))$/.test(f));
}

/**
 * Rebuilds a damaged directory from what is provably good: the snapshot's whole records
 * (every one of them is a document as it was), then the journal's batches up to the first
 * damaged one (a batch after it may depend on what was lost). The damaged files are moved to
 * `damaged-<time>/` inside the directory, unchanged. The engine must not be running on it.
 */
export function repairDirectory(dir: string, now = new Date()): RepairReport {
  const found = inspectDirectory(dir);
  if (!found.damage) {
    return {
      repaired: false,
      damages: [],
      recoveredRecords: found.snapshotOps.length + found.journalOps.length,
      lostRecords: 0,
      lostAtLeast: 0,
      documents: documentCounts(Storage.fromOps(allOps(found))),
    };
  }
  const storage = Storage.fromOps(allOps(found));
  const recoveredRecords =
    found.snapshotOps.length + found.snapshotOpsAfterDamage.length + found.journalOps.length;
  const known = found.damages.map((d) => d.lostRecords);
  const lostAtLeast = known.reduce<number>((n, l) => n + (l ?? 1), 0);
  const movedTo = path.join(dir, `damaged-${stamp(now)}`);
  fs.mkdirSync(movedTo, { mode: DIR_MODE });
  for (const f of dataFiles(dir)) fs.renameSync(path.join(dir, f), path.join(movedTo, f));
  writeGeneration(dir, found.position.generation + 1, found.position.nextSeq, storage.dumpState());
  restrictPermissions(dir);
  return {
    repaired: true,
    damages: found.damages,
    movedTo,
    recoveredRecords,
    lostRecords: known.includes(null) ? null : lostAtLeast,
    lostAtLeast,
    documents: documentCounts(storage),
  };
}

function allOps(found: Inspection): Doc[] {
  return [...found.snapshotOps, ...found.snapshotOpsAfterDamage, ...found.journalOps];
}

/** Refuses a backup target that holds anything: a backup never overwrites. */
export function prepareBackupTarget(target: string): void {
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
    throw new Error(`${target} is not empty: a backup goes into a new or empty directory`);
  fs.mkdirSync(target, { recursive: true, mode: DIR_MODE });
}

/** Writes the engine's current state into `target` as a data directory (one point in time). */
export async function backupStorage(storage: Storage, target: string): Promise<Record<string, number>> {
  prepareBackupTarget(target);
  // Writes already applied are on disk first; then the state of this moment (and its counts)
  // is written out cooperatively, the engine answering other clients meanwhile.
  await storage.flush().catch(() => undefined);
  const state = storage.dumpState();
  const counts = documentCounts(storage);
  await writeGenerationCooperatively(target, 0, 0, state);
  restrictPermissions(target);
  return counts;
}

export interface RestoreReport {
  movedTo?: string;
  documents: Record<string, number>;
}

/**
 * Replaces a data directory's content by a backup (checked whole first). What the directory
 * held is moved to `before-restore-<time>/` inside it. The engine must not be running on it.
 */
export function restoreDirectory(backup: string, dir: string, now = new Date()): RestoreReport {
  const found = inspectDirectory(backup);
  if (found.fresh) throw new Error(`${backup} holds no backup (no snapshot.bson)`);
  if (found.damage)
    throw new Error(
      `the backup is damaged: ${found.damage.file} at byte ${found.damage.offset} (${found.damage.reason})`,
    );
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const current = dataFiles(dir);
  let movedTo: string | undefined;
  if (current.length > 0) {
    movedTo = path.join(dir, `before-restore-${stamp(now)}`);
    fs.mkdirSync(movedTo, { mode: DIR_MODE });
    for (const f of current) fs.renameSync(path.join(dir, f), path.join(movedTo, f));
  }
  for (const f of dataFiles(backup)) {
    fs.copyFileSync(path.join(backup, f), path.join(dir, f));
    fs.chmodSync(path.join(dir, f), FILE_MODE);
  }
  restrictPermissions(dir);
  return { movedTo, documents: documentCounts(Storage.fromOps(allOps(found))) };
}
