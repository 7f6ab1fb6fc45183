/**
 * The LLM's reading of a call note is checked like anything a user types: a hostile or
 * confused model must not put words in the note. Each check names what the note would have to
 * say for the model's field to stand; any failure falls the note back to the offline rules.
 * - the customer is named (name or reference), implied by an invoice the note names, or the
 *   one the conversation is about;
 * - every date is within a year from today (never 2999);
 * - a dispute is only on an invoice the note names;
 * - the contact's name is written in the note, and the outcome is the one the words support;
 * - the model's own question text is never shown (see clarifyQuestion).
 */
import { addDays, localDate } from '../../models/rules/dates';
import { say } from '../words/call-note';
import { findCustomer, findInvoices } from './directory-match';
import { fold, NAME_NOISE } from './lexicon';
import type { CallNote, NoteContext, NoteDirectory } from './note';
import { readNoteOffline } from './offline-parser';

/** How far ahead a promise or a call-back may be: amicable collection plans in weeks, not years. */
export const MAX_DAYS_AHEAD = 366;

const words = (s: string) =>
  fold(s)
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean);
const squash = (s: string) => fold(s).replace(/[^\p{L}\d]/gu, '');

/** Is this customer named by the note, implied by an invoice it names, or the conversation's? */
function customerSupported(reference: string, text: string, dir: NoteDirectory, ctx: NoteContext): boolean {
  if (ctx.customer === reference) return true;
  const invoices = findInvoices(text, dir).known;
  if (invoices.some((i) => i.customer === reference)) return true;
  const match = findCustomer(text, dir, invoices);
  if (match.kind === 'one' && match.customer === reference) return true;
  if (match.kind === 'several' && match.candidates.some((c) => c.reference === reference)) return true;
  const customer = dir.customers.find((c) => c.reference === reference);
  if (!customer) return false;
  const inNote = new Set(words(text));
  if (inNote.has(fold(reference))) return true;
  // A distinctive word of its name (not "SAS", "Ltd", …) written in the note.
  return words(customer.name).some((w) => w.length >= 4 && !NAME_NOISE.has(w) && inNote.has(w));
}

/** Every word of the contact's name is in the note ("Marie Dupont", "M. Martin"). */
function contactSupported(contact: string, text: string): boolean {
  const inNote = new Set(words(text));
  const name = words(contact).filter((w) => w.length >= 2);
  return name.length > 0 && name.every((w) => inNote.has(w));
}

/** An invoice number written in the note (spacing, case and dashes aside). */
function invoiceNamed(invoice: string, text: string, dir: NoteDirectory): boolean {
  if (findInvoices(text, dir).known.some((i) => i.number === invoice)) return true;
  const want = squash(invoice);
  return want.length >= 3 && squash(text).includes(want);
}

/** Why the model's reading cannot stand, or null when every field is backed by the note. */
export function llmNoteProblem(
  note: CallNote,
  text: string,
  dir: NoteDirectory,
  ctx: NoteContext,
): string | null {
  if (note.customer !== null && !customerSupported(note.customer, text, dir, ctx))
    return `the LLM named customer ${note.customer}, which the note does not name`;
  const today = localDate(ctx.now, ctx.timeZone);
  const latest = addDays(today, MAX_DAYS_AHEAD);
  for (const d of [...note.promises.map((p) => p.date), note.callback])
    if (d !== null && d > latest) return `the LLM read a date too far ahead (${d})`;
  for (const d of note.disputes)
    if (!invoiceNamed(d.invoice, text, dir))
      return `the LLM put a dispute on ${d.invoice}, an invoice the note does not name`;
  if (note.contact !== null && !contactSupported(note.contact, text))
    return `the LLM read a contact (${note.contact}) the note does not name`;
  if (note.outcome !== null) {
    const offline = readNoteOffline(text, ctx).note.outcome;
    const evidence = note.promises.length > 0 || note.disputes.length > 0 || note.contact !== null;
    if (note.outcome !== offline && !(note.outcome === 'reached' && evidence && offline === null))
      return `the LLM read the outcome "${note.outcome}", which the note's words do not support`;
  }
  return null;
}

/**
 * The question shown when the model found the note unclear and the ledger checks asked
 * nothing: ours, never the model's text (which could ask anything of the reader).
 */
export function clarifyQuestion(lang: 'fr' | 'en'): string {
  return say(lang, 'clarify');
}
