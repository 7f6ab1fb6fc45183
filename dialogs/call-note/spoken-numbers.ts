/**
 * Numbers said rather than typed — dictated notes ("cinq mille euros vendredi", "two thousand
 * four hundred and fifty pounds on the first of December") — rewritten as digits before a note
 * is read, so that amounts, dates and counts are found the same way whatever the voice. The
 * number words are resolved by Microsoft's recognizers (the Bot Framework's own, FR and EN);
 * they are slow on long text, so only the runs of number words are handed to them, once each.
 */
import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';
import { fold } from './lexicon';
import { type Rewritten, rewrite } from './rewrite';

const UNITS_FR =
  'zero|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|nonante|cents?|mille|millions?';
const UNITS_EN =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million';
/** A run of number words, with "et"/"and" and hyphens inside ("vingt et un", "fifty-four"). */
const RUN = new RegExp(
  `(?<![\\p{L}\\d])(?:${UNITS_FR}|${UNITS_EN})(?:(?:[\\s-]+(?:et|and)[\\s-]+|[\\s-]+)(?:${UNITS_FR}|${UNITS_EN}))*(?![\\p{L}\\d])`,
  'giu',
);
/** Day ordinals, for dates said as words ("le premier décembre", "the fifteenth"). */
const ORDINALS: Record<string, number> = {
  premier: 1,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const ORDINAL_RE =
  /\b(the|le|du|au)\s+(premier|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b/gi;

let models: {
  fr: ReturnType<NumberRecognizer['getNumberModel']>;
  en: ReturnType<NumberRecognizer['getNumberModel']>;
} | null = null;
const resolved = new Map<string, number | null>();

function numberOf(run: string): number | null {
  const key = fold(run).replace(/[\s-]+/g, ' ');
  if (resolved.has(key)) return resolved.get(key)!;
  models ??= {
    fr: new NumberRecognizer(Culture.French).getNumberModel(),
    en: new NumberRecognizer(Culture.English).getNumberModel(),
  };
  const english = new RegExp(`^(?:${UNITS_EN}|and|[\\s-])+$`, 'i').test(key);
  const found = (english ? models.en : models.fr).parse(key);
  const whole =
    found.length === 1 && found[0]!.text.length >= key.length - 1 ? Number(found[0]!.resolution?.value) : NaN;
  const value = Number.isFinite(whole) ? whole : null;
  resolved.set(key, value);
  return value;
}

const FR_ONLY = new RegExp(`^(?:${UNITS_FR}|et|[\\s-])+$`, 'i');
const EN_ONLY = new RegExp(`^(?:${UNITS_EN}|and|[\\s-])+$`, 'i');

/**
 * The note with spoken numbers as digits. "un", "une", "one" alone stay words ("un virement");
 * a single number word of the other language stays a word ("le four livré" is an oven).
 */
export function withSpokenNumbers(note: Rewritten, lang: 'fr' | 'en'): Rewritten {
  let out = rewrite(note, RUN, (m) => {
    const run = m[0];
    if (/^(?:un|une|one)$/i.test(run.trim())) return run;
    const single = !/[\s-]/.test(run.trim());
    if (single && (lang === 'fr' ? !FR_ONLY.test(run) : !EN_ONLY.test(run))) return run;
    const value = numberOf(run);
    return value === null ? run : String(value);
  });
  out = rewrite(out, ORDINAL_RE, (m) => {
    const article = m[1]!;
    const n = ORDINALS[m[2]!.toLowerCase()]!;
    return /^(the)$/i.test(article)
      ? `${article} ${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`
      : `${article} ${n}`;
  });
  // "4421 euros et 5 centimes", "7354 pounds 62": the minor part joins the amount.
  return rewrite(
    out,
    /(\d+)\s*(euros?|pounds?|livres?)\s+(?:et\s+|and\s+)?(\d{1,2})(?:\s*(?:centimes?|cents?|pence|p))?(?![\d\p{L}])/giu,
    (m) =>
      /^(pound|livre)/i.test(m[2]!)
        ? `£${m[1]}.${m[3]!.padStart(2, '0')}`
        : `${m[1]},${m[3]!.padStart(2, '0')} €`,
  );
}
