/**
 * Collations: string comparison by locale and strength, as ICU does it for mongod
 * (`Intl.Collator` is ICU under Node; strength 1, 2, 3 are its sensitivities base, accent,
 * variant). `key` gives a string that is equal for two strings exactly when the collator
 * finds them equal, for hash lookups (index equality, unique indexes, distinct, $group).
 *
 * Intl offers no ICU sort keys, and no folding by hand matches ICU everywhere (at strength 1
 * "Straße" is "STRASSE" and "ø" is "o", in Swedish "ä" is not "a", a soft hyphen is nothing).
 * So the key is found by the collator itself: each equivalence class is represented by the
 * first string of it seen, kept in collator order, and a string's key is the representative
 * that compares equal to it (binary search: about 20 comparisons for a million classes).
 * Representatives are shared by every command and index using the same collation, so keys
 * computed at different times agree. They are kept for the life of the process.
 */
import type { Doc } from './values';

export interface Collation {
  /** The spec as given (locale, strength, …), to tell two collations apart. */
  readonly spec: Doc;
  compare(a: string, b: string): number;
  key(s: string): string;
}

/** The sensitivity for a strength, with caseLevel adding case to strength 1 and 2. */
function sensitivity(strength: number, caseLevel: boolean): Intl.CollatorOptions['sensitivity'] {
  if (strength === 1) return caseLevel ? 'case' : 'base';
  if (strength === 2) return caseLevel ? 'variant' : 'accent';
  return 'variant';
}

const CHUNK = 512;

/** The equivalence classes of one collator: representatives in sorted chunks. */
class Classes {
  private readonly chunks: string[][] = [[]];
  private readonly seen = new Map<string, string>();

  constructor(private readonly compare: (a: string, b: string) => number) {}

  key(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    const rep = this.representative(s);
    // The shortcut for repeated strings is bounded; the representatives are the truth.
    if (this.seen.size >= 100_000) this.seen.clear();
    this.seen.set(s, rep);
    return rep;
  }

  private representative(s: string): string {
    const { chunks, compare } = this;
    // The first chunk whose last representative is not below s.
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const last = chunks[mid]!;
      if (compare(last[last.length - 1]!, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    const chunk = chunks[lo]!;
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      const c = compare(chunk[mid]!, s);
      if (c === 0) return chunk[mid]!;
      if (c < 0) a = mid + 1;
      else b = mid;
    }
    chunk.splice(a, 0, s);
    if (chunk.length > 2 * CHUNK) chunks.splice(lo, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
    return s;
  }
}

const registry = new Map<string, { collator: Intl.Collator; classes: Classes }>();

/** The collation a command asks for; null for none or the binary 'simple' one. */
export function collationOf(spec: unknown): Collation | null {
  if (!spec || typeof spec !== 'object') return null;
  const c = spec as Doc;
  if (typeof c.locale !== 'string' || c.locale === 'simple') return null;
  const strength = Math.min(Math.max(Number(c.strength ?? 3), 1), 5);
  const caseLevel = c.caseLevel === true;
  const options: Intl.CollatorOptions = {
    sensitivity: sensitivity(strength, caseLevel),
    numeric: c.numericOrdering === true,
    caseFirst: c.caseFirst === 'upper' || c.caseFirst === 'lower' ? c.caseFirst : 'false',
    ignorePunctuation: c.alternate === 'shifted',
    usage: 'sort',
  };
  const id = JSON.stringify([c.locale, options]);
  let shared = registry.get(id);
  if (!shared) {
    const collator = new Intl.Collator(c.locale, options);
    shared = { collator, classes: new Classes((a, b) => collator.compare(a, b)) };
    registry.set(id, shared);
  }
  const { collator, classes } = shared;
  return {
    spec: {
      locale: c.locale,
      strength,
      caseLevel,
      numericOrdering: options.numeric,
      caseFirst: options.caseFirst,
      alternate: options.ignorePunctuation ? 'shifted' : 'non-ignorable',
    },
    compare: (a, b) => collator.compare(a, b),
    key: (s) => classes.key(s),
  };
}

export function sameCollation(a: Collation | null, b: Collation | null): boolean {
  return JSON.stringify(a?.spec ?? null) === JSON.stringify(b?.spec ?? null);
}
