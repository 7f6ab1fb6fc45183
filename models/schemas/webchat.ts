import { type InferSchemaType, Schema } from 'mongoose';

/**
 * A Direct Line token of the web chat, by its SHA-256 (the token itself is never stored): who
 * it speaks for, the conversation it opened. Kept so that an open page survives a restart;
 * purged once expired (TTL index).
 */
export const WebChatTokenSchema = new Schema({
  hash: { type: String, required: true },
  /** The session's person (login mode); null in local development (the picker). */
  staff: { type: String, default: null },
  conversation: { type: String, default: null },
  /** Refreshed while the page polls, never past `until`. */
  expiresAt: { type: Date, required: true },
  /** The end of the session it was given under (null: none). */
  until: { type: Date, default: null },
});
WebChatTokenSchema.index({ hash: 1 }, { unique: true });
WebChatTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/**
 * A web chat login link already opened, by its nonce: a link opens one session, whichever
 * instance it reaches and across restarts. Purged when the link would have expired anyway.
 */
export const UsedLoginLinkSchema = new Schema({
  nonce: { type: String, required: true },
  staff: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});
UsedLoginLinkSchema.index({ nonce: 1 }, { unique: true });
UsedLoginLinkSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type WebChatToken = InferSchemaType<typeof WebChatTokenSchema>;
export type UsedLoginLink = InferSchemaType<typeof UsedLoginLinkSchema>;
