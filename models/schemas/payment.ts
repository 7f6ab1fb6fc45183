import { type InferSchemaType, Schema } from 'mongoose';
import { CURRENCY, MINOR_UNITS } from './common';

export const PaymentSchema = new Schema(
  {
    reference: { type: String, required: true, unique: true, trim: true },
    customer: { type: String, required: true },
    date: { type: Date, required: true },
    currency: CURRENCY,
    amount: { ...MINOR_UNITS, min: 1 },
    invoiceNumbers: { type: [String], default: [] },
    /** How the amount was spread, decided once when the payment was first seen. */
    allocations: { type: [{ invoice: String, amount: Number, _id: false }], default: [] },
    unallocated: { type: Number, default: 0 },
  },
  { timestamps: true },
);
PaymentSchema.index({ customer: 1, date: 1 });

export type Payment = InferSchemaType<typeof PaymentSchema>;
