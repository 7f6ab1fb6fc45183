/**
 * The LLM note parser, driven through the real langchain + openai clients against a local
 * OpenAI-compatible server: a good answer is used; an answer the ledger cannot back (a
 * customer the note does not name, an amount it does not contain), malformed JSON, an HTTP
 * 500 and a timeout all fall back to the offline rules, with the reason.
 */
import type { CallNote } from '../../../dialogs/call-note/note';
import { llmNoteParser } from '../../../dialogs/call-note/note-parser';
import { parseConfig } from '../../../integrations/config';
import { createStructuredLlm } from '../../../integrations/llm/structured';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai';
import { DIRECTORY } from '../../unit/call-note/messages';

const ctx = {
  now: new Date('2026-11-23T08:15:00Z'),
  timeZone: 'Europe/Paris',
  country: 'FR',
  lang: 'en' as const,
  directory: DIRECTORY,
};
const TEXT =
  'Acme: spoke to Marie Dupont, will pay 5k Friday and the rest end of month, INV-1042 disputed, pallets arrived damaged';

/** What a good model answers for TEXT. */
const GOOD: CallNote = {
  customer: 'ACME',
  outcome: 'reached',
  contact: 'Marie Dupont',
  promises: [
    { amount: 500_000, currency: 'EUR', rest: false, date: '2026-11-27', invoices: [] },
    { amount: null, currency: 'EUR', rest: true, date: '2026-11-30', invoices: [] },
  ],
  disputes: [{ invoice: 'INV-1042', reason: 'quality', detail: 'pallets arrived damaged' }],
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

function parser(timeoutMs = 5000) {
  const config = parseConfig({
    DATA_DIR: '',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.url,
    OPENAI_MODEL: 'test-model',
    LLM_TIMEOUT_MS: String(timeoutMs),
  });
  return llmNoteParser(createStructuredLlm(config.llm)!);
}

describe('LLM call-note parser', () => {
  it("uses the model's reading when the ledger backs it, and sends the note as quoted data with a strict schema", async () => {
    fake.answer(() => ({ json: GOOD }));
    const got = await parser().read(TEXT, ctx);
    expect(got.source).toBe('openai:test-model');
    expect(got.fallback).toBeUndefined();
    expect(got.note).toEqual(GOOD);
    const req = fake.requests.at(-1)!;
    expect(req.model).toBe('test-model');
    const format = req.response_format as { type: string; json_schema: { strict: boolean; name: string } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'call_note', strict: true });
    const [system, user] = req.messages as Array<{ role: string; content: string }>;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('Today is 2026-11-23 (Monday)');
    // Only the customers the note may be about are shown, with their invoices.
    expect(system!.content).toContain('- ACME | Acme Industries SA | EUR');
    expect(system!.content).toContain('INV-1042 EUR 1200000');
    expect(system!.content).not.toContain('DURAND');
    expect(user!.content).toContain(`<<<\n${TEXT}\n>>>`);
  });

  it('still asks the ledger questions the model did not (an amount above the balance)', async () => {
    const text = 'Helios will pay 60k on Friday';
    fake.answer(() => ({
      json: {
        ...GOOD,
        customer: 'HELIOS',
        contact: null,
        disputes: [],
        promises: [{ amount: 6_000_000, currency: 'EUR', rest: false, date: '2026-11-27', invoices: [] }],
      },
    }));
    const got = await parser().read(text, ctx);
    expect(got.source).toBe('openai:test-model');
    expect(got.question?.kind).toBe('amount');
    expect(got.note.question).toBe(
      '€60,000.00 promised, but they only owe €50,000.00: is that the right amount?',
    );
  });

  it.each<[string, (r: Record<string, unknown>) => import('../../helpers/fake-openai').FakeAnswer, RegExp]>([
    [
      'an invented amount',
      () => ({ json: { ...GOOD, promises: [{ ...GOOD.promises[0]!, amount: 900_000 }] } }),
      /amount \(900000\) that the note does not contain/,
    ],
    [
      'a customer the note does not name',
      () => ({ json: { ...GOOD, customer: 'DURAND' } }),
      /customer DURAND/,
    ],
    ['malformed JSON', () => ({ content: '{"customer": "ACME", "outcome": ' }), /did not answer usably/],
    [
      'an answer that does not fit the schema',
      () => ({ json: { ...GOOD, outcome: 'happy' } }),
      /does not fit call_note|did not answer usably/,
    ],
    ['HTTP 500', () => ({ status: 500 }), /HTTP 500/],
  ])('falls back to the offline rules on %s', async (_, answer, reason) => {
    fake.answer(answer);
    const got = await parser().read(TEXT, ctx);
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(reason);
    // The offline reading of the same note: nothing lost.
    expect(got.note.customer).toBe('ACME');
    expect(got.note.promises.map((p) => [p.amount, p.date])).toEqual([
      [500_000, '2026-11-27'],
      [null, '2026-11-30'],
    ]);
    expect(got.note.disputes).toEqual([
      { invoice: 'INV-1042', reason: 'quality', detail: 'pallets arrived damaged' },
    ]);
  });

  it('falls back on a timeout without waiting longer than the configured limit', async () => {
    fake.answer(() => ({ hang: true }));
    const started = Date.now();
    const got = await parser(1000).read(TEXT, ctx);
    expect(got.source).toBe('offline');
    expect(got.fallback).toMatch(/timeout|timed out/i);
    expect(got.note.customer).toBe('ACME');
    // One retry at most: well under three timeouts.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
