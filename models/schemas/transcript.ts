import { type InferSchemaType, Schema } from 'mongoose';

/**
 * What a person's web chat showed, one document per message or card, so that reloading the
 * page shows the conversation again (bot/webchat/history.ts). Kept per person (the handle of
 * the server-side session), capped in number by the writer and in age by a TTL index.
 */
export const WebChatMessageSchema = new Schema({
  staff: { type: String, required: true },
  /** The Direct Line activity id: a card updated in place keeps its place in the history. */
  key: { type: String, required: true },
  /** Order of first writing. */
  seq: { type: Number, required: true },
  /** The activity as Web Chat received it, as JSON (cards hold `$schema`, not a storable field name). */
  json: { type: String, required: true },
  /** Purged after this (TTL index), counted from the last time the message was written. */
  expiresAt: { type: Date, required: true },
});
WebChatMessageSchema.index({ staff: 1, key: 1 }, { unique: true });
WebChatMessageSchema.index({ staff: 1, seq: -1 });
WebChatMessageSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type WebChatMessage = InferSchemaType<typeof WebChatMessageSchema>;
