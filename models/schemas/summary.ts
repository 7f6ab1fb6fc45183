import { type InferSchemaType, Schema } from 'mongoose';

/**
 * One small document per customer with what the worklist and digest need: its open invoices in
 * compact form, promises, last contact, reminders. Kept up to date on write: writers bump `seq`
 * and raise `dirty` (cheap), and a reader refreshes the dirty summaries before using them — so a
 * request reads ~one document per customer, never every invoice. `dirty` is indexed so that
 * finding stale summaries is a lookup, not a scan; `cleanSeq` is the `seq` a refresh saw.
 */
export const CustomerSummarySchema = new Schema(
  {
    customer: { type: String, required: true, unique: true },
    owner: { type: String, required: true },
    seq: { type: Number, default: 1 },
    cleanSeq: { type: Number, default: 0 },
    dirty: { type: Boolean, default: true },
    /** When a refresh last rewrote it: readers that cache summaries re-read what changed since. */
    refreshedAt: Date,
    name: String,
    language: String,
    timeZone: String,
    strategic: Boolean,
    businessHours: { start: String, end: String },
    creditLimit: { amount: Number, currency: String },
    contact: { name: String, phone: String, email: String },
    /** Open invoices: number, currency, outstanding, chaseable (not disputed), due date, ladder step. */
    open: [
      {
        _id: false,
        n: String,
        cur: String,
        amt: Number,
        ch: Number,
        due: String,
        issued: String,
        step: String,
        stepOn: String,
      },
    ],
    /** Pending promises, and those judged in the last 30 days. */
    promises: [
      { _id: false, status: String, dates: [String], amount: Number, currency: String, judgedOn: String },
    ],
    lastContact: { on: String, kind: String, outcome: String, author: String },
    /** Letters and emails of the last 60 days (reminder cap). */
    reminders: [String],
    openDisputes: Number,
    callbackOn: String,
    snoozedUntil: String,
    /** The day it was handed over to a collection partner (absent while amicable). */
    handedOverOn: String,
  },
  { timestamps: true },
);
CustomerSummarySchema.index({ owner: 1 });
CustomerSummarySchema.index({ dirty: 1 });
CustomerSummarySchema.index({ refreshedAt: 1 });

export type CustomerSummary = InferSchemaType<typeof CustomerSummarySchema>;
