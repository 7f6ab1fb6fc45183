import { type InferSchemaType, Schema } from 'mongoose';

/** What each delivered digest said, so the next one can show the change since. */
export const DigestRecordSchema = new Schema(
  {
    staff: { type: String, required: true },
    on: { type: String, required: true }, // LocalDate
    total: { type: Schema.Types.Mixed, default: {} },
    overdue: { type: Schema.Types.Mixed, default: {} },
    /** What the person's portfolio looked like (DigestSnapshot): the next digest's "what changed". */
    snapshot: { type: Schema.Types.Mixed },
    sentAt: Date,
  },
  { timestamps: true },
);
DigestRecordSchema.index({ staff: 1, on: 1 }, { unique: true });

export type DigestRecord = InferSchemaType<typeof DigestRecordSchema>;
