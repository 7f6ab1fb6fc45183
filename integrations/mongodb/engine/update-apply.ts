/**
 * Applying one update to one document: operator updates (update-ops.ts), pipeline updates
 * through mingo, replacements, upsert seeds from the filter's equality conditions, and the
 * `_id` rules: immutable once stored, but setting it to its current value is no change, and
 * an upsert may take it from the filter or the update.
 */
import { ObjectId } from 'bson';
import mingo from 'mingo';
import type { Collation } from './collation';
import { isPlainDoc, mingoView } from './matcher';
import { errors, MongoCommandError } from './mongo-error';
import { applyOperators } from './update-ops';
import { cloneDoc, type Doc, keyOf, setField } from './values';

export function isOperatorUpdate(u: unknown): boolean {
  return !!u && typeof u === 'object' && !Array.isArray(u) && Object.keys(u).some((k) => k.startsWith('$'));
}

export interface ApplyOptions {
  arrayFilters?: Doc[];
  /** The array position the query matched (positional `$`). */
  position?: number;
  collation?: Collation | null;
}

/**
 * The document after `update`; `before` is undefined for an upsert's insert, whose seed
 * (from the filter) is passed as `seed`.
 */
export function applyUpdate(
  before: Doc | undefined,
  update: Doc | Doc[],
  options: ApplyOptions,
  seed?: Doc,
): Doc {
  const inserting = before === undefined;
  let doc = cloneDoc(before ?? seed ?? {});
  if (Array.isArray(update)) {
    const holder = [mingoView(doc)];
    try {
      mingo.updateOne(holder, {}, update as never);
    } catch (err) {
      throw errors.badValue((err as Error).message);
    }
    doc = holder[0]!;
  } else if (isOperatorUpdate(update)) {
    applyOperators(doc, update, { inserting, ...options });
  } else {
    const { _id, ...rest } = update;
    const current = before?._id ?? seed?._id;
    if (current !== undefined && _id !== undefined && keyOf(_id) !== keyOf(current)) {
      throw errors.immutableField(
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(_id)}`,
      );
    }
    doc = { _id: current ?? _id };
    for (const [k, v] of Object.entries(rest)) setField(doc, k, v);
  }
  const stored = before?._id ?? seed?._id;
  if (stored !== undefined && keyOf(doc._id) !== keyOf(stored)) {
    throw errors.immutableField(
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return idFirst(doc);
}

/** mongod keeps `_id` as the first field of every stored document, generating one if absent. */
export function idFirst(doc: Doc): Doc {
  if (Array.isArray(doc._id)) throw errors.badValue("can't use an array for _id");
  if (isPlainDoc(doc._id) && Object.keys(doc._id).some((k) => k.startsWith('$')))
    throw new MongoCommandError(
      52,
      'DollarPrefixedFieldName',
      "_id fields may not contain '$'-prefixed fields",
    );
  if (doc._id !== undefined && Object.keys(doc)[0] === '_id') return doc;
  const out: Doc = { _id: doc._id === undefined ? new ObjectId() : doc._id };
  for (const [k, v] of Object.entries(doc)) if (k !== '_id') setField(out, k, v);
  return out;
}

/** The document an upsert starts from: the filter's equality conditions (dotted paths expanded). */
export function upsertSeed(filter: Doc): Doc {
  const equalities = collectEqualities(filter, {});
  const seed: Doc = {};
  if (equalities._id !== undefined) seed._id = equalities._id;
  const sets: Doc = {};
  for (const [k, v] of Object.entries(equalities)) if (k !== '_id') setField(sets, k, v);
  if (Object.keys(sets).length > 0) applyOperators(seed, { $set: sets }, { inserting: true });
  return seed;
}

function collectEqualities(filter: Doc, out: Doc): Doc {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) collectEqualities(sub as Doc, out);
      continue;
    }
    if (k.startsWith('$')) continue;
    if (isPlainDoc(v) && Object.keys(v)[0]?.startsWith('$')) {
      if ('$eq' in v) setField(out, k, v.$eq);
      continue;
    }
    if (v instanceof RegExp) continue;
    setField(out, k, v);
  }
  return out;
}
