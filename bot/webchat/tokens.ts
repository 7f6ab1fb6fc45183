/**
 * The web chat's Direct Line tokens. Each is kept in MongoDB by its SHA-256 — never in clear —
 * with a TTL index on its expiry, so an open page keeps working across a restart and expired
 * tokens are purged by the database. A copy in memory answers the credential check on the
 * request's headers, which runs before the body is read and cannot wait for the database: it
 * is loaded with the live tokens at start and written through on every change.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Models } from '../../models';

export const TOKEN_SECONDS = 3600;

export interface TokenEntry {
  /** The conversation it opened (null until it opens one). */
  conversation: string | null;
  /** ms since the epoch; refreshed while the page polls, never past `until`. */
  expires: number;
  /** With logins, whose it is (the session's person); null in local development. */
  staff: string | null;
  /** The end of the session it was given under (Infinity: none). */
  until: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class WebChatTokens {
  private readonly live = new Map<string, TokenEntry>();

  private constructor(
    private readonly models: Models,
    // Credentials expire on the wall clock, not on the ledger's (injectable) business clock.
    private readonly now: () => number,
  ) {}

  /** The store, with the tokens still live in the database (given before a restart). */
  static async open(models: Models, now: () => number = Date.now): Promise<WebChatTokens> {
    const store = new WebChatTokens(models, now);
    const stored = await models.WebChatToken.find({ expiresAt: { $gt: new Date(now()) } }).lean();
    for (const t of stored)
      store.live.set(t.hash, {
        conversation: t.conversation ?? null,
        expires: t.expiresAt.getTime(),
        staff: t.staff ?? null,
        until: t.until ? t.until.getTime() : Number.POSITIVE_INFINITY,
      });
    return store;
  }

  /** A new token for `staff` (null: local development), never outliving `until`. */
  async issue(staff: string | null, until: number): Promise<{ token: string; expiresIn: number }> {
    const token = randomBytes(24).toString('base64url');
    const entry: TokenEntry = {
      conversation: null,
      expires: Math.min(this.now() + TOKEN_SECONDS * 1000, until),
      staff,
      until,
    };
    // Expired tokens leave memory as new ones are given (the database's TTL index purges its own).
    for (const [h, e] of this.live) if (e.expires <= this.now()) this.live.delete(h);
    await this.models.WebChatToken.create({
      hash: hashOf(token),
      staff,
      conversation: null,
      expiresAt: new Date(entry.expires),
      until: Number.isFinite(until) ? new Date(until) : null,
    });
    this.live.set(hashOf(token), entry);
    return { token, expiresIn: TOKEN_SECONDS };
  }

  /** The live entry of a token (synchronous: checked on the headers), or null. */
  find(token: string | undefined): TokenEntry | null {
    if (!token || token.length > 256) return null;
    const entry = this.live.get(hashOf(token));
    return entry && entry.expires > this.now() ? entry : null;
  }

  /** Records the conversation a token opened. */
  async bind(token: string, conversation: string): Promise<void> {
    const entry = this.find(token);
    if (!entry) return;
    entry.conversation = conversation;
    await this.models.WebChatToken.updateOne({ hash: hashOf(token) }, { $set: { conversation } });
  }

  /** Extends a live token by another TOKEN_SECONDS, within its session. */
  async refresh(token: string): Promise<void> {
    const entry = this.find(token);
    if (!entry) return;
    entry.expires = Math.min(this.now() + TOKEN_SECONDS * 1000, entry.until);
    await this.models.WebChatToken.updateOne(
      { hash: hashOf(token) },
      { $set: { expiresAt: new Date(entry.expires) } },
    );
  }
}
