/**
 * Aggregation: stage names checked as mongod checks them (40324 for an unknown one), a leading
 * `$match` answered through the indexes, a native `$group` for the common shapes (plain field
 * keys, $sum/$avg/$min/$max/$first/$last/$count/$push/$addToSet of fields), everything else
 * evaluated by mingo over number-promoted views, and `$out` / `$merge` written to the target
 * collection through the storage (so they are journaled like any write).
 */
import { ObjectId } from 'bson';
import { Aggregator, ProcessingMode } from 'mingo';
import type { Collation } from '../collation';
import { Collection } from '../collection';
import { Slice, sortBySpecCooperatively } from '../cooperative';
import { NumericTotal } from '../decimal';
import { asCommandError, isPlainDoc, mingoView } from '../matcher';
import { duplicateKeyError, errors, MongoCommandError } from '../mongo-error';
import { idFirst } from '../update-apply';
import { compareValues, type Doc, keyOf, typeRank, valuesAtPath } from '../values';
import { asDoc, type CommandContext, targetName } from './context';
import { collationFor, matching, matchingNow } from './write';

/** The stages mingo evaluates. */
const MINGO_STAGES = new Set(
  (
    '$addFields $bucket $bucketAuto $count $densify $documents $facet $fill $graphLookup $group $limit $lookup ' +
    '$match $project $redact $replaceRoot $replaceWith $sample $set $setWindowFields $skip $sort $sortByCount ' +
    '$unionWith $unset $unwind'
  ).split(' '),
);
/** Every stage mongod knows; those mingo lacks are refused below with mongod-like errors. */
const MONGOD_STAGES = new Set([
  ...MINGO_STAGES,
  ...(
    '$changeStream $changeStreamSplitLargeEvent $collStats $currentOp $geoNear $indexStats $listLocalSessions ' +
    '$listSampledQueries $listSearchIndexes $listSessions $merge $out $planCacheStats $querySettings $search ' +
    '$searchMeta $shardedDataDistribution $vectorSearch'
  ).split(' '),
]);
/** Database-level stages that report server state: a standalone embedded engine has none to report. */
const EMPTY_REPORTS = new Set(['$currentOp', '$listLocalSessions', '$listSessions']);

function checkStages(pipeline: Doc[]): void {
  pipeline.forEach((stage, i) => {
    if (!isPlainDoc(stage) || Object.keys(stage).length !== 1)
      throw new MongoCommandError(
        40323,
        'Location40323',
        'A pipeline stage specification object must contain exactly one field.',
      );
    const name = Object.keys(stage)[0]!;
    if (!MONGOD_STAGES.has(name)) throw errors.unrecognizedStage(name);
    if (name === '$changeStream') throw errors.changeStreamUnsupported();
    if (name === '$geoNear') throw errors.geoUnsupported('$near');
    if ((name === '$out' || name === '$merge') && i !== pipeline.length - 1)
      throw new MongoCommandError(
        40601,
        'Location40601',
        `${name} can only be the final stage in the pipeline`,
      );
    if (name === '$documents' && i !== 0)
      throw new MongoCommandError(
        40602,
        'Location40602',
        '$documents is only valid as the first stage in a pipeline',
      );
    if (!MINGO_STAGES.has(name) && !EMPTY_REPORTS.has(name) && name !== '$out' && name !== '$merge')
      throw errors.illegalOperation(`${name} is not supported by the embedded engine`);
  });
}

export async function runPipeline(cmd: Doc, ctx: CommandContext): Promise<Doc[]> {
  const pipeline = ((cmd.pipeline as Doc[] | undefined) ?? []).slice();
  if (!Array.isArray(cmd.pipeline))
    throw errors.typeMismatch("'pipeline' option must be specified as an array");
  checkStages(pipeline);
  const last = pipeline[pipeline.length - 1];
  const writer = last && ('$out' in last || '$merge' in last) ? pipeline.pop()! : undefined;
  const dbLevel = cmd.aggregate === 1;
  const firstName = pipeline[0] ? Object.keys(pipeline[0])[0]! : '';
  if (dbLevel && EMPTY_REPORTS.has(firstName)) return [];
  if (dbLevel && firstName !== '$documents')
    throw errors.invalidNamespace(
      `{aggregate: 1} is not valid for '${firstName}'; a collection is required.`,
    );
  const collection = dbLevel ? undefined : ctx.storage.collection(ctx.db, targetName(cmd));
  const collation = collationFor(cmd.collation, collection);
  const slice = new Slice();
  let input: Doc[] = [];
  if (!dbLevel) {
    const first = pipeline[0];
    // A leading $match narrows the input through the indexes (and the engine's matcher).
    if (first && '$match' in first) {
      input = await matching(collection, asDoc(first.$match), 0, undefined, collation, slice);
      pipeline.shift();
    } else input = Array.from(collection?.docs.values() ?? []);
  }
  let results = await leadingStages(pipeline, input, cmd, ctx, collation, slice);
  if (pipeline.length > 0)
    results = evaluate(pipeline, results.map(mingoView), cmd, ctx, pipeline.every(readOnly));
  if (writer) {
    if ('$out' in writer) writeOut(ctx, writer.$out, results);
    else writeMerge(ctx, writer.$merge, results);
    return [];
  }
  return results;
}

/** Stages that take one document at a time, so mingo can run them over a chunk of the input. */
const PER_DOCUMENT = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
  '$unwind',
  '$redact',
]);
const CHUNK = 1000;

/**
 * Runs the stages at the head of `pipeline` that can be done in slices (cooperative.ts), and
 * removes them from it: `$sort` (the engine's order, with the command's collation), `$limit`,
 * `$skip`, the native `$group`, and runs of one-document-at-a-time stages given to mingo chunk
 * by chunk. The first other stage and the rest go to mingo in one go, over what is left.
 */
async function leadingStages(
  pipeline: Doc[],
  input: Doc[],
  cmd: Doc,
  ctx: CommandContext,
  collation: Collation | null,
  slice: Slice,
): Promise<Doc[]> {
  let docs = input;
  while (pipeline.length > 0) {
    const stage = pipeline[0]!;
    const name = Object.keys(stage)[0]!;
    const arg = stage[name];
    if (name === '$sort' && plainSort(arg)) {
      docs = await sortBySpecCooperatively(docs, arg, collation, slice);
    } else if (name === '$limit' && Number.isInteger(arg) && (arg as number) > 0) {
      docs = docs.slice(0, arg as number);
    } else if (name === '$skip' && Number.isInteger(arg) && (arg as number) >= 0) {
      docs = docs.slice(arg as number);
    } else if (name === '$group') {
      const grouped = await nativeGroup(docs, arg, slice, collation);
      if (!grouped) break;
      docs = grouped;
    } else if (PER_DOCUMENT.has(name)) {
      let end = 1;
      while (end < pipeline.length && PER_DOCUMENT.has(Object.keys(pipeline[end]!)[0]!)) end++;
      const stages = pipeline.slice(0, end);
      const out: Doc[] = [];
      for (let i = 0; i < Math.max(docs.length, 1); i += CHUNK) {
        const chunk = docs.slice(i, i + CHUNK).map(mingoView);
        out.push(...evaluate(stages, chunk, cmd, ctx, stages.every(readOnly)));
        if (slice.expired()) await slice.pause();
      }
      docs = out;
      pipeline.splice(0, end - 1);
    } else break;
    pipeline.shift();
  }
  return docs;
}

/** A sort spec of fields and directions only (1/-1): anything else is mingo's to check. */
function plainSort(spec: unknown): spec is Doc {
  return (
    isPlainDoc(spec) && Object.keys(spec).length > 0 && Object.values(spec).every((v) => v === 1 || v === -1)
  );
}

/** Stages that never write into their input documents, so mingo can skip cloning them. */
const READ_ONLY_STAGES = new Set([
  '$match',
  '$group',
  '$sort',
  '$limit',
  '$skip',
  '$count',
  '$sortByCount',
  '$project',
]);
const readOnly = (s: Doc) => READ_ONLY_STAGES.has(Object.keys(s)[0]!);

function evaluate(pipeline: Doc[], input: Doc[], cmd: Doc, ctx: CommandContext, noClone: boolean): Doc[] {
  const aggregator = new Aggregator(pipeline, {
    processingMode: noClone ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT,
    collectionResolver: (name: string) =>
      [...(ctx.storage.collection(ctx.db, name)?.docs.values() ?? [])].map(mingoView),
    variables: cmd.let as Doc | undefined,
  } as never);
  try {
    return aggregator.run(input) as Doc[];
  } catch (err) {
    throw asCommandError(err);
  }
}

// ---- native $group ----------------------------------------------------------------------

type Accumulate = { init(): unknown; step(acc: unknown, doc: Doc): unknown; done(acc: unknown): unknown };

/** A plain field reference ("$a.b"), the only expressions the native path evaluates. */
function fieldRef(expr: unknown): string | null {
  return typeof expr === 'string' && /^\$[^$.][^$]*$/.test(expr) ? expr.slice(1) : null;
}

function read(doc: Doc, path: string): unknown {
  if (!path.includes('.')) return Object.hasOwn(doc, path) ? doc[path] : undefined;
  const values = valuesAtPath(doc, path);
  // Through an array, mongod's field path yields an array of the values: leave that to mingo.
  return values.length === 1 ? values[0] : NOT_NATIVE;
}
const NOT_NATIVE = Symbol('not native');

/** `$sum` / `$avg`: numbers added as mongod does (int, long, double, exact decimal: decimal.ts). */
function numericTotal(value: (doc: Doc) => unknown, done: (t: NumericTotal) => unknown): Accumulate {
  return {
    init: () => new NumericTotal(),
    step: (acc, doc) => {
      const v = value(doc);
      if (typeRank(v) === 3) (acc as NumericTotal).add(v);
      return acc;
    },
    done: (acc) => done(acc as NumericTotal),
  };
}

function accumulator(spec: unknown, collation: Collation | null): Accumulate | null {
  if (!isPlainDoc(spec) || Object.keys(spec).length !== 1) return null;
  const [op, arg] = Object.entries(spec)[0]!;
  const path = fieldRef(arg);
  const value = (doc: Doc) => (path === null ? arg : read(doc, path));
  const constant = path === null && (typeof arg === 'number' || arg === null);
  switch (op) {
    case '$sum':
      if (path === null && !constant) return null;
      // Totals keep mongod's result type (int, long, double, exact decimal): decimal.ts.
      return numericTotal(value, (t) => t.sum());
    case '$count':
      if (!isPlainDoc(arg) || Object.keys(arg).length > 0) return null;
      return { init: () => 0, step: (acc) => (acc as number) + 1, done: (acc) => acc };
    case '$avg':
      if (path === null) return null;
      return numericTotal(value, (t) => t.average());
    case '$min':
    case '$max':
      if (path === null) return null;
      return {
        init: () => undefined,
        step: (acc, doc) => {
          const v = value(doc);
          if (v === undefined || v === null) return acc;
          if (acc === undefined) return v;
          const c = compareValues(v, acc);
          return (op === '$min' ? c < 0 : c > 0) ? v : acc;
        },
        done: (acc) => acc ?? null,
      };
    case '$first':
    case '$last':
      if (path === null) return null;
      return {
        init: () => NOT_SEEN,
        step: (acc, doc) => (op === '$first' && acc !== NOT_SEEN ? acc : (value(doc) ?? null)),
        done: (acc) => (acc === NOT_SEEN ? null : acc),
      };
    case '$push':
    case '$addToSet':
      if (path === null) return null;
      return {
        init: () => new Map<string, unknown>(),
        step: (acc, doc) => {
          const v = value(doc);
          if (v === undefined) return acc;
          const m = acc as Map<string, unknown>;
          m.set(op === '$push' ? String(m.size) : keyOf(v, collation), v);
          return m;
        },
        done: (acc) => [...(acc as Map<string, unknown>).values()],
      };
    default:
      return null;
  }
}
const NOT_SEEN = Symbol('not seen');

/**
 * The grouped documents, or null when the $group needs mingo's general evaluation. Documents
 * are read as stored (BSON number wrappers compare and add through values.ts), and a group's
 * key is the joined keys of its fields, so no key document is built per input document.
 */
async function nativeGroup(
  input: Doc[],
  spec: unknown,
  slice: Slice,
  collation: Collation | null,
): Promise<Doc[] | null> {
  if (!isPlainDoc(spec) || !('_id' in spec)) return null;
  const idSpec = spec._id;
  let paths: Array<[string | null, string]>; // [output field (null: the _id itself), path]
  let constant: unknown;
  const single = fieldRef(idSpec);
  if (single !== null) paths = [[null, single]];
  else if (isPlainDoc(idSpec) && Object.keys(idSpec).length > 0) {
    paths = [];
    for (const [k, e] of Object.entries(idSpec)) {
      const p = fieldRef(e);
      if (p === null || k.startsWith('$') || k.includes('.')) return null;
      paths.push([k, p]);
    }
  } else if (
    idSpec === null ||
    typeof idSpec === 'number' ||
    (typeof idSpec === 'string' && !idSpec.startsWith('$'))
  ) {
    paths = [];
    constant = idSpec;
  } else return null;
  const fields: Array<[string, Accumulate]> = [];
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue;
    const a = accumulator(acc, collation);
    if (!a || name.includes('.') || name.startsWith('$')) return null;
    fields.push([name, a]);
  }
  const groups = new Map<string, { id: unknown; accs: unknown[] }>();
  const values: unknown[] = new Array(paths.length);
  for (const doc of input) {
    let k = '';
    for (let i = 0; i < paths.length; i++) {
      const v = read(doc, paths[i]![1]);
      if (v === NOT_NATIVE) return null;
      values[i] = v;
      // A missing field and null group together for a lone key; in a key document a missing field is left out.
      k += `${i === 0 ? '' : '\u0001'}${v === undefined ? (paths[i]![0] === null ? 'z' : 'm') : keyOf(v, collation)}`;
    }
    let g = groups.get(k);
    if (!g) {
      let id: unknown = constant;
      if (paths.length === 1 && paths[0]![0] === null) id = values[0] ?? null;
      else if (paths.length > 0) {
        const out: Doc = {};
        paths.forEach(([name], i) => {
          if (values[i] !== undefined) out[name!] = values[i];
        });
        id = out;
      }
      g = { id, accs: fields.map(([, a]) => a.init()) };
      groups.set(k, g);
    }
    for (let i = 0; i < fields.length; i++) {
      const next = fields[i]![1].step(g.accs[i], doc);
      if (next === NOT_NATIVE) return null;
      g.accs[i] = next;
    }
    if (slice.due()) await slice.pause();
  }
  return [...groups.values()].map((g) => {
    const out: Doc = { _id: g.id };
    fields.forEach(([name, a], i) => {
      out[name] = a.done(g.accs[i]);
    });
    return out;
  });
}

// ---- $out and $merge --------------------------------------------------------------------

function target(ctx: CommandContext, spec: unknown, stage: string): { db: string; coll: string } {
  if (typeof spec === 'string') return { db: ctx.db, coll: spec };
  if (isPlainDoc(spec)) {
    const into = stage === '$merge' ? spec.into : spec;
    if (typeof into === 'string') return { db: ctx.db, coll: into };
    if (isPlainDoc(into) && typeof into.coll === 'string')
      return { db: typeof into.db === 'string' ? into.db : ctx.db, coll: into.coll };
  }
  throw errors.failedToParse(`${stage} must name a target collection`);
}

/** Replaces the target's documents with `results`, keeping its indexes; nothing changes if any would fail. */
function writeOut(ctx: CommandContext, spec: unknown, results: Doc[]): void {
  const { db, coll } = target(ctx, spec, '$out');
  const existing = ctx.storage.collection(db, coll);
  const trial = new Collection(db, coll, existing?.options ?? {});
  for (const s of existing?.indexSpecs().slice(1) ?? []) trial.addIndex(s);
  const docs = results.map((r) => idFirst(r));
  for (const doc of docs) {
    trial.checkUnique(doc);
    trial.put(doc);
  }
  const { collection } = ctx.storage.ensureCollection(db, coll);
  for (const old of [...collection.docs.values()]) ctx.storage.apply({ op: 'del', db, coll, id: old._id });
  for (const doc of docs) ctx.storage.apply({ op: 'put', db, coll, doc });
}

function writeMerge(ctx: CommandContext, spec: unknown, results: Doc[]): void {
  const { db, coll } = target(ctx, spec, '$merge');
  const options = isPlainDoc(spec) ? spec : {};
  const on =
    options.on === undefined
      ? ['_id']
      : Array.isArray(options.on)
        ? options.on.map(String)
        : [String(options.on)];
  const whenMatched = options.whenMatched ?? 'merge';
  const whenNotMatched = options.whenNotMatched ?? 'insert';
  const { collection } = ctx.storage.ensureCollection(db, coll);
  for (const result of results) {
    const doc = on.includes('_id') && result._id === undefined ? { _id: new ObjectId(), ...result } : result;
    const filter: Doc = {};
    for (const f of on) {
      const v = valuesAtPath(doc, f);
      if (v.length !== 1 || v[0] === undefined || Array.isArray(v[0]))
        throw new MongoCommandError(
          51132,
          'Location51132',
          `$merge write error: 'on' field '${f}' cannot be missing, null, undefined or an array`,
        );
      filter[f] = v[0];
    }
    const existing = matchingNow(collection, filter, 1)[0];
    if (!existing) {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail')
        throw new MongoCommandError(
          13113,
          'MergeStageNoMatchingDocument',
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      const stored = idFirst(doc);
      collection.checkUnique(stored);
      ctx.storage.apply({ op: 'put', db, coll, doc: stored });
      continue;
    }
    let next: Doc;
    if (whenMatched === 'keepExisting') continue;
    if (whenMatched === 'fail')
      throw duplicateKeyError(collection.ns, '_id_', { _id: 1 }, { _id: existing._id });
    if (whenMatched === 'replace') next = { ...doc, _id: existing._id };
    else if (whenMatched === 'merge') next = { ...existing, ...doc, _id: existing._id };
    else if (Array.isArray(whenMatched)) {
      const out = evaluate(
        whenMatched as Doc[],
        [mingoView(existing)],
        { let: { ...(options.let as Doc), new: mingoView(doc) } },
        ctx,
        false,
      );
      next = { ...out[0], _id: existing._id };
    } else
      throw errors.badValue(
        `Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`,
      );
    const stored = idFirst(next);
    collection.checkUnique(stored, keyOf(existing._id));
    ctx.storage.apply({ op: 'put', db, coll, doc: stored });
  }
}
