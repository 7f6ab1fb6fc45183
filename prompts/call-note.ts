/**
 * The LLM's output for a call note — and the structure any parser (the offline rules or the
 * LLM) must produce: every field present, optional ones nullable (OpenAI's strict
 * structured-output mode requires that). The schema lives here, with its prompt, so that
 * `prompts/` never imports `dialogs/`; `dialogs/call-note/note.ts` re-exports it.
 */
import { z } from 'zod';
import { DISPUTE_REASONS } from '../models/schemas/common';

export const CALL_NOTE_PROMPT = 'call-note.md';

export const OUTCOMES = [
  'reached',
  'no_answer',
  'voicemail',
  'wrong_number',
  'refused',
  'call_back_requested',
] as const;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const NotePromise = z.object({
  /** Minor units; null when the promise is for "the rest" / "everything" or no amount was said. */
  amount: z.number().int().positive().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** "the rest", "le solde", "everything": the balance left after the other promises. */
  rest: z.boolean(),
  date: Day.nullable(),
  invoices: z.array(z.string()),
});

export const NoteDispute = z.object({
  invoice: z.string(),
  reason: z.enum(DISPUTE_REASONS),
  detail: z.string(),
});

export const CallNote = z.object({
  customer: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  contact: z.string().nullable(),
  promises: z.array(NotePromise),
  disputes: z.array(NoteDispute),
  callback: Day.nullable(),
  /** The question Relance asks instead of guessing (ambiguous customer, promise without date, …). */
  question: z.string().nullable(),
});
export type CallNote = z.infer<typeof CallNote>;
export type NotePromise = z.infer<typeof NotePromise>;
export type NoteDispute = z.infer<typeof NoteDispute>;

export const CallNoteOutput = CallNote;
