/**
 * What a draft is made of, whoever writes it (the templates or the LLM): the LLM's output
 * schema (strict-mode compatible: every field present, optional ones nullable) and the shape
 * the guards, the PDF and the chat cards read.
 */
import { z } from 'zod';

export const DRAFT_PROMPT = 'draft.md';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DraftInvoiceRow = z.object({
  number: z.string(),
  issueDate: Day,
  dueDate: Day,
  /** What is still owed on it, minor units. */
  amount: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  daysLate: z.number().int(),
});

export const CallScript = z.object({
  opening: z.string(),
  /** The facts to state: amounts, invoices, dates. */
  facts: z.array(z.string()),
  /** Questions to find the reason for the delay. */
  questions: z.array(z.string()),
  objections: z.array(z.object({ objection: z.string(), answer: z.string() })),
  /** What may be offered: instalments, waiving penalties against payment… */
  proposals: z.array(z.string()),
  /** Ends on a dated commitment. */
  closing: z.string(),
});

export const DraftContent = z.object({
  subject: z.string().min(1),
  greeting: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
  invoices: z.array(DraftInvoiceRow),
  /** The date by which payment is asked, when the step sets one. */
  deadline: Day.nullable(),
  closing: z.string().min(1),
  signature: z.string().min(1),
  /** For the person approving: why this tone, what to watch. */
  toneNotes: z.string().nullable(),
  /** Call scripts only. */
  script: CallScript.nullable(),
});

export type DraftContent = z.infer<typeof DraftContent>;
export type DraftInvoiceRow = z.infer<typeof DraftInvoiceRow>;
export type CallScript = z.infer<typeof CallScript>;
