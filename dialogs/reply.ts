/**
 * Everything Relance says, in one small channel-neutral vocabulary. Dialogs build these;
 * bot/ renders them as Block Kit, Adaptive Cards or terminal text. Dialogs never build channel
 * JSON. Buttons carry a typed payload, validated with zod when it comes back.
 */
import { z } from 'zod';
import type { Bucket } from '../models/rules/aging';
import type { Totals } from '../models/rules/money';
import type { Lang } from './turn';

const WorklistPayload = z.object({
  type: z.literal('worklist'),
  forStaff: z.string().optional(),
  date: z.string().optional(),
  top: z.number().int().positive().optional(),
  minOverdue: z.number().int().positive().optional(),
});
const DigestDetailsPayload = z.object({
  type: z.literal('digest_details'),
  staff: z.string().min(1),
  date: z.string(),
});
// One list of a digest, opened from its count (promises broken, payments received…).
const DigestListPayload = z.object({
  type: z.literal('digest_list'),
  staff: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  list: z.string().min(1).max(40),
});
const DraftsQueuePayload = z.object({
  type: z.literal('drafts_queue'),
  status: z.string().max(40).optional(),
});

/** A request that answers with a list, asked again for its next page (see `page`). */
export const ListSource = z.discriminatedUnion('type', [
  WorklistPayload,
  DigestDetailsPayload,
  DigestListPayload,
  DraftsQueuePayload,
]);
export type ListSource = z.infer<typeof ListSource>;

export const ActionPayload = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call_script'), customer: z.string().min(1) }),
  z.object({ type: z.literal('log_outcome'), customer: z.string().min(1) }),
  z.object({
    type: z.literal('snooze'),
    customer: z.string().min(1),
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  z.object({ type: z.literal('show_customer'), customer: z.string().min(1) }),
  z.object({ type: z.literal('draft_next'), customer: z.string().min(1) }),
  WorklistPayload,
  DigestDetailsPayload,
  DigestListPayload,
  // The next entries of a long list: the request that made it, which list, from which entry.
  z.object({
    type: z.literal('page'),
    source: ListSource,
    list: z.number().int().min(0).max(50),
    offset: z.number().int().min(1).max(10_000),
  }),
  // A call note awaiting confirmation, by its operation key.
  // `promise`: what happens to the customer's pending promise (asked before Confirm).
  z.object({
    type: z.literal('confirm_note'),
    log: z.string().min(1),
    promise: z.enum(['replace', 'add']).optional(),
  }),
  z.object({ type: z.literal('edit_note'), log: z.string().min(1) }),
  z.object({ type: z.literal('cancel_note'), log: z.string().min(1) }),
  z.object({ type: z.literal('note_customer'), log: z.string().min(1), customer: z.string().min(1) }),
  // The answer to "which one?" for a request about a customer, and the commands offered when
  // a message was not understood.
  z.object({
    type: z.literal('customer_request'),
    request: z.enum(['invoices', 'history', 'card', 'letter']),
    customer: z.string().min(1),
  }),
  z.object({ type: z.literal('command'), command: z.enum(['worklist', 'drafts', 'digest', 'help', 'undo']) }),
  // A stored draft, by its key. An edit carries the form's fields (subject, body with blank
  // lines between paragraphs); without them it asks for the form.
  // Decisions name the version they were pressed on: an older one is refused (a newer exists).
  z.object({ type: z.literal('show_draft'), draft: z.string().min(1) }),
  z.object({
    type: z.literal('approve_draft'),
    draft: z.string().min(1),
    version: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('reject_draft'),
    draft: z.string().min(1),
    version: z.number().int().positive().optional(),
    reason: z.string().max(1000).optional(),
  }),
  // A letter to post was posted: its registered-mail number (the form's field).
  z.object({
    type: z.literal('posted_draft'),
    draft: z.string().min(1),
    number: z.string().max(60).optional(),
  }),
  // The drafts queue: waiting for approval (a manager: the team's), or another status.
  DraftsQueuePayload,
  z.object({ type: z.literal('regenerate_draft'), draft: z.string().min(1) }),
  // The drafter's warnings read: approval is refused until then.
  z.object({ type: z.literal('acknowledge_warnings'), draft: z.string().min(1) }),
  z.object({
    type: z.literal('edit_draft'),
    draft: z.string().min(1),
    subject: z.string().max(300).optional(),
    body: z.string().max(20000).optional(),
  }),
]);
export type ActionPayload = z.infer<typeof ActionPayload>;

/**
 * Payloads that decide on the message they came from (confirm a note, approve a draft…):
 * channels replace that message with the answer, so nobody presses its buttons twice.
 */
export const DECISION_ACTIONS: ReadonlySet<ActionPayload['type']> = new Set<ActionPayload['type']>([
  'confirm_note',
  'cancel_note',
  'edit_note',
  'note_customer',
  'approve_draft',
  'reject_draft',
  'regenerate_draft',
  'posted_draft',
  'acknowledge_warnings',
]);

export interface Action {
  label: string;
  payload: ActionPayload;
  style?: 'primary' | 'danger';
}

export interface Fact {
  label: string;
  value: string;
}

export interface ListEntry {
  rank: number;
  title: string;
  /** One line: why this one. */
  why: string;
  facts: Fact[];
  actions: Action[];
}

export interface AgedTable {
  /** One row per currency: the bucket amounts, formatted. */
  rows: Array<{ currency: string; cells: Record<Bucket | 'total', string> }>;
  headers: Record<Bucket | 'total', string>;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  /**
   * A ranked list. `source` is a request whose answer's first list is this one, in the same
   * order, so a channel that shows it in pages can offer "next 10" (a `page` action); `page`
   * says which list of the source's answer this is and where it starts, on a later page
   * (see dialogs/pages.ts).
   */
  | { kind: 'list'; entries: ListEntry[]; source?: ListSource; page?: { list: number; offset: number } }
  | { kind: 'aged'; table: AgedTable }
  | { kind: 'actions'; actions: Action[] }
  /** Fields a person fills in and submits with one action (the channel renders a form or modal). */
  | { kind: 'form'; fields: FormField[]; submit: Action }
  /** Links to open (a letter's PDF, a sent mail): signed and expiring, served by Relance. */
  | { kind: 'links'; links: Array<{ label: string; url: string }> };

export interface FormField {
  /** The payload key the value is sent under (e.g. "subject", "body"). */
  id: 'subject' | 'body' | 'reason' | 'number';
  label: string;
  value: string;
  multiline?: boolean;
}

export interface Section {
  title?: string;
  blocks: Block[];
}

/**
 * How a reply is delivered — declared by the dialogs and the turn pipeline, obeyed by the edges
 * (which only render and deliver).
 */
export interface Delivery {
  /** Replaces the message whose button was pressed (a decision), for everyone who sees it. */
  replacesOrigin?: boolean;
  /** Answers a press that counts once: a second press of the same button is skipped. */
  once?: boolean;
  /** Finishes slow work: it takes the place of the placeholder (or typing indicator) shown meanwhile. */
  slow?: boolean;
  /** For the person who acted only (Slack: an ephemeral message; elsewhere a new message to them). */
  ephemeral?: boolean;
  /** A refused decision: nothing was done and nothing consumed (the button still works for others). */
  refused?: boolean;
}

export interface Reply {
  /** What notification previews and screen readers show. */
  summary: string;
  title?: string;
  sections: Section[];
  /** The language it is written in (the pipeline sets the turn's when a dialog did not). */
  lang?: Lang;
  delivery?: Delivery;
  /** A draft's card: which draft, in which state (edges record where it was posted; see live-cards). */
  card?: { draft: string; shown: string };
}

/** A titled reply of one section (the title is also what notifications show). */
export function titledReply(title: string, blocks: Block[]): Reply {
  return { summary: title, title, sections: [{ blocks }] };
}

/** A reply that is just a sentence. */
export function textReply(text: string): Reply {
  return { summary: text, sections: [{ blocks: [{ kind: 'text', text }] }] };
}

/** A decision refused (not theirs, not allowed, changed meanwhile): said to the presser only. */
export function refusedReply(text: string): Reply {
  return { ...textReply(text), delivery: { refused: true, ephemeral: true } };
}

/** Totals as plain data for JSON outputs (minor units per currency). */
export type { Totals };
