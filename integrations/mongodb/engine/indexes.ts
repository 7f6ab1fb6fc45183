/**
 * Secondary indexes: a hash map from the first key field's value to document ids (equality
 * and `$in` lookups), a lazily sorted view of it (range lookups), and for unique compound
 * indexes a map of the full compound key (so uniqueness is never checked by scanning).
 *
 * Memory matters at a million documents: an index keeps nothing per document but its id in
 * the bucket of its key — a lone id as a plain string, a Set only once a key has two — and
 * removal recomputes a document's keys from the stored document (immutable) rather than
 * remembering them. A unique index on one field checks uniqueness on its buckets directly.
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

/** The ids under one key: one id alone, or a Set of several. */
export type Ids = string | Set<string>;

export function idCount(ids: Ids): number {
  return typeof ids === 'string' ? 1 : ids.size;
}

export function idsOf(ids: Ids): Iterable<string> {
  return typeof ids === 'string' ? [ids] : ids;
}

function withId(ids: Ids | undefined, id: string): Ids {
  if (ids === undefined || ids === id) return id;
  if (typeof ids === 'string') return new Set([ids, id]);
  return ids.add(id);
}

/** The ids left once `id` is removed (undefined: none). */
function withoutId(ids: Ids, id: string): Ids | undefined {
  if (typeof ids === 'string') return ids === id ? undefined : ids;
  ids.delete(id);
  if (ids.size === 1) return ids.values().next().value!;
  return ids.size === 0 ? undefined : ids;
}

function hasOther(ids: Ids | undefined, id: string): boolean {
  if (ids === undefined) return false;
  return typeof ids === 'string' ? ids !== id : ids.size > 1 || !ids.has(id);
}

interface Bucket {
  value: unknown;
  ids: Ids;
}

/** Index keys of one document. */
interface DocKeys {
  first: string[];
  full: string[];
}

const MAX_KEYS_PER_DOC = 1000;
const NONE: string[] = [];

export class Index {
  readonly fields: string[];
  /** Strings are keyed and ordered by the index's collation (case-insensitive unique emails, …). */
  readonly collation: Collation | null;
  private readonly partial?: Matcher;
  private readonly byFirst = new Map<string, Bucket>();
  private readonly byFull = new Map<string, Ids>();
  private sorted: Bucket[] | null = null;
  private entries = 0;

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
    const first = firstValues.length === 1 ? [key(firstValues[0])] : [...new Set(firstValues.map(key))];
    // Full compound keys only matter for uniqueness (one field: the first keys are the full ones).
    if (!this.spec.unique || this.fields.length === 1) return { first, full: NONE };
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
    const single = this.fields.length === 1;
    for (const k of single ? keys.first : keys.full) {
      const holders = single ? this.byFirst.get(k)?.ids : this.byFull.get(k);
      if (hasOther(holders, id)) {
        const keyValue: Doc = {};
        for (const f of this.fields) keyValue[f] = valuesAtPath(doc, f)[0] ?? null;
        throw duplicateKeyError(this.ns, this.name, this.spec.key, keyValue);
      }
    }
  }

  add(id: string, doc: Doc): void {
    const keys = this.keysOf(doc);
    if (!keys) return;
    this.entries++;
    const firstValues = keys.first.length === 1 ? null : valuesAtPath(doc, this.fields[0]!);
    for (const k of keys.first) {
      const bucket = this.byFirst.get(k);
      if (bucket) {
        bucket.ids = withId(bucket.ids, id);
        continue;
      }
      const value = firstValues
        ? firstValues.find((v) => keyOf(v, this.collation) === k)
        : valuesAtPath(doc, this.fields[0]!)[0];
      this.byFirst.set(k, { value: value === undefined ? null : value, ids: id });
      this.sorted = null;
    }
    for (const k of keys.full) this.byFull.set(k, withId(this.byFull.get(k), id));
  }

  /** Takes out the document stored under `id`; `doc` is that stored document (its keys are recomputed). */
  remove(id: string, doc: Doc): void {
    const keys = this.keysOf(doc);
    if (!keys) return;
    this.entries--;
    for (const k of keys.first) {
      const bucket = this.byFirst.get(k);
      if (!bucket) continue;
      const left = withoutId(bucket.ids, id);
      if (left === undefined) {
        this.byFirst.delete(k);
        this.sorted = null;
      } else bucket.ids = left;
    }
    for (const k of keys.full) {
      const holders = this.byFull.get(k);
      if (!holders) continue;
      const left = withoutId(holders, id);
      if (left === undefined) this.byFull.delete(k);
      else this.byFull.set(k, left);
    }
  }

  /** The id sets whose first key field equals one of `values` (not merged: they may be large). */
  lookupEqual(values: unknown[]): Ids[] {
    const out: Ids[] = [];
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
  ): Ids[] {
    if (!this.sorted)
      this.sorted = [...this.byFirst.values()].sort((a, b) =>
        compareValues(a.value, b.value, this.collation),
      );
    const sorted = this.sorted;
    const out: Ids[] = [];
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
    return this.entries;
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
