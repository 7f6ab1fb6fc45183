import { type InferSchemaType, Schema } from 'mongoose';
import { CURRENCY, INVOICE_STATUSES, MINOR_UNITS } from './common';

const AllocationSchema = new Schema(
  { payment: { type: String, required: true }, date: { type: Date, required: true }, amount: MINOR_UNITS },
  { _id: false },
);
const CreditSchema = new Schema(
  { reference: { type: String, required: true }, date: { type: Date, required: true }, amount: MINOR_UNITS },
  { _id: false },
);

export const InvoiceSchema = new Schema(
  {
    number: { type: String, required: true, unique: true, trim: true },
    customer: { type: String, required: true }, // customer reference
    owner: { type: String, required: true }, // the customer's owner, kept here for portfolio queries
    currency: CURRENCY,
    amount: { ...MINOR_UNITS, min: 0 },
    issueDate: { type: Date, required: true },
    dueDate: { type: Date, required: true },
    /** "Amount paid" as the accounting export states it (undated). */
    exportedPaid: { type: Number, default: 0 },
    /** Payments applied here, each once (keyed by payment reference). */
    allocations: { type: [AllocationSchema], default: [] },
    credits: { type: [CreditSchema], default: [] },
    /** max(exportedPaid, allocations): the same money reported twice is counted once. */
    amountPaid: { type: Number, default: 0 },
    status: { type: String, enum: INVOICE_STATUSES, default: 'open' },
    disputedAmount: { type: Number, default: 0 },
    /** The last step really performed (sent, posted, or a call logged), when, and the deadline it gave. */
    ladder: {
      step: String,
      on: Date,
      deadline: Date,
    },
  },
  { timestamps: true },
);
InvoiceSchema.index({ customer: 1, status: 1 });
InvoiceSchema.index({ owner: 1, status: 1, dueDate: 1 });
InvoiceSchema.index({ status: 1, dueDate: 1 });

export type Invoice = InferSchemaType<typeof InvoiceSchema>;
