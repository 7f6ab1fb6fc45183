/**
 * A note cut the way people tell things: sentences, then clauses (commas, dashes, colons, "mais",
 * "but", "par contre", "+"). Each clause keeps its place in the note, so what is quoted back —
 * a dispute's detail — is the note's own words, never a reassembly.
 */

export interface Clause {
  text: string;
  start: number;
  end: number;
  /** Index of the sentence it belongs to. */
  sentence: number;
}

/**
 * Sentence ends: ";" or a new line always; ".", "!", "?" before a capital or the end, unless
 * the word before is an initial or an abbreviation ("M. Garnier", "fact. 1274", "J. Faure").
 */
const SENTENCE_END = /(?:[;\n]+|(?<=\p{L}{4,}|\d|\))[.!?]+(?=\s+\p{Lu}|\s*$)|[!?]+)/gu;
const CLAUSE_BREAK =
  /,(?!\d)|\s[-–—]+\s|\s:\s|:\s|\s\+\s|\s(?:mais|but|par contre|however|whereas|alors que|although)\s/giu;

function pieces(
  text: string,
  offset: number,
  re: RegExp,
): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let from = 0;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) out.push({ text: t, start: offset + from + lead, end: offset + from + lead + t.length });
  };
  for (const m of text.matchAll(re)) {
    push(m.index!);
    from = m.index! + m[0].length;
  }
  push(text.length);
  return out;
}

export function sentencesOf(text: string): Array<{ text: string; start: number; end: number }> {
  return pieces(text, 0, SENTENCE_END);
}

export function clausesOf(text: string): Clause[] {
  return sentencesOf(text).flatMap((s, i) =>
    pieces(s.text, s.start, CLAUSE_BREAK).map((c) => ({ ...c, sentence: i })),
  );
}
