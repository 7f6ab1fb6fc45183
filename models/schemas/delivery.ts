import { type InferSchemaType, Schema } from 'mongoose';

/**
 * Outward messages the scheduler sends (a digest, a broken promise, a dispute to review…),
 * one per key (job, person, day or matter). Recorded as `sending` before the channel is
 * called and `sent` after, so a job run twice — two instances, a retry, an expired lock —
 * never sends twice; a record left in `sending` by a crash is never re-sent (`uncertain`).
 */
export const DELIVERY_STATUSES = [
  'sending',
  'sent',
  /** The channel failed: retried with backoff from `nextAttemptAt`. */
  'failed',
  /** Failed too often: given up, visible in /readyz and the logs. */
  'abandoned',
  /** A crash happened between calling the channel and recording it: not re-sent. */
  'uncertain',
  /** Nobody reachable (no Slack, Teams or open web chat): kept for their web chat inbox. */
  'inbox',
  /** Nothing to say any more when it was time (the matter was settled): nothing sent. */
  'skipped',
] as const;

export const DeliverySchema = new Schema(
  {
    key: { type: String, required: true },
    job: { type: String, required: true },
    staff: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    channel: String,
    lastError: String,
    nextAttemptAt: Date,
    sentAt: Date,
    /** The reply, kept for the inbox (JSON of a dialogs Reply). */
    reply: { type: Schema.Types.Mixed },
  },
  { timestamps: true },
);
DeliverySchema.index({ key: 1 }, { unique: true });
DeliverySchema.index({ status: 1, nextAttemptAt: 1 });
DeliverySchema.index({ staff: 1, status: 1 });

export type Delivery = InferSchemaType<typeof DeliverySchema>;

/** What each job did last, for `relance jobs` and /readyz. */
export const JobStateSchema = new Schema(
  {
    name: { type: String, required: true },
    lastRunAt: Date,
    lastFinishedAt: Date,
    lastResult: String,
    lastError: String,
    /** The day a once-a-day job (the escalation sweep) last completed. */
    doneFor: String,
  },
  { timestamps: true },
);
JobStateSchema.index({ name: 1 }, { unique: true });

export type JobState = InferSchemaType<typeof JobStateSchema>;
