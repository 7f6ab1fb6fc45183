import { type InferSchemaType, Schema } from 'mongoose';

/**
 * Where to reach a person proactively (the digest, follow-ups): the Bot Framework
 * conversation reference of their Teams chat, or their web chat conversation. Stored on first
 * contact and on install, refreshed on every message.
 */
export const ConversationRefSchema = new Schema(
  {
    staff: { type: String, required: true },
    // `teams-group`: the latest group chat or channel they wrote from, kept apart so that it
    // never replaces their personal chat (where proactive messages go).
    channel: { type: String, enum: ['teams', 'teams-group', 'web', 'slack'], required: true },
    ref: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true },
);
ConversationRefSchema.index({ staff: 1, channel: 1 }, { unique: true });

/**
 * Channel events already handled, by channel-prefixed id (teams:<activity id>,
 * slack:<event_id>): a platform's redelivery of the same event is recognised and skipped.
 */
export const ProcessedEventSchema = new Schema({
  key: { type: String, required: true },
  at: { type: Date, required: true },
  /** Purged after this (TTL index): platforms redeliver within minutes, not weeks. */
  expiresAt: { type: Date },
});
ProcessedEventSchema.index({ key: 1 }, { unique: true });
ProcessedEventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type ConversationRef = InferSchemaType<typeof ConversationRefSchema>;
export type ProcessedEvent = InferSchemaType<typeof ProcessedEventSchema>;
