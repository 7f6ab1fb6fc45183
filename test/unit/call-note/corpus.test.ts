/**
 * The offline parser on the development corpus (414 notes in nine voices against the demo
 * ledger, test/corpus/): field-level accuracy is printed for the two thirds it was tuned on and
 * for the third it was not, and must reach 97 % and 95 %; every note that must ask, asks.
 */
import { parseNoteOffline } from '../../../dialogs/call-note/offline-parser';
import { CORPUS_NOW, demoNoteDirectory } from '../../corpus/demo-directory';
import { type CorpusNote, isHeldOut, loadCorpus, type Score, score } from '../../corpus/score';

const directory = demoNoteDirectory();
const corpus = loadCorpus();
const parse = (n: CorpusNote) =>
  parseNoteOffline(n.text, {
    now: CORPUS_NOW,
    timeZone: 'Europe/Paris',
    country: 'FR',
    lang: n.lang === 'en' ? 'en' : 'fr',
    directory,
  });

function report(name: string, s: Score): void {
  process.stdout.write(
    `${name}: ${s.right}/${s.total} fields right (${(s.accuracy * 100).toFixed(1)} %) on ${s.notes} notes\n${s.misses
      .map((m) => `  miss ${m}`)
      .join('\n')}\n`,
  );
}

describe('the offline call-note parser on the development corpus', () => {
  const tuning = corpus.filter((n) => !isHeldOut(n));
  const heldOut = corpus.filter(isHeldOut);

  it('has at least 400 notes, half French and half English, split two thirds / one third', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    const fr = corpus.filter((n) => n.lang === 'fr').length;
    const en = corpus.filter((n) => n.lang === 'en').length;
    expect(Math.abs(fr - en)).toBeLessThan(corpus.length * 0.1);
    expect(new Set(corpus.map((n) => n.voice)).size).toBeGreaterThanOrEqual(8);
    expect(heldOut.length / corpus.length).toBeGreaterThan(0.28);
    expect(heldOut.length / corpus.length).toBeLessThan(0.4);
  });

  it('reaches 97 % of fields on the tuning part', () => {
    const s = score(tuning, parse);
    report('tuning part', s);
    expect(s.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('reaches 95 % of fields on the held-out third', () => {
    const s = score(heldOut, parse);
    // Only the figure: the held-out notes are not looked at one by one.
    process.stdout.write(
      `held-out third: ${s.right}/${s.total} fields right (${(s.accuracy * 100).toFixed(1)} %) on ${s.notes} notes\n`,
    );
    expect(s.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('asks on every note that must ask', () => {
    const silent = score(corpus, parse).silent;
    // One tuning note is a bare customer name: in chat it opens the customer's card instead.
    expect(silent.filter((id) => corpus.find((n) => n.id === id)!.text.split(/\s+/).length > 2)).toEqual([]);
  });
});
