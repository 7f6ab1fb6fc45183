/**
 * The development corpus of call notes (`call-notes.jsonl`: written in nine voices against the
 * demo ledger, each note with the structure a credit controller means) and how a parser is
 * scored on it, field by field. The split is deterministic: a note belongs to the held-out
 * third when the SHA-1 of its id is 0 modulo 3; the parser is tuned on the other two thirds.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CallNote } from '../../dialogs/call-note/note';

export interface CorpusNote {
  id: string;
  voice: string;
  lang: 'fr' | 'en' | 'mixed';
  text: string;
  expect: {
    customer: string | null;
    outcome: string | null;
    contact: string | null;
    promises: Array<{ amount: number | null; currency: string; rest: boolean; date: string | null }>;
    /** `detail`, when given, is a phrase of the note the recorded detail must contain verbatim. */
    disputes: Array<{ invoice: string; reason: string; detail?: string }>;
    callback: string | null;
    /** Whether Relance must ask a question rather than record. */
    asks: boolean;
  };
}

export function loadCorpus(): CorpusNote[] {
  return fs
    .readFileSync(path.join(__dirname, 'call-notes.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusNote);
}

export function isHeldOut(note: Pick<CorpusNote, 'id'>): boolean {
  return createHash('sha1').update(note.id).digest()[0]! % 3 === 0;
}

export const FIELDS = [
  'customer',
  'outcome',
  'contact',
  'promises',
  'disputes',
  'callback',
  'question',
] as const;

/** Each field right or wrong as a whole. */
export function fieldResults(
  got: CallNote,
  want: CorpusNote['expect'],
): Record<(typeof FIELDS)[number], boolean> {
  return {
    customer: got.customer === want.customer,
    outcome: got.outcome === want.outcome,
    contact: got.contact === want.contact,
    promises:
      got.promises.length === want.promises.length &&
      want.promises.every((p, i) => {
        const g = got.promises[i]!;
        return g.amount === p.amount && g.date === p.date && g.currency === p.currency && g.rest === p.rest;
      }),
    disputes:
      got.disputes.length === want.disputes.length &&
      want.disputes.every((d, i) => {
        const g = got.disputes[i]!;
        return g.invoice === d.invoice && g.reason === d.reason && (!d.detail || g.detail.includes(d.detail));
      }),
    callback: got.callback === want.callback,
    question: (got.question !== null) === want.asks,
  };
}

export interface Score {
  notes: number;
  right: number;
  total: number;
  accuracy: number;
  /** Notes that must ask and did not. */
  silent: string[];
  misses: string[];
}

export function score(notes: CorpusNote[], parse: (n: CorpusNote) => CallNote): Score {
  let right = 0;
  let total = 0;
  const silent: string[] = [];
  const misses: string[] = [];
  for (const n of notes) {
    const got = parse(n);
    for (const [field, ok] of Object.entries(fieldResults(got, n.expect))) {
      total++;
      if (ok) right++;
      else {
        const key = field === 'question' ? 'question' : field;
        const want = field === 'question' ? n.expect.asks : (n.expect as Record<string, unknown>)[key];
        misses.push(
          `${n.id} ${field}: "${n.text}" → ${JSON.stringify((got as Record<string, unknown>)[key])} (want ${JSON.stringify(want)})`,
        );
      }
    }
    if (n.expect.asks && got.question === null) silent.push(n.id);
  }
  return { notes: notes.length, right, total, accuracy: total ? right / total : 0, silent, misses };
}
