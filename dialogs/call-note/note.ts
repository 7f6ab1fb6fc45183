/**
 * What Relance understood from a call note: the contract of `relance parse-note` and the
 * structure any parser (offline rules or the LLM) must produce, validated with zod.
 */
import { z } from 'zod';
import { DISPUTE_REASONS } from '../../models/schemas/common';

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

/** What a parser knows of the ledger: the customers and their open invoices. */
export interface NoteDirectory {
  customers: Array<{
    reference: string;
    name: string;
    currency: string;
    /** The customer's own people, recognised in notes by name, first name or role. */
    contacts?: Array<{ name: string; role?: string | null }>;
  }>;
  invoices: Array<{ number: string; customer: string; currency: string; outstanding: number }>;
}

export interface NoteContext {
  /** When the note is written: relative dates count from here, in the team's time zone. */
  now: Date;
  timeZone: string;
  country: string;
  /** The writer's language, when the note itself does not tell. */
  lang: 'fr' | 'en';
  directory: NoteDirectory;
  /** The customer, when the person already said which (answering "which customer?"). */
  customer?: string;
  /** Checks the person overrode by answering Relance's question (e.g. "amount"). */
  accepted?: string[];
}

/** A question Relance asks instead of guessing; its kind tells how to read the answer. */
export interface NoteQuestion {
  /** `other`: a question the LLM asked that the ledger checks did not. */
  kind: 'customer' | 'invoice' | 'date' | 'amount' | 'dispute_invoice' | 'callback' | 'other';
  text: string;
  /** Customer references to offer as buttons (ambiguous names). */
  candidates: string[];
}

export interface NoteReading {
  note: CallNote;
  question: NoteQuestion | null;
}
