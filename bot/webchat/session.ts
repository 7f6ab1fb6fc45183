/**
 * Who is at the web chat:
 * - **local**: local development (no Slack or Teams credentials, and the server bound to
 *   loopback) with no WEBCHAT_SECRET — the page's picker says who you are, as in the quick start.
 * - **login**: WEBCHAT_SECRET is set. Each person opens a signed, expiring, single-use login
 *   link (`relance webchat-link --as tom`), which becomes a signed session cookie; the identity
 *   is the session's, never the page's (`from.id` is overwritten).
 * - **off**: `WEBCHAT_ENABLED=false`.
 * Anything else (credentials, a non-loopback address or production, with no WEBCHAT_SECRET)
 * would be a chat open to anyone acting as anyone: the start is **refused** (`assertWebChatProtected`)
 * with a message naming the ways out.
 *
 * Links and sessions are HMAC-SHA256 signed with a key derived from WEBCHAT_SECRET: nothing to
 * store, and rotating the secret logs everybody out.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Config } from '../../integrations/config';
import type { Models } from '../../models';
import { ConfigError, isMongoDuplicateKey } from '../../models/errors';
import { isLocalDevelopment } from '../exposure';

export type WebChatMode =
  | { mode: 'local' }
  | { mode: 'login'; secret: string }
  | { mode: 'off' }
  | { mode: 'refused'; reason: string };

export const LOGIN_PARAM = 'login';
export const SESSION_COOKIE = 'relance_session';

export function webChatMode(config: Config): WebChatMode {
  if (!config.webchat.enabled) return { mode: 'off' };
  if (config.webchatSecret) return { mode: 'login', secret: config.webchatSecret };
  if (isLocalDevelopment(config)) return { mode: 'local' };
  const why =
    config.slack.botToken || config.slack.appToken || config.teams.appId
      ? 'Slack or Teams credentials are set'
      : config.env === 'production'
        ? 'NODE_ENV is production'
        : `HOST is ${config.host}, beyond loopback`;
  return {
    mode: 'refused',
    reason:
      `${why}, so an open web chat would let anyone act as anyone. Either set WEBCHAT_SECRET ` +
      '(16 characters or more: each person then signs in with their own link, npm run relance -- ' +
      'webchat-link --as <handle>), or set WEBCHAT_ENABLED=false to serve no web chat, or, for local ' +
      'development, start without Slack and Teams credentials, on a loopback HOST, not in production',
  };
}

/** The start check: channel credentials (or an exposed server) with an open web chat stop the start. */
export function assertWebChatProtected(config: Config): void {
  const mode = webChatMode(config);
  if (mode.mode === 'refused')
    throw new ConfigError([{ path: 'WEBCHAT_SECRET', message: `required: ${mode.reason}` }]);
}

interface Claims {
  /** 'link' (opens a session, once) or 'session' (the cookie). */
  k: 'link' | 'session';
  /** The staff handle. */
  sub: string;
  /** Expiry, ms since the epoch. */
  exp: number;
  /** A nonce: links are single use. */
  n: string;
}

const keyOf = (secret: string) => createHmac('sha256', secret).update('relance-webchat-v1').digest();

function sign(secret: string, claims: Claims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

function verify(secret: string, token: string | undefined, kind: Claims['k'], now: number): Claims | null {
  if (!token || token.length > 1024) return null;
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const want = createHmac('sha256', keyOf(secret)).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    if (c.k !== kind || typeof c.sub !== 'string' || typeof c.exp !== 'number' || c.exp <= now) return null;
    return c;
  } catch {
    return null;
  }
}

/** A login link for one person, valid `minutes` and once. */
export function loginLink(
  baseUrl: string,
  secret: string,
  handle: string,
  minutes: number,
  now = Date.now(),
): string {
  const token = sign(secret, {
    k: 'link',
    sub: handle,
    exp: now + minutes * 60_000,
    n: randomBytes(9).toString('base64url'),
  });
  return `${baseUrl.replace(/\/+$/, '')}/chat?${LOGIN_PARAM}=${token}`;
}

export interface Session {
  staff: string;
  expires: number;
}

/** Sessions of the login mode: links opened once, cookies checked on every request. */
export class WebChatSessions {
  constructor(
    private readonly secret: string,
    private readonly sessionHours: number,
    /** Where used links are recorded: once is once across instances and restarts. */
    private readonly models: Models,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a session from a login link (once): the cookie to set, or null. */
  async openFromLink(token: string | undefined): Promise<{ session: Session; cookie: string } | null> {
    const now = this.now();
    const link = verify(this.secret, token, 'link', now);
    if (!link || typeof link.n !== 'string' || link.n.length > 64) return null;
    // The nonce's unique index decides which opening wins, whichever instance it reached; the
    // record expires with the link (TTL index), when the signature alone refuses it.
    try {
      await this.models.UsedLoginLink.create({
        nonce: link.n,
        staff: link.sub,
        expiresAt: new Date(link.exp),
      });
    } catch (err) {
      if (isMongoDuplicateKey(err)) return null;
      throw err;
    }
    const session = { staff: link.sub, expires: now + this.sessionHours * 3_600_000 };
    const value = sign(this.secret, {
      k: 'session',
      sub: session.staff,
      exp: session.expires,
      n: randomBytes(9).toString('base64url'),
    });
    return { session, cookie: value };
  }

  /** The session a request carries (its cookie), or null. */
  of(req: http.IncomingMessage): Session | null {
    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const c = verify(this.secret, cookie, 'session', this.now());
    return c ? { staff: c.sub, expires: c.exp } : null;
  }

  /** The Set-Cookie header of a session: HttpOnly, SameSite=Strict, Secure behind HTTPS. */
  setCookie(value: string, session: Session, req: http.IncomingMessage): string {
    const https =
      (req.socket as { encrypted?: boolean }).encrypted === true ||
      String(req.headers['x-forwarded-proto'] ?? '').startsWith('https');
    const maxAge = Math.floor((session.expires - this.now()) / 1000);
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${https ? '; Secure' : ''}`;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
