import { type InferSchemaType, Schema } from 'mongoose';

/**
 * Where a draft's card was posted, so that every card of it can say what became of it (one
 * live card per draft): a Slack message (channel + ts), a Teams activity (conversation
 * reference + activity id), a web chat activity (conversation + activity id). `place` is the
 * channel's own id of the message (`<channel or conversation>:<ts or activity id>`), the same
 * one a press on it carries as its origin. Written by idempotent upserts on (draft, place).
 */
export const CardRefSchema = new Schema(
  {
    /** The draft's key. */
    draft: { type: String, required: true },
    channel: { type: String, enum: ['slack', 'teams', 'web'], required: true },
    place: { type: String, required: true },
    /** What the channel needs to update it (Slack {channel, ts}; Bot Framework {reference, activityId}). */
    ref: { type: Schema.Types.Mixed, required: true },
    /** The language the card was shown in. */
    lang: { type: String, enum: ['fr', 'en'], required: true },
    /** The draft's state the card shows (`<status>:v<versions>`). */
    shown: { type: String, required: true },
    /** The draft changed and this card could not be updated yet (no edge in that process, a failure). */
    stale: { type: Boolean, default: false },
    failures: { type: Number, default: 0 },
  },
  { timestamps: true },
);
CardRefSchema.index({ draft: 1, place: 1 }, { unique: true });
CardRefSchema.index({ stale: 1, channel: 1 });

export type CardRef = InferSchemaType<typeof CardRefSchema>;
