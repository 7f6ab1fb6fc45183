/**
 * The offline parser on 80 realistic notes: the field-level accuracy is printed and must
 * reach 90 %. Each message is also a case of its own, so a regression names the note.
 */
import type { CallNote } from '../../../dialogs/call-note/note';
import { parseNoteOffline } from '../../../dialogs/call-note/offline-parser';
import { fieldResults as corpusFields } from '../../corpus/score';
import { DIRECTORY, type Expected, MESSAGES } from './messages';

const ctx = {
  now: new Date('2026-11-23T08:15:00Z'),
  timeZone: 'Europe/Paris',
  country: 'FR',
  lang: 'en' as const,
  directory: DIRECTORY,
};

/** The fields compared, each right or wrong as a whole (the corpus's scoring, on this set's format). */
function fieldResults(got: CallNote, want: Expected): Record<string, boolean> {
  return corpusFields(got, {
    ...want,
    promises: want.promises.map((p) => ({ ...p, currency: p.currency ?? 'EUR', rest: p.amount === null })),
  });
}

describe('the offline call-note parser', () => {
  it('has a test set of at least 80 notes, half French, half English', () => {
    expect(MESSAGES.length).toBeGreaterThanOrEqual(80);
  });

  it('reaches 90 % field-level accuracy on the test set', () => {
    let right = 0;
    let total = 0;
    const misses: string[] = [];
    for (const [text, want] of MESSAGES) {
      const got = parseNoteOffline(text, ctx);
      for (const [field, ok] of Object.entries(fieldResults(got, want))) {
        total++;
        if (ok) right++;
        else
          misses.push(
            `${field}: "${text}" → ${JSON.stringify((got as Record<string, unknown>)[field === 'question' ? 'question' : field])}`,
          );
      }
    }
    const accuracy = right / total;
    process.stdout.write(
      `offline parser: ${right}/${total} fields right (${(accuracy * 100).toFixed(1)} %) on ${MESSAGES.length} notes\n${misses.map((m) => `  miss ${m}`).join('\n')}\n`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('asks which customer when two match, rather than guessing', () => {
    const got = parseNoteOffline('Fournier will pay 2k Friday', ctx);
    expect(got.customer).toBeNull();
    expect(got.question).toBe(
      'Which customer: Bâtiment Fournier SA (FOURB) or Menuiserie Fournier SAS (FOURM)?',
    );
  });

  it('asks for the date of a promise without one, in the language of the note', () => {
    expect(parseNoteOffline('Durand paiera 3k', ctx).question).toBe(
      'Pour quelle date le paiement de 3 000,00 € est-il promis ?',
    );
  });

  it('reads amounts the ways people write them', () => {
    const amount = (t: string) => parseNoteOffline(`Acme will pay ${t} Friday`, ctx).promises[0]?.amount;
    expect(amount('5k')).toBe(500_000);
    expect(amount('5 000 €')).toBe(500_000);
    expect(amount('€5,000.50')).toBe(500_050);
    expect(amount('1.234,56')).toBe(123_456);
    expect(amount('12k€')).toBe(1_200_000);
  });
});
