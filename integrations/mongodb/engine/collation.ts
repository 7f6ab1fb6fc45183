/**
 * Collations: string comparison by locale and strength, as ICU does it for mongod
 * (`Intl.Collator` is ICU under Node). `key` gives a string that is equal for two strings
 * exactly when they compare equal, for hash lookups (unique indexes, distinct, $group).
 */
import type { Doc } from './values';

export interface Collation {
  /** The spec as given (locale, strength, …), to tell two collations apart. */
  readonly spec: Doc;
  compare(a: string, b: string): number;
  key(s: string): string;
}

const SENSITIVITY = { 1: 'base', 2: 'accent', 3: 'variant' } as const;

/** The collation a command asks for; null for none or the binary 'simple' one. */
export function collationOf(spec: unknown): Collation | null {
  if (!spec || typeof spec !== 'object') return null;
  const c = spec as Doc;
  if (typeof c.locale !== 'string' || c.locale === 'simple') return null;
  const strength = Math.min(Math.max(Number(c.strength ?? 3), 1), 5);
  const collator = new Intl.Collator(c.locale, {
    sensitivity: strength <= 3 ? SENSITIVITY[strength as 1 | 2 | 3] : 'variant',
    numeric: c.numericOrdering === true,
    caseFirst: c.caseFirst === 'upper' || c.caseFirst === 'lower' ? c.caseFirst : 'false',
    ignorePunctuation: c.alternate === 'shifted',
    usage: 'sort',
  });
  const caseLevel = c.caseLevel === true;
  const fold = (s: string) => {
    let k = s.normalize('NFD');
    if (strength === 1) k = k.replace(/\p{M}/gu, '');
    if (strength <= 2 && !(strength === 1 && caseLevel)) k = k.toLocaleLowerCase(c.locale as string);
    return k.normalize('NFC');
  };
  return {
    spec: { locale: c.locale, strength, caseLevel, numericOrdering: c.numericOrdering === true },
    compare: (a, b) => collator.compare(a, b),
    key: fold,
  };
}

export function sameCollation(a: Collation | null, b: Collation | null): boolean {
  return JSON.stringify(a?.spec ?? null) === JSON.stringify(b?.spec ?? null);
}
