/** insert, update, delete and findAndModify. */
import { ObjectId } from 'bson';
import { Query } from 'mingo';
import type { Collection } from '../collection';
import { errors, MongoCommandError } from '../mongo-error';
import { applyUpdate, upsertSeed } from '../update-apply';
import { compareBySpec, type Doc, keyOf } from '../values';
import { asDoc, type CommandContext, type Handler, targetName } from './context';

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

function withErrors(reply: Doc, writeErrors: WriteError[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors } : reply;
}

export const insert: Handler = (cmd, ctx) => {
  const docs = (cmd.documents as Doc[] | undefined) ?? [];
  const { collection } = ctx.storage.ensureCollection(ctx.db, targetName(cmd));
  let n = 0;
  const writeErrors = forEachWrite(docs, cmd.ordered !== false, (raw) => {
    // mongod stores _id as the first field, generating one when the client did not.
    const { _id, ...rest } = raw;
    const doc = { _id: _id === undefined ? new ObjectId() : _id, ...rest };
    if (Array.isArray(doc._id)) throw errors.badValue("can't use an array for _id");
    collection.checkUnique(doc);
    ctx.storage.apply({ op: 'put', db: ctx.db, coll: collection.name, doc });
    n++;
  });
  return withErrors({ n, ok: 1 }, writeErrors);
};

/** The documents matching `filter`, in natural order (or `sort`), at most `limit` (0 = all). */
export function matching(collection: Collection | undefined, filter: Doc, limit = 0, sort?: Doc): Doc[] {
  if (!collection) return [];
  const { docs, exact } = collection.candidates(filter);
  // Compiling a mingo query has a fixed cost; an exact index answer does not need one.
  const query = exact ? null : new Query(filter);
  const out: Doc[] = [];
  for (const doc of docs) {
    if (query && !query.test(doc)) continue;
    out.push(doc);
    if (limit > 0 && !sort && out.length >= limit) break;
  }
  if (sort && Object.keys(sort).length > 0) out.sort(compareBySpec(sort));
  return limit > 0 ? out.slice(0, limit) : out;
}

/** Replaces `before` by `after` in the collection (unique indexes checked); true if it changed. */
function store(ctx: CommandContext, collection: Collection, before: Doc | undefined, after: Doc): boolean {
  if (before && sameDoc(before, after)) return false;
  collection.checkUnique(after, before ? keyOf(before._id) : undefined);
  ctx.storage.apply({ op: 'put', db: ctx.db, coll: collection.name, doc: after });
  return true;
}

function sameDoc(a: Doc, b: Doc): boolean {
  return keyOf(a) === keyOf(b);
}

export const update: Handler = (cmd, ctx) => {
  const updates = (cmd.updates as Doc[] | undefined) ?? [];
  const name = targetName(cmd);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = forEachWrite(updates, cmd.ordered !== false, (spec, index) => {
    const filter = asDoc(spec.q);
    const u = spec.u as Doc | Doc[];
    const arrayFilters = spec.arrayFilters as Doc[] | undefined;
    const existing = ctx.storage.collection(ctx.db, name);
    const targets = matching(existing, filter, spec.multi ? 0 : 1, spec.sort as Doc | undefined);
    if (targets.length === 0 && spec.upsert) {
      const { collection } = ctx.storage.ensureCollection(ctx.db, name);
      const doc = applyUpdate(undefined, u, filter, arrayFilters, upsertSeed(filter));
      store(ctx, collection, undefined, doc);
      n++;
      upserted.push({ index, _id: doc._id });
      return;
    }
    for (const before of targets) {
      const after = applyUpdate(before, u, filter, arrayFilters);
      n++;
      if (store(ctx, existing!, before, after)) nModified++;
    }
  });
  const reply: Doc = { n, nModified, ok: 1 };
  if (upserted.length > 0) reply.upserted = upserted;
  return withErrors(reply, writeErrors);
};

export const del: Handler = (cmd, ctx) => {
  const deletes = (cmd.deletes as Doc[] | undefined) ?? [];
  const name = targetName(cmd);
  let n = 0;
  const writeErrors = forEachWrite(deletes, cmd.ordered !== false, (spec) => {
    const collection = ctx.storage.collection(ctx.db, name);
    for (const doc of matching(collection, asDoc(spec.q), Number(spec.limit) === 1 ? 1 : 0)) {
      ctx.storage.apply({ op: 'del', db: ctx.db, coll: name, id: doc._id });
      n++;
    }
  });
  return withErrors({ n, ok: 1 }, writeErrors);
};

export const findAndModify: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const filter = asDoc(cmd.query);
  const sort = cmd.sort as Doc | undefined;
  const fields = cmd.fields as Doc | undefined;
  const project = (d: Doc | null) =>
    d && fields && Object.keys(fields).length > 0
      ? (new Query({}).find([d], fields as never).all()[0] as Doc)
      : d;
  const existing = ctx.storage.collection(ctx.db, name);
  const before = matching(existing, filter, 1, sort)[0];

  if (cmd.remove) {
    if (cmd.update !== undefined) throw errors.failedToParse('Cannot specify both an update and remove=true');
    if (before) ctx.storage.apply({ op: 'del', db: ctx.db, coll: name, id: before._id });
    return { lastErrorObject: { n: before ? 1 : 0 }, value: project(before ?? null), ok: 1 };
  }
  if (cmd.update === undefined)
    throw errors.failedToParse('Either an update or remove=true must be specified');
  const u = cmd.update as Doc | Doc[];
  const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
  if (!before) {
    if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const { collection } = ctx.storage.ensureCollection(ctx.db, name);
    const doc = applyUpdate(undefined, u, filter, arrayFilters, upsertSeed(filter));
    store(ctx, collection, undefined, doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: cmd.new ? project(doc) : null,
      ok: 1,
    };
  }
  const after = applyUpdate(before, u, filter, arrayFilters);
  store(ctx, existing!, before, after);
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(cmd.new ? after : before),
    ok: 1,
  };
};
