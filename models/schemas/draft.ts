import { type InferSchemaType, Schema } from 'mongoose';

export const DRAFT_STATUSES = [
  /** Passed the guards; waiting for a person. */
  'awaiting_approval',
  /** Edited by a person and passed the guards again; waiting for approval. */
  'edited',
  /** The latest version failed a guard: it cannot be approved until edited or regenerated. */
  'blocked',
  'approved',
  /** Claimed by one sender (the SMTP call is under way). */
  'sending',
  /** Sent, with its proof (SMTP message id, registered mail number, or "handed to post"). */
  'sent',
  /** The last send failed (SMTP down): retried with backoff, sent once when it comes back. */
  'failed',
  /** Its facts changed (a payment, a dispute, a promise) before it went out: never sent. */
  'superseded',
  'rejected',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** A draft someone still has to act on (approve, edit, reject or regenerate). */
export const OPEN_DRAFT_STATUSES = ['awaiting_approval', 'edited', 'blocked'] as const;

/** A draft that holds its ladder step: waiting, approved, on its way or sent (the sweep never drafts it again). */
export const LIVE_DRAFT_STATUSES = [...OPEN_DRAFT_STATUSES, 'approved', 'sending', 'failed', 'sent'] as const;

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
    /** When it was drafted, by the product's clock (createdAt is the database's wall clock). */
    draftedAt: Date,
    /** Who read the drafter's warnings, when, and which (dialogs/drafting/approval-gate.ts). */
    warningsAcknowledged: { type: Schema.Types.Mixed },
    decidedBy: String,
    decidedAt: Date,
    /** The version approved (what is sent, edits included). */
    approvedVersion: Number,
    rejectReason: String,
    /** Why it was superseded (its facts changed), and by which draft when a fresh one was made. */
    supersededReason: String,
    /** What changed, per invoice ({invoice, what: paid | part_paid | disputed | promised}). */
    changes: { type: Schema.Types.Mixed },
    /** Short id people and scripts use (`relance approve <id>`). */
    ref: String,
    /** The invoice numbers it presses (queries: the ladder, the sweep). */
    invoices: { type: [String], default: [] },
    /** email: sent by SMTP (or the local outbox); post: a "to post" task until its number is entered. */
    delivery: { type: String, enum: ['email', 'post', 'none'] },
    sentAt: Date,
    /** The day it counts from on the ladder (the day it was sent or posted). */
    sentOn: String,
    proof: {
      kind: { type: String, enum: ['smtp', 'outbox', 'registered', 'post'] },
      /** SMTP message id, outbox file, or registered mail number. */
      id: String,
      to: String,
      /** The local outbox file, when the mail went there. */
      file: String,
    },
    lastError: String,
  },
  { timestamps: true },
);
DraftSchema.index({ key: 1 }, { unique: true });
DraftSchema.index({ owner: 1, status: 1 });
DraftSchema.index({ customer: 1, step: 1, status: 1 });
DraftSchema.index({ ref: 1 }, { unique: true, sparse: true });
DraftSchema.index({ invoices: 1, step: 1 });

export type Draft = InferSchemaType<typeof DraftSchema>;
