import { type InferSchemaType, Schema } from 'mongoose';

export const CALL_LOG_STATUSES = [
  /** Understood, shown with Confirm / Edit / Cancel. */
  'awaiting_confirmation',
  /** Relance asked a question (which customer, which date…); the next message answers it. */
  'awaiting_answer',
  /** "Log outcome" pressed on a customer: the next message is the note about them. */
  'awaiting_note',
  /** Edit pressed: the next message replaces this note. */
  'editing',
  /** Confirm pressed; recording in progress (or interrupted: completed on the next start). */
  'confirmed',
  'recorded',
  'cancelled',
  /** Replaced by a corrected or newer note. */
  'superseded',
  /** Left unrecorded: the person moved on to another request while Relance's question waited. */
  'abandoned',
  /** Recorded, then undone the same day: a reversal is in the trail, nothing was deleted. */
  'reversed',
] as const;

/**
 * A call note as typed in chat, what Relance understood of it, and where it stands. Its `key`
 * (the channel-prefixed id of the message) is the operation key of everything recording it
 * writes: a second Confirm, a retried request or a restart after a crash complete the same
 * operation instead of recording twice.
 */
export const CallLogSchema = new Schema(
  {
    key: { type: String, required: true },
    staff: { type: String, required: true },
    channel: { type: String, required: true },
    lang: { type: String, enum: ['fr', 'en'], required: true },
    /** The note, with any answers to Relance's questions appended ('' until it is typed). */
    text: { type: String, default: '' },
    /** The customer, once the person said which (a button, an answer): not read from the text. */
    customer: String,
    /** The understood CallNote (validated by zod before it is stored and when it is read). */
    note: { type: Schema.Types.Mixed },
    /** Which parser understood it ("offline" or the LLM's label), and why the LLM was not used. */
    source: String,
    fallback: String,
    status: { type: String, enum: CALL_LOG_STATUSES, required: true },
    /** What the pending question is about, to read the answer. */
    questionKind: String,
    /** Customers offered when the name was ambiguous. */
    candidates: { type: [String], default: [] },
    /** Checks the person overrode by answering ("yes, 12k is right"). */
    accepted: { type: [String], default: [] },
    writtenAt: { type: Date, required: true },
    confirmedBy: String,
    confirmedAt: Date,
    recordedAt: Date,
    /** What happens to the customer's pending promise: replaced (the default) or kept beside it. */
    promiseMode: { type: String, enum: ['replace', 'add'] },
    /** A sales rep's report, forwarded to the owner to confirm (the rep is named in the trail). */
    reportedBy: { type: new Schema({ handle: String, name: String }, { _id: false }), default: undefined },
    /** What recording wrote, for the reply and the trail. */
    result: { type: Schema.Types.Mixed },
  },
  { timestamps: true },
);
CallLogSchema.index({ key: 1 }, { unique: true });
CallLogSchema.index({ staff: 1, status: 1, writtenAt: -1 });
CallLogSchema.index({ status: 1 });

export type CallLog = InferSchemaType<typeof CallLogSchema>;
