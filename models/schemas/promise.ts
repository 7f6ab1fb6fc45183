import { type InferSchemaType, Schema } from 'mongoose';
import { CURRENCY, MINOR_UNITS, PROMISE_STATUSES } from './common';

const InstalmentSchema = new Schema(
  {
    date: { type: Date, required: true },
    amount: MINOR_UNITS,
    currency: CURRENCY,
    status: { type: String, enum: ['pending', 'kept', 'partially_kept', 'broken'], default: 'pending' },
    paidToward: { type: Number, default: 0 },
  },
  { _id: false },
);

export const PaymentPromiseSchema = new Schema(
  {
    customer: { type: String, required: true },
    owner: { type: String, required: true },
    invoices: { type: [String], default: [] },
    instalments: {
      type: [InstalmentSchema],
      validate: [(v: unknown[]) => v.length > 0, 'a promise has at least one instalment'],
    },
    status: { type: String, enum: PROMISE_STATUSES, default: 'pending' },
    /** The day it was given: payments from then on count toward it. */
    givenOn: { type: Date, required: true },
    recordedBy: { type: String, required: true },
    /** The message it came from (the operation that recorded it). */
    operationKey: { type: String, required: true },
    judgedAt: Date,
  },
  { timestamps: true },
);
PaymentPromiseSchema.index({ operationKey: 1, customer: 1 }, { unique: true });
PaymentPromiseSchema.index({ customer: 1, status: 1 });
PaymentPromiseSchema.index({ owner: 1, status: 1 });

export type PaymentPromise = InferSchemaType<typeof PaymentPromiseSchema>;
