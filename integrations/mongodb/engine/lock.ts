/**
 * One engine per data directory. The engine that serves a directory holds `engine.lock`,
 * which records its process and address; another process that wants the directory reads it
 * and connects to that engine instead. A lock whose process is gone, or whose address no
 * longer answers, is stale and is taken over.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  host: string;
  port: number;
  uri: string;
  startedAt: string;
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'engine.lock');
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The engine serving `dataDir`, if one is alive; null if the directory is free (or its lock stale). */
export async function runningEngine(dataDir: string, startupWaitMs = 60_000): Promise<LockInfo | null> {
  const deadline = Date.now() + startupWaitMs;
  for (;;) {
    const info = readLock(dataDir);
    if (!info) return null;
    if (info.pid !== process.pid && !processAlive(info.pid)) return null;
    // Port 0: the holder is still recovering its data before it listens; wait for its address.
    if (info.port === 0 && info.pid !== process.pid && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    return info.port !== 0 && (await answers(info.host, info.port)) ? info : null;
  }
}

/** Rewrites the lock held by this process (to record the address once listening). */
export function updateLock(dataDir: string, info: LockInfo): void {
  fs.writeFileSync(lockPath(dataDir), JSON.stringify(info, null, 2), { mode: 0o600 });
}

/**
 * Claims the directory. Returns 'taken' when another live engine holds it. A stale lock is
 * moved aside atomically (rename), so two processes cannot both take it over.
 */
export async function acquireLock(dataDir: string, claim: () => LockInfo): Promise<'acquired' | 'taken'> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath(dataDir), JSON.stringify(claim(), null, 2), { flag: 'wx', mode: 0o600 });
      return 'acquired';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await runningEngine(dataDir)) return 'taken';
    const stale = readLock(dataDir);
    const aside = `${lockPath(dataDir)}.stale-${process.pid}-${attempt}`;
    try {
      fs.renameSync(lockPath(dataDir), aside);
      const moved = readLockFile(aside);
      // Another process replaced the stale lock between our read and our rename: put it back.
      if (stale && moved && moved.pid !== stale.pid) fs.renameSync(aside, lockPath(dataDir));
      else fs.rmSync(aside, { force: true });
    } catch {
      // Someone else moved it first; try again.
    }
  }
  return (await runningEngine(dataDir)) ? 'taken' : Promise.reject(new Error(`cannot lock ${dataDir}`));
}

function readLockFile(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

export function releaseLock(dataDir: string): void {
  const info = readLock(dataDir);
  if (info?.pid === process.pid) fs.rmSync(lockPath(dataDir), { force: true });
}
