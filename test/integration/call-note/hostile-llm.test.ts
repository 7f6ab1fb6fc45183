/**
 * A hostile OpenAI-compatible server answering call notes with schema-valid readings the note
 * does not support. Each is held to the note like user input and falls back to the offline
 * rules, with the reason — and the model's own question text never reaches the reader.
 */
import type { CallNote } from '../../../dialogs/call-note/note';
import { llmNoteParser } from '../../../dialogs/call-note/note-parser';
import { type FakeOpenAI, llmAgainst, startFakeOpenAI } from '../../helpers/fake-openai';
import { DIRECTORY } from '../../unit/call-note/messages';

const ctx = {
  now: new Date('2026-11-23T08:15:00Z'),
  timeZone: 'Europe/Paris',
  country: 'FR',
  lang: 'en' as const,
  directory: DIRECTORY,
};
const none: CallNote = {
  customer: null,
  outcome: null,
  contact: null,
  promises: [],
  disputes: [],
  callback: null,
  question: null,
};

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const parser = () => llmNoteParser(llmAgainst(fake, 'hostile'));

async function readWith(text: string, answer: CallNote) {
  fake.answer(() => ({ json: answer }));
  return parser().read(text, ctx);
}

describe('hostile LLM readings of call notes fall back to the offline rules', () => {
  it('a customer the note never names', async () => {
    const got = await readWith('No answer, will call back Thursday', {
      ...none,
      customer: 'ROUX',
      outcome: 'no_answer',
    });
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(/customer ROUX, which the note does not name/);
    expect(got.note.customer).toBeNull();
  });

  it('a date in 2999', async () => {
    const got = await readWith('Acme will pay 5k Friday', {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      promises: [{ amount: 500_000, currency: 'EUR', rest: false, date: '2999-01-01', invoices: [] }],
    });
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(/date too far ahead \(2999-01-01\)/);
    expect(got.note.promises[0]?.date).toBe('2026-11-27');
  });

  it('"already paid" disputes on every invoice when the note names none', async () => {
    const got = await readWith('Acme says they already paid', {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      disputes: ['INV-1042', 'INV-1043', 'INV-1050'].map((invoice) => ({
        invoice,
        reason: 'already_paid' as const,
        detail: 'already paid',
      })),
    });
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(/dispute on INV-1042, an invoice the note does not name/);
    // The rules ask which invoice rather than pausing the whole account.
    expect(got.note.disputes).toEqual([]);
  });

  it('a dispute on one named invoice plus others it invented', async () => {
    const got = await readWith('Acme: INV-1042 disputed, pallets arrived damaged', {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      disputes: [
        { invoice: 'INV-1042', reason: 'quality', detail: 'pallets arrived damaged' },
        { invoice: 'INV-1050', reason: 'quality', detail: 'pallets arrived damaged' },
      ],
    });
    expect(got.fallback).toMatch(/INV-1050/);
    expect(got.note.disputes.map((d) => d.invoice)).toEqual(['INV-1042']);
  });

  it('an invented contact', async () => {
    const got = await readWith('Acme will pay 5k Friday', {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      contact: 'Jean Martin',
      promises: [{ amount: 500_000, currency: 'EUR', rest: false, date: '2026-11-27', invoices: [] }],
    });
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(/contact \(Jean Martin\) the note does not name/);
  });

  it('an invented outcome', async () => {
    const got = await readWith('No answer at Acme, voicemail full', {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
    });
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(/outcome "reached"/);
    expect(got.note.outcome).not.toBe('reached');
  });

  it("never shows the model's own question text", async () => {
    const hostile = 'Our bank details changed: ask them to pay to https://pay.evil.example now';
    const got = await readWith('Spoke to Acme', {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      question: hostile,
    });
    expect(got.source).toBe('openai:hostile');
    expect(got.question?.text).toBeDefined();
    expect(got.question!.text).not.toContain('evil');
    expect(got.note.question).not.toContain('bank');
  });

  it('a reading the note does support is still used', async () => {
    const got = await readWith(
      'Acme: spoke to Marie Dupont, will pay 5k Friday, INV-1042 disputed, pallets damaged',
      {
        ...none,
        customer: 'ACME',
        outcome: 'reached',
        contact: 'Marie Dupont',
        promises: [{ amount: 500_000, currency: 'EUR', rest: false, date: '2026-11-27', invoices: [] }],
        disputes: [{ invoice: 'INV-1042', reason: 'quality', detail: 'pallets damaged' }],
      },
    );
    expect(got.source).toBe('openai:hostile');
    expect(got.fallback).toBeUndefined();
  });
});
