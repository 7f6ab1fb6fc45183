import { type InferSchemaType, Schema } from 'mongoose';

/** The team's policy, one document (key "default"); see models/rules/policy.ts for its meaning. */
export const PolicySchema = new Schema(
  {
    key: { type: String, required: true, unique: true, default: 'default' },
    ladder: { type: [Schema.Types.Mixed], required: true },
    reminderCap: { max: { type: Number, default: 3 }, withinDays: { type: Number, default: 30 } },
    minBusinessDaysBetweenSteps: { type: Number, default: 3 },
    promiseGraceDays: { type: Number, default: 2 },
    largeInvoiceThreshold: { type: Schema.Types.Mixed, default: {} },
    country: { type: String, default: 'FR' },
    timeZone: { type: String, default: 'Europe/Paris' },
    defaultLocale: { type: String, enum: ['fr', 'en'], default: 'fr' },
    limitationWarningDays: { type: Number, default: 180 },
    disputeReviewBusinessDays: { type: Number, default: 5 },
    deadlineGraceDays: { type: Number, default: 2 },
    /** Empty: the defaults (formal notice and hand-over need a manager). */
    managerApprovalSteps: { type: [String], default: undefined },
    approvalOverdueBusinessDays: { type: Number, min: 0, max: 60 },
    formalNoticeDays: { type: Number, min: 8, max: 15, default: 15 },
    eurExchangeRates: { type: Schema.Types.Mixed, default: {} },
    handoverPartner: String,
    salesRepStep: { enabled: Boolean, offsetDays: Number },
    insurerDeclaration: { afterDueDays: Number, warningDays: Number },
  },
  { timestamps: true },
);

export type PolicyDoc = InferSchemaType<typeof PolicySchema>;
