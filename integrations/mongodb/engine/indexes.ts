/**
 * Secondary indexes: a hash map from the first key field's value to document ids (equality
 * and `$in` lookups), a lazily sorted view of it (range lookups), and for unique indexes a
 * map of the full compound key (so uniqueness is never checked by scanning).
 */
import { type Collation, collationOf } from './collation';
import { compileFilter, type Matcher } from './matcher';
import { duplicateKeyError } from './mongo-error';
import { compareValues, type Doc, keyOf, valuesAtPath } from './values';

export interface IndexSpec {
  v: number;
  key: Record<string, unknown>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

interface Bucket {
  value: unknown;
  ids: Set<string>;
}

/** Index keys of one document, remembered so removal needs no recomputation. */
interface DocKeys {
  first: string[];
  full: string[];
}

const MAX_KEYS_PER_DOC = 1000;

export class Index {
  readonly fields: string[];
  /** Strings are keyed and ordered by the index's collation (case-insensitive unique emails, …). */
  readonly collation: Collation | null;
  private readonly partial?: Matcher;
  private readonly byFirst = new Map<string, Bucket>();
  private readonly byFull = new Map<string, Set<string>>();
  private readonly docKeys = new Map<string, DocKeys>();
  private sorted: Bucket[] | null = null;

  constructor(
    readonly spec: IndexSpec,
    private readonly ns: string,
  ) {
    this.fields = Object.keys(spec.key);
    this.collation = collationOf(spec.collation);
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
  }

  get name(): string {
    return this.spec.name;
  }

  /** Whether equality/range lookups may use it: sparse and partial indexes miss documents. */
  get usableForLookup(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  private keysOf(doc: Doc): DocKeys | null {
    if (this.partial && !this.partial(doc)) return null;
    const firstValues = valuesAtPath(doc, this.fields[0]!);
    if (
      this.spec.sparse &&
      this.fields.every((f, i) =>
        (i === 0 ? firstValues : valuesAtPath(doc, f)).every((v) => v === undefined),
      )
    ) {
      return null;
    }
    const key = (v: unknown) => keyOf(v, this.collation);
    const first = [...new Set(firstValues.map(key))];
    // Full compound keys only matter for uniqueness; lookups use the first field.
    if (!this.spec.unique) return { first, full: [] };
    let full: string[] = [''];
    for (const f of this.fields) {
      const keys = [...new Set(valuesAtPath(doc, f).map(key))];
      full = full.flatMap((prefix) => keys.map((k) => `${prefix}|${k}`));
      if (full.length > MAX_KEYS_PER_DOC) break;
    }
    return { first, full };
  }

  /** Throws E11000 if `doc` (stored under `id`) would duplicate another document's key. */
  checkUnique(id: string, doc: Doc): void {
    if (!this.spec.unique) return;
    const keys = this.keysOf(doc);
    if (!keys) return;
    for (const k of keys.full) {
      const holders = this.byFull.get(k);
      if (holders && (holders.size > 1 || !holders.has(id))) {
        const keyValue: Doc = {};
        for (const f of this.fields) keyValue[f] = valuesAtPath(doc, f)[0] ?? null;
        throw duplicateKeyError(this.ns, this.name, this.spec.key, keyValue);
      }
    }
  }

  add(id: string, doc: Doc): void {
    const keys = this.keysOf(doc);
    if (!keys) return;
    this.docKeys.set(id, keys);
    const firstValues = valuesAtPath(doc, this.fields[0]!);
    for (const k of keys.first) {
      let bucket = this.byFirst.get(k);
      if (!bucket) {
        const value = firstValues.find((v) => keyOf(v, this.collation) === k);
        bucket = { value: value === undefined ? null : value, ids: new Set() };
        this.byFirst.set(k, bucket);
        this.sorted = null;
      }
      bucket.ids.add(id);
    }
    if (this.spec.unique) {
      for (const k of keys.full) {
        const set = this.byFull.get(k) ?? new Set<string>();
        this.byFull.set(k, set);
        set.add(id);
      }
    }
  }

  remove(id: string): void {
    const keys = this.docKeys.get(id);
    if (!keys) return;
    this.docKeys.delete(id);
    for (const k of keys.first) {
      const bucket = this.byFirst.get(k);
      if (!bucket) continue;
      bucket.ids.delete(id);
      if (bucket.ids.size === 0) {
        this.byFirst.delete(k);
        this.sorted = null;
      }
    }
    for (const k of keys.full) {
      const set = this.byFull.get(k);
      set?.delete(id);
      if (set?.size === 0) this.byFull.delete(k);
    }
  }

  /** The id sets whose first key field equals one of `values` (not merged: they may be large). */
  lookupEqual(values: unknown[]): Set<string>[] {
    const out: Set<string>[] = [];
    const seen = new Set<string>();
    for (const v of values) {
      const key = keyOf(v, this.collation);
      const bucket = this.byFirst.get(key);
      if (bucket && !seen.has(key)) out.push(bucket.ids);
      seen.add(key);
    }
    return out;
  }

  /** The id sets whose first key field lies in the range; bounds are of one BSON type, as in MongoDB. */
  lookupRange(
    lower?: { value: unknown; inclusive: boolean },
    upper?: { value: unknown; inclusive: boolean },
  ): Set<string>[] {
    if (!this.sorted)
      this.sorted = [...this.byFirst.values()].sort((a, b) =>
        compareValues(a.value, b.value, this.collation),
      );
    const sorted = this.sorted;
    const out: Set<string>[] = [];
    let lo = 0;
    if (lower) {
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = compareValues(sorted[mid]!.value, lower.value, this.collation);
        if (c < 0 || (c === 0 && !lower.inclusive)) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = lo; i < sorted.length; i++) {
      const b = sorted[i]!;
      if (upper) {
        const c = compareValues(b.value, upper.value, this.collation);
        if (c > 0 || (c === 0 && !upper.inclusive)) break;
      }
      out.push(b.ids);
    }
    return out;
  }

  get entryCount(): number {
    return this.docKeys.size;
  }
}

/** A normalised spec as listIndexes returns it. */
export function normalizeSpec(raw: Doc): IndexSpec {
  const { key, name, ...options } = raw;
  const spec: IndexSpec = { v: 2, key: key as Record<string, unknown>, name: String(name) };
  for (const [k, v] of Object.entries(options)) {
    if (k === 'v' || k === 'ns' || k === 'background') continue;
    spec[k] = v;
  }
  return spec;
}

/** The default name mongod gives an index: field_direction pairs joined by underscores. */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${v}`)
    .join('_');
}
