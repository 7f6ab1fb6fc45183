import { type InferSchemaType, Schema } from 'mongoose';
import { LANGUAGES, MoneySchema } from './common';

const ContactSchema = new Schema(
  {
    name: { type: String, required: true },
    /** How letters greet them: "mr" (Monsieur, Mr) or "ms" (Madame, Ms); unknown → read from the name. */
    civility: { type: String, enum: ['mr', 'ms'] },
    role: String,
    email: String,
    phone: String,
    preferredChannel: { type: String, enum: ['phone', 'email', 'letter'], default: 'phone' },
    usual: { type: Boolean, default: false },
  },
  { _id: false },
);

const HandoverSchema = new Schema(
  {
    /** The agency or commissaire de justice (absent: not named in the policy). */
    partner: String,
    approvedBy: { type: String, required: true },
    since: { type: Date, required: true },
    /** The hand-over draft whose approval did it. */
    draft: String,
  },
  { _id: false },
);

export const CustomerSchema = new Schema(
  {
    reference: { type: String, required: true, unique: true, trim: true },
    name: { type: String, required: true, trim: true },
    legalId: String, // SIREN or VAT number
    language: { type: String, enum: LANGUAGES, default: 'fr' },
    timeZone: { type: String, default: 'Europe/Paris' },
    /** When the customer can be called, in its own time zone. */
    businessHours: {
      start: { type: String, default: '09:00' },
      end: { type: String, default: '18:00' },
    },
    contacts: { type: [ContactSchema], default: [] },
    creditLimit: { type: MoneySchema, default: undefined },
    riskNotes: String,
    strategic: { type: Boolean, default: false },
    owner: { type: String, required: true, lowercase: true }, // staff handle
    salesRep: { type: String, lowercase: true },
    paymentTermsDays: { type: Number, default: 30, min: 0, max: 120 },
    /** Annual late-penalty rate of the terms of sale (percent); absent → legal default. */
    penaltyRatePct: { type: Number, min: 0 },
    consumer: { type: Boolean, default: false },
    /** A call-back someone asked for (from a logged call), and a snooze set from the worklist. */
    callbackOn: Date,
    snoozedUntil: Date,
    address: { lines: [String], postalCode: String, city: String, country: { type: String, default: 'FR' } },
    /**
     * With a collection partner since a manager approved the hand-over: off the ladder and the
     * call lists (payments still settle it). Absent while collection is amicable.
     */
    handover: { type: HandoverSchema, default: undefined },
  },
  { timestamps: true },
);
CustomerSchema.index({ owner: 1, reference: 1 });

export type Customer = InferSchemaType<typeof CustomerSchema>;
