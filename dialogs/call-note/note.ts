/**
 * What Relance understood from a call note: the contract of `relance parse-note` and the
 * structure any parser (offline rules or the LLM) must produce, validated with zod (the schema
 * itself is `prompts/call-note.ts`, beside its prompt).
 */
import type { CallNote } from '../../prompts/call-note';

export { CallNote, NoteDispute, NotePromise, OUTCOMES } from '../../prompts/call-note';

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
