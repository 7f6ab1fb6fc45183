/** insert, update, delete and findAndModify. */
import type { Collation } from '../collation';
import { collationOf } from '../collation';
import type { Collection } from '../collection';
import { filterCooperatively, Slice, sortBySpecCooperatively } from '../cooperative';
import { compileFilter, isPlainDoc, type MatchDetails } from '../matcher';
import { errors, MongoCommandError } from '../mongo-error';
import { applyUpdate, idFirst, isOperatorUpdate, upsertSeed } from '../update-apply';
import { bsonSize, MAX_USER_BSON, validate } from '../validation';
import { compareBySpec, type Doc, keyOf } from '../values';
import { asDoc, type CommandContext, type Handler, targetName } from './context';
import { project } from './projection';

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [k: string]: unknown;
}

function toWriteError(index: number, err: unknown): WriteError {
  if (err instanceof MongoCommandError) {
    return { index, code: err.code, errmsg: err.message, ...err.extra };
  }
  return { index, code: 2, errmsg: (err as Error).message };
}

/** Runs `each` over `items`, stopping at the first error when ordered (the default). */
function forEachWrite<T>(items: T[], ordered: boolean, each: (item: T, i: number) => void): WriteError[] {
  const writeErrors: WriteError[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      each(items[i]!, i);
    } catch (err) {
      writeErrors.push(toWriteError(i, err));
      if (ordered) break;
    }
  }
  return writeErrors;
}

/** forEachWrite for writes that may yield between documents (updates, deletes). */
async function forEachWriteCooperatively<T>(
  items: T[],
  ordered: boolean,
  each: (item: T, i: number) => Promise<void>,
): Promise<WriteError[]> {
  const writeErrors: WriteError[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      await each(items[i]!, i);
    } catch (err) {
      writeErrors.push(toWriteError(i, err));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Doc, writeErrors: WriteError[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors } : reply;
}

/** The collation a command uses: its own, else the collection's default. */
export function collationFor(spec: unknown, collection: Collection | undefined): Collation | null {
  return spec !== undefined ? collationOf(spec) : (collection?.collation ?? null);
}

export const insert: Handler = (cmd, ctx) => {
  const docs = (cmd.documents as Doc[] | undefined) ?? [];
  const { collection } = ctx.storage.ensureCollection(ctx.db, targetName(cmd));
  const bypass = cmd.bypassDocumentValidation === true;
  let n = 0;
  const writeErrors = forEachWrite(docs, cmd.ordered !== false, (raw) => {
    // mongod stores _id as the first field, generating one when the client did not.
    const doc = idFirst(raw);
    const size = bsonSize(doc);
    if (size > MAX_USER_BSON) throw errors.insertTooLarge(size);
    validate(collection, doc, undefined, bypass, ctx.storage.warn);
    collection.checkUnique(doc);
    ctx.storage.apply({ op: 'put', db: ctx.db, coll: collection.name, doc });
    n++;
  });
  return withErrors({ n, ok: 1 }, writeErrors);
};

/**
 * The documents matching `filter`, in natural order (or `sort`), at most `limit` (0 = all),
 * as they were when the command started. Long scans and sorts yield (cooperative.ts).
 */
export async function matching(
  collection: Collection | undefined,
  filter: Doc,
  limit = 0,
  sort?: Doc,
  collation: Collation | null = collection?.collation ?? null,
  slice = new Slice(),
): Promise<Doc[]> {
  if (!collection) {
    compileFilter(filter); // a bad filter is refused even on a missing collection
    return [];
  }
  const { docs, exact } = await collection.snapshotCandidates(filter, collation, slice);
  // An exact index answer needs no further test.
  const test = exact ? null : compileFilter(filter, { collation });
  const sorted = !!sort && Object.keys(sort).length > 0;
  const out = await filterCooperatively(docs, test, sorted ? 0 : limit, slice);
  if (!sorted) return out;
  const compare = compareBySpec(sort, collation);
  if (limit === 1) return out.length === 0 ? [] : [await first(out, compare, slice)];
  const ordered = await sortBySpecCooperatively(out, sort, collation, slice);
  return limit > 0 ? ordered.slice(0, limit) : ordered;
}

/** The first of `docs` in `compare` order (the earliest of equals, as a stable sort gives). */
async function first(docs: Doc[], compare: (a: Doc, b: Doc) => number, slice: Slice): Promise<Doc> {
  let best = docs[0]!;
  for (let i = 1; i < docs.length; i++) {
    if (compare(docs[i]!, best) < 0) best = docs[i]!;
    if (slice.due()) await slice.pause();
  }
  return best;
}

/** `matching` in one go, for a write that must not let others in half-way ($merge). */
export function matchingNow(collection: Collection | undefined, filter: Doc, limit: number): Doc[] {
  if (!collection) return [];
  const { docs, exact } = collection.candidates(filter, collection.collation);
  const test = exact ? null : compileFilter(filter, { collation: collection.collation });
  const out: Doc[] = [];
  for (const doc of docs) {
    if (test && !test(doc)) continue;
    out.push(doc);
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

/**
 * The version of `seen` to write now. A write that yielded may find a document changed or
 * deleted by another client meanwhile: deleted, it is skipped; changed, it is taken as it is
 * now if it still matches (mongod re-checks a document the same way after a write conflict).
 * Each document is thus changed once, from its latest version, never from a stale one.
 */
function stillMatching(collection: Collection, seen: Doc, test: (doc: Doc) => boolean): Doc | undefined {
  const current = collection.get(keyOf(seen._id));
  if (current === seen) return seen;
  return current && test(current) ? current : undefined;
}

/** The array position through which `doc` matched `filter` (the positional `$`). */
export function matchedPosition(filter: Doc, doc: Doc, collation: Collation | null): number | undefined {
  const details: MatchDetails = {};
  compileFilter(filter, { collation })(doc, details);
  return details.index;
}

function usesPositional(u: unknown): boolean {
  if (!isPlainDoc(u)) return false;
  return Object.values(u).some(
    (fields) => isPlainDoc(fields) && Object.keys(fields).some((k) => /(^|\.)\$(\.|$)/.test(k)),
  );
}

/** Replaces `before` by `after` in the collection (size, validator, unique indexes); true if it changed. */
function store(
  ctx: CommandContext,
  collection: Collection,
  before: Doc | undefined,
  after: Doc,
  bypass: boolean,
): boolean {
  if (before && keyOf(before) === keyOf(after)) return false;
  if (bsonSize(after) > MAX_USER_BSON) {
    throw before ? errors.updateTooLarge() : errors.insertTooLarge(bsonSize(after));
  }
  validate(collection, after, before, bypass, ctx.storage.warn);
  collection.checkUnique(after, before ? keyOf(before._id) : undefined);
  ctx.storage.apply({ op: 'put', db: ctx.db, coll: collection.name, doc: after });
  return true;
}

function updated(
  before: Doc,
  u: Doc | Doc[],
  filter: Doc,
  arrayFilters: Doc[] | undefined,
  collation: Collation | null,
) {
  const position = usesPositional(u) ? matchedPosition(filter, before, collation) : undefined;
  return applyUpdate(before, u, { arrayFilters, position, collation });
}

function upserted(u: Doc | Doc[], filter: Doc, arrayFilters: Doc[] | undefined, collation: Collation | null) {
  // A replacement upsert keeps only the filter's _id; an operator upsert starts from its equalities.
  const seed = Array.isArray(u) || isOperatorUpdate(u) ? upsertSeed(filter) : pickId(upsertSeed(filter));
  return applyUpdate(undefined, u, { arrayFilters, collation }, seed);
}

function pickId(seed: Doc): Doc {
  return seed._id === undefined ? {} : { _id: seed._id };
}

export const update: Handler = async (cmd, ctx) => {
  const updates = (cmd.updates as Doc[] | undefined) ?? [];
  const name = targetName(cmd);
  const bypass = cmd.bypassDocumentValidation === true;
  const slice = new Slice();
  let n = 0;
  let nModified = 0;
  const upsertedIds: Doc[] = [];
  const writeErrors = await forEachWriteCooperatively(updates, cmd.ordered !== false, async (spec, index) => {
    const filter = asDoc(spec.q);
    const u = spec.u as Doc | Doc[];
    const arrayFilters = spec.arrayFilters as Doc[] | undefined;
    const existing = ctx.storage.collection(ctx.db, name);
    const collation = collationFor(spec.collation, existing);
    const targets = await matching(
      existing,
      filter,
      spec.multi ? 0 : 1,
      spec.sort as Doc | undefined,
      collation,
      slice,
    );
    if (targets.length === 0 && spec.upsert) {
      const doc = upserted(u, filter, arrayFilters, collation);
      const { collection } = ctx.storage.ensureCollection(ctx.db, name);
      store(ctx, collection, undefined, doc, bypass);
      n++;
      upsertedIds.push({ index, _id: doc._id });
      return;
    }
    const test = compileFilter(filter, { collation });
    // The targets were chosen once, before any of them changed: none is updated twice.
    for (const seen of targets) {
      if (ctx.storage.collection(ctx.db, name) !== existing) break; // dropped meanwhile
      const before = stillMatching(existing!, seen, test);
      if (before) {
        const after = updated(before, u, filter, arrayFilters, collation);
        n++;
        if (store(ctx, existing!, before, after, bypass)) nModified++;
      }
      if (slice.due()) await slice.pause();
    }
  });
  const reply: Doc = { n, nModified, ok: 1 };
  if (upsertedIds.length > 0) reply.upserted = upsertedIds;
  return withErrors(reply, writeErrors);
};

export const del: Handler = async (cmd, ctx) => {
  const deletes = (cmd.deletes as Doc[] | undefined) ?? [];
  const name = targetName(cmd);
  const slice = new Slice();
  let n = 0;
  const writeErrors = await forEachWriteCooperatively(deletes, cmd.ordered !== false, async (spec) => {
    const collection = ctx.storage.collection(ctx.db, name);
    const collation = collationFor(spec.collation, collection);
    const filter = asDoc(spec.q);
    const targets = await matching(
      collection,
      filter,
      Number(spec.limit) === 1 ? 1 : 0,
      undefined,
      collation,
      slice,
    );
    const test = compileFilter(filter, { collation });
    for (const seen of targets) {
      if (ctx.storage.collection(ctx.db, name) !== collection) break; // dropped meanwhile
      const doc = stillMatching(collection!, seen, test);
      if (doc) {
        ctx.storage.apply({ op: 'del', db: ctx.db, coll: name, id: doc._id });
        n++;
      }
      if (slice.due()) await slice.pause();
    }
  });
  return withErrors({ n, ok: 1 }, writeErrors);
};

/**
 * The one document findAndModify changes, still as stored once found: a search that yielded
 * is repeated if another client changed its find meanwhile, then done in one go.
 */
async function currentMatch(
  collection: Collection | undefined,
  filter: Doc,
  sort: Doc | undefined,
  collation: Collation | null,
): Promise<Doc | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [found] = await matching(collection, filter, 1, sort, collation);
    if (!found || collection!.get(keyOf(found._id)) === found) return found;
  }
  const docs = [...collection!.candidates(filter, collation).docs];
  const test = compileFilter(filter, { collation });
  const all = docs.filter((d) => test(d));
  if (sort && Object.keys(sort).length > 0) all.sort(compareBySpec(sort, collation));
  return all[0];
}

export const findAndModify: Handler = async (cmd, ctx) => {
  const name = targetName(cmd);
  const filter = asDoc(cmd.query);
  const sort = cmd.sort as Doc | undefined;
  const fields = cmd.fields as Doc | undefined;
  const bypass = cmd.bypassDocumentValidation === true;
  const existing = ctx.storage.collection(ctx.db, name);
  const collation = collationFor(cmd.collation, existing);
  const shown = (d: Doc | undefined) => (d ? project([d], fields, filter, collation)[0]! : null);
  const before = await currentMatch(existing, filter, sort, collation);

  if (cmd.remove) {
    if (cmd.update !== undefined) throw errors.failedToParse('Cannot specify both an update and remove=true');
    if (before) ctx.storage.apply({ op: 'del', db: ctx.db, coll: name, id: before._id });
    return { lastErrorObject: { n: before ? 1 : 0 }, value: shown(before), ok: 1 };
  }
  if (cmd.update === undefined)
    throw errors.failedToParse('Either an update or remove=true must be specified');
  const u = cmd.update as Doc | Doc[];
  const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
  if (!before) {
    if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const doc = upserted(u, filter, arrayFilters, collation);
    const { collection } = ctx.storage.ensureCollection(ctx.db, name);
    store(ctx, collection, undefined, doc, bypass);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: cmd.new ? shown(doc) : null,
      ok: 1,
    };
  }
  const after = updated(before, u, filter, arrayFilters, collation);
  store(ctx, existing!, before, after, bypass);
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: shown(cmd.new ? after : before),
    ok: 1,
  };
};
