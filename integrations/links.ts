/**
 * Signed, expiring links to what Relance serves people outside the chat (a letter's PDF, a
 * mail in the local outbox): an HMAC-SHA256 of the path and its expiry under `LINK_SECRET`
 * (a random one per process when unset: links then die with the process and are not shared
 * between instances — set it when running several).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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
