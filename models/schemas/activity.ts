import { type InferSchemaType, Schema } from 'mongoose';
import { ACTIVITY_KINDS, CHANNELS } from './common';

/**
 * The documented trail, usable in court: every call, letter, email, promise, dispute,
 * approval, escalation and import, with author, channel, time and outcome. Append-only:
 * nothing in the product updates or deletes an activity.
 */
export const ActivitySchema = new Schema(
  {
    customer: { type: String }, // absent for portfolio-wide events (an import)
    invoices: { type: [String], default: [] },
    kind: { type: String, enum: ACTIVITY_KINDS, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    author: { type: String, required: true }, // staff handle or "relance"
    at: { type: Date, required: true },
    outcome: String,
    summary: { type: String, required: true },
    /** Unique per recorded fact: a retried operation never writes it twice. */
    key: { type: String, required: true },
    data: { type: Schema.Types.Mixed },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
ActivitySchema.index({ key: 1 }, { unique: true });
ActivitySchema.index({ customer: 1, at: -1 });
ActivitySchema.index({ author: 1, at: -1 });

export type Activity = InferSchemaType<typeof ActivitySchema>;
