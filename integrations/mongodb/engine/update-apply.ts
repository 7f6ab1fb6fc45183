/**
 * Applying one update to one document: operator updates and pipeline updates through mingo,
 * replacements, `$setOnInsert` (which mingo lacks), upsert seeds from the filter's equality
 * conditions, and the `_id` immutability rule.
 */
import { ObjectId } from 'bson';
import mingo from 'mingo';
import { errors } from './mongo-error';
import { cloneDoc, type Doc, keyOf } from './values';

export function isOperatorUpdate(u: unknown): boolean {
  return !!u && typeof u === 'object' && !Array.isArray(u) && Object.keys(u).some((k) => k.startsWith('$'));
}

/**
 * The document after `update`; `before` is undefined for an upsert's insert, whose seed
 * (from the filter) is passed as `seed`.
 */
export function applyUpdate(
  before: Doc | undefined,
  update: Doc | Doc[],
  filter: Doc,
  arrayFilters: Doc[] | undefined,
  seed?: Doc,
): Doc {
  const inserting = before === undefined;
  let doc = cloneDoc(before ?? seed ?? {});
  if (Array.isArray(update)) {
    const holder = [doc];
    mingo.updateOne(holder, {}, update as never);
    doc = holder[0]!;
  } else if (isOperatorUpdate(update)) {
    const mods: Doc = { ...update };
    const onInsert = mods.$setOnInsert as Doc | undefined;
    delete mods.$setOnInsert;
    if (inserting && onInsert) mods.$set = { ...(mods.$set as Doc | undefined), ...onInsert };
    for (const op of Object.keys(mods)) {
      if (!SUPPORTED.has(op))
        throw errors.failedToParse(
          `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
        );
    }
    if (isTopLevelSetUnset(mods)) applyTopLevel(doc, mods);
    else if (Object.keys(mods).length > 0) {
      try {
        mingo.update(doc, mods as never, arrayFilters, inserting ? undefined : (filter as never), {
          cloneMode: 'deep',
        });
      } catch (err) {
        // mingo refuses _id changes itself; answer with mongod's code for it.
        if (/immutable field '_id'/.test((err as Error).message)) throw immutableId();
        throw errors.badValue((err as Error).message);
      }
    }
  } else {
    const { _id, ...rest } = update;
    const id = before?._id ?? seed?._id ?? _id;
    if (before && _id !== undefined && keyOf(_id) !== keyOf(before._id)) throw immutableId();
    doc = { _id: id, ...rest };
  }
  if (before && keyOf(doc._id) !== keyOf(before._id)) throw immutableId();
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  else if (Object.keys(doc)[0] !== '_id') {
    const { _id, ...rest } = doc;
    doc = { _id, ...rest };
  }
  if (Array.isArray(doc._id)) throw errors.badValue("can't use an array for _id");
  return doc;
}

const SUPPORTED = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$bit',
  '$currentDate',
]);

/**
 * `$set` / `$unset` of top-level fields only (what most writes send). mingo's updater rebuilds
 * its operator tables on every call, which dominates bulk upserts; these two are plain
 * assignments, so they are done directly and everything else goes to mingo.
 */
function isTopLevelSetUnset(mods: Doc): boolean {
  for (const [op, fields] of Object.entries(mods)) {
    if (op !== '$set' && op !== '$unset') return false;
    if (!fields || typeof fields !== 'object') return false;
    for (const k of Object.keys(fields))
      if (k.includes('.') || k.startsWith('$') || k === '_id') return false;
  }
  return true;
}

function applyTopLevel(doc: Doc, mods: Doc): void {
  for (const [k, v] of Object.entries((mods.$set as Doc | undefined) ?? {})) doc[k] = cloneDoc(v);
  for (const k of Object.keys((mods.$unset as Doc | undefined) ?? {})) delete doc[k];
}

function immutableId() {
  return errors.immutableField(
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

/** The document an upsert starts from: the filter's equality conditions (dotted paths expanded). */
export function upsertSeed(filter: Doc): Doc {
  const { _id, ...sets } = collectEqualities(filter, {});
  // mingo refuses to $set _id, so it is placed first by hand; other paths may be dotted.
  const seed: Doc = _id === undefined ? {} : { _id };
  const mods = { $set: sets };
  if (isTopLevelSetUnset(mods)) applyTopLevel(seed, mods);
  else mingo.update(seed, mods as never);
  return seed;
}

function collectEqualities(filter: Doc, out: Doc): Doc {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) collectEqualities(sub as Doc, out);
      continue;
    }
    if (k.startsWith('$')) continue;
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      !(v instanceof Date) &&
      Object.keys(v).some((x) => x.startsWith('$'))
    ) {
      if ('$eq' in (v as Doc)) out[k] = (v as Doc).$eq;
      continue;
    }
    if (v instanceof RegExp) continue;
    out[k] = v;
  }
  return out;
}
