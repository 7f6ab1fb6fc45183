/** Handshake, server facts, and the catalogue: collections, indexes, databases. */
import { collationOf } from '../collation';
import { defaultIndexName, type IndexSpec, normalizeSpec } from '../indexes';
import { compileFilter } from '../matcher';
import { errors } from '../mongo-error';
import { checkValidator } from '../validation';
import type { Doc } from '../values';
import { asDoc, type Handler, targetName } from './context';

export const SERVER_VERSION = '7.0.0';

export const hello: Handler = (_cmd, ctx) => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: ctx.connectionId,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  ok: 1,
});

export const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  versionArray: [7, 0, 0, 0],
  gitVersion: 'relance-embedded',
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['relance-embedded'],
  ok: 1,
});

export const serverStatus: Handler = (_cmd, ctx) => ({
  host: ctx.serverAddress,
  version: SERVER_VERSION,
  process: 'mongod',
  pid: process.pid,
  uptime: Math.floor((Date.now() - ctx.startedAt) / 1000),
  uptimeMillis: Date.now() - ctx.startedAt,
  localTime: new Date(),
  connections: { current: ctx.connections(), available: 1000 },
  storageEngine: { name: 'relance-embedded', persistent: ctx.storage.durable },
  ok: 1,
});

export const ok: Handler = () => ({ ok: 1 });

export const whatsmyuri: Handler = (_cmd, ctx) => ({ you: ctx.clientAddress, ok: 1 });

export const connectionStatus: Handler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: 1,
});

export const getParameter: Handler = (cmd) => {
  const reply: Doc = { ok: 1 };
  if (cmd.featureCompatibilityVersion || cmd.getParameter === '*')
    reply.featureCompatibilityVersion = { version: '7.0' };
  return reply;
};

export const getCmdLineOpts: Handler = () => ({ argv: ['relance-embedded'], parsed: {}, ok: 1 });

export const create: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  if (ctx.storage.collection(ctx.db, name))
    throw errors.namespaceExists(`Collection ${ctx.db}.${name} already exists.`);
  const { create: _n, $db, lsid, writeConcern, ...options } = cmd;
  checkValidator(options.validator);
  if (options.collation !== undefined) options.collation = fullCollation(options.collation);
  ctx.storage.apply({ op: 'createCollection', db: ctx.db, coll: name, options: options as Doc });
  return { ok: 1 };
};

export const drop: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const collection = ctx.storage.collection(ctx.db, name);
  if (!collection) throw errors.namespaceNotFound('ns not found');
  ctx.storage.apply({ op: 'dropCollection', db: ctx.db, coll: name });
  return { nIndexesWas: collection.indexSpecs().length, ns: collection.ns, ok: 1 };
};

export const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.storage.apply({ op: 'dropDatabase', db: ctx.db });
  return { dropped: ctx.db, ok: 1 };
};

/** Index types the embedded engine does not build (documented in the README). */
const UNSUPPORTED_INDEX_TYPES = new Set(['2dsphere', '2d', 'geoHaystack', 'text']);

/** A collation spec completed with ICU's defaults, as mongod lists it. */
function fullCollation(spec: unknown): Doc | undefined {
  const c = asDoc(spec);
  if (!collationOf(c)) {
    if (c.locale === 'simple') return undefined;
    throw errors.badValue(`Missing expected field "locale"`);
  }
  return {
    locale: c.locale,
    caseLevel: c.caseLevel ?? false,
    caseFirst: c.caseFirst ?? 'off',
    strength: c.strength ?? 3,
    numericOrdering: c.numericOrdering ?? false,
    alternate: c.alternate ?? 'non-ignorable',
    maxVariable: c.maxVariable ?? 'punct',
    normalization: c.normalization ?? false,
    backwards: c.backwards ?? false,
    version: '57.1',
  };
}

export const createIndexes: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const existing = ctx.storage.collection(ctx.db, name);
  const specs = ((cmd.indexes as Doc[] | undefined) ?? []).map((raw) => {
    const key = asDoc(raw.key);
    if (Object.keys(key).length === 0) throw errors.badValue('Index key pattern must not be empty');
    const kind = Object.values(key).find((v) => typeof v === 'string' && UNSUPPORTED_INDEX_TYPES.has(v));
    if (kind)
      throw errors.cannotCreateIndex(`${String(kind)} indexes are not supported by the embedded engine`);
    const spec: Doc = { ...raw, name: raw.name ?? defaultIndexName(key) };
    // An index without its own collation takes the collection's default, as in mongod.
    const collation =
      raw.collation !== undefined ? fullCollation(raw.collation) : existing?.options.collation;
    if (collation) spec.collation = collation;
    else delete spec.collation;
    return normalizeSpec(spec);
  });
  const { collection, created } = ctx.storage.ensureCollection(ctx.db, name);
  const before = collection.indexSpecs().length;
  for (const spec of specs) {
    if (spec.name === '_id_') continue;
    const sameName = collection.indexes.get(spec.name);
    if (sameName) {
      if (!sameIndex(sameName.spec, spec)) {
        throw errors.indexKeySpecsConflict(
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      continue;
    }
    const sameKey = [...collection.indexes.values()].find(
      (i) => JSON.stringify(i.spec.key) === JSON.stringify(spec.key),
    );
    if (sameKey && !spec.partialFilterExpression && !sameKey.spec.partialFilterExpression) {
      throw errors.indexOptionsConflict(`Index already exists with a different name: ${sameKey.name}`);
    }
    // Built first (may fail on existing duplicates), then journaled.
    collection.addIndex(spec);
    collection.indexes.delete(spec.name);
    ctx.storage.apply({ op: 'createIndex', db: ctx.db, coll: name, spec: spec as Doc });
  }
  return {
    createdCollectionAutomatically: created,
    numIndexesBefore: before,
    numIndexesAfter: collection.indexSpecs().length,
    ok: 1,
  };
};

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  const norm = (s: IndexSpec) =>
    JSON.stringify({
      key: s.key,
      unique: !!s.unique,
      sparse: !!s.sparse,
      collation: s.collation,
      ttl: s.expireAfterSeconds,
      p: s.partialFilterExpression,
    });
  return norm(a) === norm(b);
}

export const listIndexes: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const collection = ctx.storage.collection(ctx.db, name);
  if (!collection) throw errors.namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  const ns = `${ctx.db}.${name}`;
  const { id, batch } = ctx.cursors.start(ns, collection.indexSpecs() as Doc[], undefined);
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
};

export const dropIndexes: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const collection = ctx.storage.collection(ctx.db, name);
  if (!collection) throw errors.namespaceNotFound(`ns not found ${ctx.db}.${name}`);
  const was = collection.indexSpecs().length;
  const which = cmd.index;
  let names: string[];
  if (which === '*') names = [...collection.indexes.keys()];
  else if (typeof which === 'string') names = [which];
  else if (Array.isArray(which)) names = which.map(String);
  else {
    const byKey = collection.findIndexByKey(asDoc(which));
    if (!byKey) throw errors.indexNotFound(`can't find index with key: ${JSON.stringify(which)}`);
    names = [byKey.name];
  }
  for (const n of names) {
    if (n === '_id_') throw errors.invalidOptions('cannot drop _id index');
    if (!collection.indexes.has(n)) throw errors.indexNotFound(`index not found with name [${n}]`);
  }
  for (const n of names) ctx.storage.apply({ op: 'dropIndex', db: ctx.db, coll: name, name: n });
  return { nIndexesWas: was, ok: 1 };
};

export const collMod: Handler = (cmd, ctx) => {
  const name = targetName(cmd);
  const collection = ctx.storage.collection(ctx.db, name);
  if (!collection) throw errors.namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  const validation: Doc = {};
  for (const k of ['validator', 'validationAction', 'validationLevel'] as const)
    if (cmd[k] !== undefined) validation[k] = cmd[k];
  if (Object.keys(validation).length > 0) {
    checkValidator(validation.validator);
    ctx.storage.apply({
      op: 'setOptions',
      db: ctx.db,
      coll: name,
      options: { ...collection.options, ...validation },
    });
  }
  const change = cmd.index as Doc | undefined;
  if (change) {
    const index = change.name
      ? collection.indexes.get(String(change.name))
      : collection.findIndexByKey(asDoc(change.keyPattern));
    if (!index)
      throw errors.indexNotFound(
        `cannot find index ${JSON.stringify(change.name ?? change.keyPattern)} for ns ${collection.ns}`,
      );
    const spec = { ...index.spec };
    if (typeof change.expireAfterSeconds === 'number') spec.expireAfterSeconds = change.expireAfterSeconds;
    ctx.storage.apply({ op: 'dropIndex', db: ctx.db, coll: name, name: index.name });
    ctx.storage.apply({ op: 'createIndex', db: ctx.db, coll: name, spec: spec as Doc });
  }
  return { ok: 1 };
};

export const listCollections: Handler = (cmd, ctx) => {
  const colls = [...(ctx.storage.dbs.get(ctx.db)?.values() ?? [])].map((c) =>
    cmd.nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false, uuid: c.uuid },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  const filter = asDoc(cmd.filter);
  const test = compileFilter(filter);
  const docs = (colls as Doc[]).filter((c) => test(c));
  const ns = `${ctx.db}.$cmd.listCollections`;
  const { id, batch } = ctx.cursors.start(ns, docs, undefined);
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
};

export const listDatabases: Handler = (cmd, ctx) => {
  const databases = [...ctx.storage.dbs.entries()].map(([name, colls]) => {
    const docs = [...colls.values()].reduce((n, c) => n + c.docs.size, 0);
    return { name, sizeOnDisk: docs * 256, empty: docs === 0 };
  });
  const test = compileFilter(asDoc(cmd.filter));
  const filtered = (databases as Doc[]).filter((d) => test(d));
  if (cmd.nameOnly) return { databases: filtered.map((d) => ({ name: d.name })), ok: 1 };
  return { databases: filtered, totalSize: filtered.reduce((n, d) => n + Number(d.sizeOnDisk), 0), ok: 1 };
};

export const renameCollection: Handler = (cmd, ctx) => {
  const [fromDb, ...fromRest] = String(cmd.renameCollection).split('.');
  const [toDb, ...toRest] = String(cmd.to).split('.');
  const from = fromRest.join('.');
  const to = toRest.join('.');
  if (!fromDb || !from || !toDb || !to) throw errors.invalidOptions('Invalid namespace specified');
  if (!ctx.storage.collection(fromDb, from))
    throw errors.namespaceNotFound('source namespace does not exist');
  if (ctx.storage.collection(toDb, to)) {
    if (!cmd.dropTarget) throw errors.namespaceExists('target namespace exists');
    ctx.storage.apply({ op: 'dropCollection', db: toDb, coll: to });
  }
  ctx.storage.apply({ op: 'rename', db: fromDb, coll: from, toDb, toColl: to });
  return { ok: 1 };
};

export const dbStats: Handler = (_cmd, ctx) => {
  const colls = [...(ctx.storage.dbs.get(ctx.db)?.values() ?? [])];
  const objects = colls.reduce((n, c) => n + c.docs.size, 0);
  return {
    db: ctx.db,
    collections: colls.length,
    objects,
    indexes: colls.reduce((n, c) => n + c.indexSpecs().length, 0),
    ok: 1,
  };
};
