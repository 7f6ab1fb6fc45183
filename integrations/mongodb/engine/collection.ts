/**
 * One collection in memory: documents by `_id` key in insertion order, its indexes, and the
 * query planner that picks the narrowest index for a filter before mingo checks each candidate.
 */
import { randomUUID } from 'node:crypto';
import { type Collation, collationOf, sameCollation } from './collation';
import { type Slice, sortCooperatively } from './cooperative';
import { defaultIndexName, type Ids, Index, type IndexSpec, idCount, idsOf } from './indexes';
import { duplicateKeyError } from './mongo-error';
import { markStored } from './reply-encoding';
import { type Doc, keyOf, typeRank } from './values';

export interface Plan {
  /** 'COLLSCAN', 'IDHACK' (by _id) or 'IXSCAN'. */
  stage: 'COLLSCAN' | 'IDHACK' | 'IXSCAN';
  indexName?: string;
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export class Collection {
  readonly docs = new Map<string, Doc>();
  /** Position of each document in natural order, to return index hits in insertion order. */
  private readonly seq = new Map<string, number>();
  private nextSeq = 0;
  readonly indexes = new Map<string, Index>();
  readonly uuid = randomUUID();
  /** The collection's default collation (queries and indexes without their own use it). */
  readonly collation: Collation | null;

  constructor(
    readonly db: string,
    readonly name: string,
    public options: Doc = {},
  ) {
    this.collation = collationOf(options.collation);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  get(idKey: string): Doc | undefined {
    return this.docs.get(idKey);
  }

  /** Throws E11000 when `doc` would break a unique index (the `_id` one included). */
  checkUnique(doc: Doc, replacing?: string): void {
    const id = keyOf(doc._id);
    if (id !== replacing && this.docs.has(id)) {
      throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
    }
    for (const index of this.indexes.values()) index.checkUnique(id, doc);
  }

  /** Stores (or replaces, by `_id`) a document that already passed checkUnique. */
  put(doc: Doc): void {
    const id = keyOf(doc._id);
    const old = this.docs.get(id);
    if (old) for (const index of this.indexes.values()) index.remove(id, old);
    else this.seq.set(id, this.nextSeq++);
    this.docs.set(id, doc);
    markStored(doc);
    for (const index of this.indexes.values()) index.add(id, doc);
  }

  delete(idKey: string): boolean {
    const old = this.docs.get(idKey);
    if (!old) return false;
    for (const index of this.indexes.values()) index.remove(idKey, old);
    this.docs.delete(idKey);
    this.seq.delete(idKey);
    return true;
  }

  /** Builds an index over the existing documents; refuses (E11000) if they break uniqueness. */
  addIndex(spec: IndexSpec): void {
    const index = new Index(spec, this.ns);
    for (const [id, doc] of this.docs) {
      index.checkUnique(id, doc);
      index.add(id, doc);
    }
    this.indexes.set(spec.name, index);
  }

  findIndexByKey(key: Record<string, unknown>): Index | undefined {
    const name = defaultIndexName(key);
    for (const index of this.indexes.values()) {
      if (index.name === name || JSON.stringify(index.spec.key) === JSON.stringify(key)) return index;
    }
    return undefined;
  }

  /**
   * The documents that can match `filter`, in natural order, and how they were found.
   * `exact` means the lookup itself answered the filter (a lone equality on an indexed field),
   * so the candidates need no further test.
   */
  candidates(
    filter: Doc,
    collation: Collation | null = null,
  ): { docs: Doc[] | Iterable<Doc>; plan: Plan; exact: boolean } {
    const found = this.plan(filter, collation);
    if (!found) return { docs: this.docs.values(), plan: { stage: 'COLLSCAN' }, exact: false };
    const entries = this.entriesOf(found.sets);
    entries.sort(bySeq);
    return { docs: entries.map((e) => e[1]), plan: found.plan, exact: this.isExact(filter, found) };
  }

  /**
   * The same candidates for a command that may yield (cooperative.ts): an array taken now, so
   * the command works on one point in time whatever is written meanwhile. An index answer that
   * covers much of the collection is read as a scan instead: in natural order already, where
   * ordering the index's ids would be a long sort.
   */
  async snapshotCandidates(
    filter: Doc,
    collation: Collation | null,
    slice: Slice,
  ): Promise<{ docs: Doc[]; plan: Plan; exact: boolean }> {
    const found = this.plan(filter, collation);
    if (!found || (found.size > LARGE_LOOKUP && found.size > this.docs.size / 8)) {
      return { docs: Array.from(this.docs.values()), plan: { stage: 'COLLSCAN' }, exact: false };
    }
    const entries = this.entriesOf(found.sets);
    const ordered = entries.length > 1 ? await sortCooperatively(entries, bySeq, slice) : entries;
    return { docs: ordered.map((e) => e[1]), plan: found.plan, exact: this.isExact(filter, found) };
  }

  /** The stored documents of the given id sets with their natural position (read in one go). */
  private entriesOf(sets: Ids[]): Array<[number, Doc]> {
    const ids = sets.length === 1 ? idsOf(sets[0]!) : new Set(sets.flatMap((s) => [...idsOf(s)]));
    const entries: Array<[number, Doc]> = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) entries.push([this.seq.get(id)!, doc]);
    }
    return entries;
  }

  private isExact(filter: Doc, found: Lookup): boolean {
    const keys = Object.keys(filter);
    return (
      keys.length === 1 &&
      !keys[0]!.startsWith('$') &&
      equalityValues(filter[keys[0]!]) !== null &&
      found.exact
    );
  }

  private plan(filter: Doc, collation: Collation | null): Lookup | null {
    let best: Lookup | null = null;
    for (const [field, cond] of conditions(filter)) {
      const found = this.lookup(field, cond, collation);
      if (found && (!best || found.size < best.size)) best = found;
      if (best && best.size <= 1) break;
    }
    return best;
  }

  private lookup(field: string, cond: unknown, collation: Collation | null): Lookup | null {
    const eq = equalityValues(cond);
    // Strings (alone or inside documents) are keyed by collation: only an index of the query's
    // own collation can answer for them; other values are the same under every collation.
    const usable = (indexCollation: Collation | null, values: unknown[]) =>
      sameCollation(indexCollation, collation) || values.every(collationFree);
    if (field === '_id' && eq && usable(null, eq)) {
      const ids = new Set(eq.map((v) => keyOf(v)).filter((k) => this.docs.has(k)));
      return { sets: [ids], size: ids.size, plan: { stage: 'IDHACK' }, exact: true };
    }
    const index = [...this.indexes.values()].find((i) => i.usableForLookup && i.fields[0] === field);
    if (!index) return null;
    const plan: Plan = { stage: 'IXSCAN', indexName: index.name };
    // An index of another collation can still narrow the candidates when its keys are coarser.
    if (eq && usable(index.collation, eq)) return lookupOf(index.lookupEqual(eq), plan, true);
    const range = rangeBounds(cond);
    if (range && usable(index.collation, [range.lower?.value, range.upper?.value])) {
      return lookupOf(index.lookupRange(range.lower, range.upper), plan, false);
    }
    return null;
  }
}

/** What an index (or the _id map) answers: the id sets (not merged), their total size, the plan. */
interface Lookup {
  sets: Ids[];
  size: number;
  plan: Plan;
  exact: boolean;
}

function lookupOf(sets: Ids[], plan: Plan, exact: boolean): Lookup {
  return { sets, size: sets.reduce((n, s) => n + idCount(s), 0), plan, exact };
}

/** Index answers above this size may be read as a scan (see snapshotCandidates). */
const LARGE_LOOKUP = 50_000;

const bySeq = (a: [number, Doc], b: [number, Doc]) => a[0] - b[0];

function collationFree(v: unknown): boolean {
  return (
    typeof v !== 'string' &&
    (v === null || typeof v !== 'object' || v instanceof Date || typeRank(v) === 3 || typeRank(v) === 8)
  );
}

/** Top-level `field: condition` pairs of a filter, including those inside a top-level $and. */
function* conditions(filter: Doc): Generator<[string, unknown]> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (sub && typeof sub === 'object') yield* conditions(sub as Doc);
    } else if (!k.startsWith('$')) yield [k, v];
  }
}

function isOperatorObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** A value is usable for a hash lookup if MongoDB would compare it by equality of keys. */
function isPlainScalar(v: unknown): boolean {
  return !Array.isArray(v) && !(v instanceof RegExp) && !isOperatorObject(v);
}

function equalityValues(cond: unknown): unknown[] | null {
  if (!isOperatorObject(cond)) return isPlainScalar(cond) ? [cond ?? null] : null;
  const keys = Object.keys(cond);
  if (keys.length === 1 && '$eq' in cond && isPlainScalar(cond.$eq)) return [cond.$eq ?? null];
  if (keys.length === 1 && Array.isArray(cond.$in) && cond.$in.every(isPlainScalar)) {
    return cond.$in.map((v) => v ?? null);
  }
  return null;
}

type Bound = { value: unknown; inclusive: boolean };

function rangeBounds(cond: unknown): { lower?: Bound; upper?: Bound } | null {
  if (!isOperatorObject(cond)) return null;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const [op, value] of Object.entries(cond)) {
    if (
      value === null ||
      value === undefined ||
      Array.isArray(value) ||
      (typeof value === 'object' && !(value instanceof Date))
    ) {
      if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') return null;
    }
    if (op === '$gt' || op === '$gte') lower = { value, inclusive: op === '$gte' };
    else if (op === '$lt' || op === '$lte') upper = { value, inclusive: op === '$lte' };
    else return null; // other operators: let mingo scan
  }
  if (!lower && !upper) return null;
  // MongoDB ranges stay within one BSON type: close the open side at the type's edge.
  const probe = (lower ?? upper)!.value;
  if (lower && upper) return { lower, upper };
  if (typeof probe === 'number')
    return lower
      ? { lower, upper: { value: Number.POSITIVE_INFINITY, inclusive: true } }
      : { lower: { value: Number.NEGATIVE_INFINITY, inclusive: true }, upper };
  if (typeof probe === 'string')
    return lower
      ? { lower, upper: { value: {}, inclusive: false } }
      : { lower: { value: '', inclusive: true }, upper };
  if (probe instanceof Date)
    return lower
      ? { lower, upper: { value: new Date(8.64e15), inclusive: true } }
      : { lower: { value: new Date(-8.64e15), inclusive: true }, upper };
  return null;
}
