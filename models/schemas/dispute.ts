import { type InferSchemaType, Schema } from 'mongoose';
import { DISPUTE_REASONS, DISPUTE_STATUSES } from './common';

export const DisputeSchema = new Schema(
  {
    customer: { type: String, required: true },
    owner: { type: String, required: true },
    invoices: {
      type: [String],
      validate: [(v: unknown[]) => v.length > 0, 'a dispute names at least one invoice'],
    },
    /** Disputed amount in the invoice currency (minor units); absent → the whole invoice. */
    amount: Number,
    reason: { type: String, enum: DISPUTE_REASONS, required: true },
    detail: { type: String, default: '' },
    status: { type: String, enum: DISPUTE_STATUSES, default: 'open' },
    reviewOn: { type: Date, required: true },
    recordedBy: { type: String, required: true },
    operationKey: { type: String, required: true },
    resolvedAt: Date,
  },
  { timestamps: true },
);
DisputeSchema.index({ operationKey: 1, customer: 1 }, { unique: true });
DisputeSchema.index({ customer: 1, status: 1 });
DisputeSchema.index({ owner: 1, status: 1, reviewOn: 1 });

export type Dispute = InferSchemaType<typeof DisputeSchema>;
