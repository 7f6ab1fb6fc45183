import { type InferSchemaType, Schema } from 'mongoose';

export const DRAFT_STATUSES = [
  /** Passed the guards; waiting for a person. */
  'awaiting_approval',
  /** Edited by a person and passed the guards again; waiting for approval. */
  'edited',
  /** The latest version failed a guard: it cannot be approved until edited or regenerated. */
  'blocked',
  'approved',
  'rejected',
  'sent',
] as const;

/** A draft someone still has to act on (approve, edit, reject or regenerate). */
export const OPEN_DRAFT_STATUSES = ['awaiting_approval', 'edited', 'blocked'] as const;

const VersionSchema = new Schema(
  {
    n: { type: Number, required: true },
    /** The DraftContent (subject, paragraphs, invoice table, deadline…), validated by zod. */
    content: { type: Schema.Types.Mixed, required: true },
    /** "template", the LLM's label, or "edit". */
    source: { type: String, required: true },
    /** Why the LLM's draft was replaced by the template, when it was. */
    fallback: String,
    /** The fact and tone guards' results on this version. */
    guards: { type: Schema.Types.Mixed, required: true },
    author: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A letter, email or call script for one ladder step of one customer, with the facts it was
 * written from, every version (an edit is a new version, guarded again) and its decision.
 * `key` is the operation that asked for it: asking twice (a retry) returns the same draft.
 */
export const DraftSchema = new Schema(
  {
    key: { type: String, required: true },
    customer: { type: String, required: true },
    owner: { type: String, required: true },
    step: { type: String, required: true },
    kind: { type: String, required: true },
    lang: { type: String, enum: ['fr', 'en'], required: true },
    status: { type: String, enum: DRAFT_STATUSES, required: true },
    /** The DraftFacts at drafting time: what the guards check every version against. */
    inputs: { type: Schema.Types.Mixed, required: true },
    versions: { type: [VersionSchema], default: [] },
    requestedBy: { type: String, required: true },
    /** Who read the drafter's warnings, when, and which (dialogs/drafting/approval-gate.ts). */
    warningsAcknowledged: { type: Schema.Types.Mixed },
    decidedBy: String,
    decidedAt: Date,
    sentAt: Date,
  },
  { timestamps: true },
);
DraftSchema.index({ key: 1 }, { unique: true });
DraftSchema.index({ owner: 1, status: 1 });
DraftSchema.index({ customer: 1, step: 1, status: 1 });

export type Draft = InferSchemaType<typeof DraftSchema>;
