/**
 * Signed, expiring links to what Relance serves people outside the chat (a letter's PDF, a
 * case file, a mail in the local outbox): an HMAC-SHA256 of the path and its expiry under
 * `LINK_SECRET`. When it is unset, a random secret is made once and kept in the data directory
 * (`link-secret`, 0600), so links outlive a restart and every process on that directory signs
 * alike; only in memory (DATA_DIR empty) is it one per process. Instances on different machines
 * need the same LINK_SECRET.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LINK_TTL_SECONDS = 7 * 24 * 3600;

export interface LinkSigner {
  /** `path` (starting with /) as an absolute URL with its expiry and signature. */
  sign(path: string, nowMs?: number): string;
  /** True when the signature matches and the link has not expired. */
  verify(path: string, exp: string | undefined, sig: string | undefined, nowMs?: number): boolean;
}

export function linkSigner(secret: string | undefined, base: () => string): LinkSigner {
  const key = secret ?? randomBytes(32).toString('hex');
  const mac = (path: string, exp: string) =>
    createHmac('sha256', key).update(`${path}\n${exp}`).digest('base64url');
  return {
    sign(path, nowMs = Date.now()) {
      const exp = String(Math.floor(nowMs / 1000) + LINK_TTL_SECONDS);
      return `${base()}${path}?exp=${exp}&sig=${mac(path, exp)}`;
    },
    verify(path, exp, sig, nowMs = Date.now()) {
      if (!exp || !sig || !/^\d+$/.test(exp) || Number(exp) * 1000 < nowMs) return false;
      const want = Buffer.from(mac(path, exp));
      const given = Buffer.from(sig);
      return want.length === given.length && timingSafeEqual(want, given);
    },
  };
}

export const LINK_SECRET_FILE = 'link-secret';

/**
 * The configured secret, else the one kept in `dataDir` (made on first use), else — in memory —
 * a random one for this process.
 */
export function linkSecretFor(configured: string | undefined, dataDir: string | undefined): string {
  if (configured) return configured;
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = path.join(dataDir, LINK_SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written whole under another name, then linked into place: a process starting at the same
  // moment either wins the link or reads the winner's secret, never a half-written file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} holds no link secret: remove it, or set LINK_SECRET`);
  return secret;
}

function readSecret(file: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return text.length >= 32 ? text : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
