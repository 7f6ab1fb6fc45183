/** find, getMore, killCursors, count, distinct, aggregate and explain. */
import { Aggregator, ProcessingMode, Query } from 'mingo';
import { cursorReply } from '../cursors';
import { errors } from '../mongo-error';
import { type Doc, keyOf, valuesAtPath } from '../values';
import { asDoc, type CommandContext, type Handler, optionalNumber, targetName } from './context';
import { matching } from './write';

function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query({}).find(docs, projection as never).all() as Doc[];
}

/** Runs a find-shaped request: filter, sort, skip, limit, projection. */
function runFind(cmd: Doc, ctx: CommandContext): Doc[] {
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const filter = asDoc(cmd.filter);
  const sort = cmd.sort as Doc | undefined;
  const skip = optionalNumber(cmd.skip) ?? 0;
  const limit = Math.abs(optionalNumber(cmd.limit) ?? 0);
  const hasSort = !!sort && Object.keys(sort).length > 0;
  const all = matching(
    collection,
    filter,
    hasSort || limit === 0 ? 0 : skip + limit,
    hasSort ? sort : undefined,
  );
  const page = all.slice(skip, limit > 0 ? skip + limit : undefined);
  return project(page, cmd.projection as Doc | undefined);
}

export const find: Handler = (cmd, ctx) => {
  const docs = runFind(cmd, ctx);
  const ns = `${ctx.db}.${targetName(cmd)}`;
  const single = cmd.singleBatch === true || (optionalNumber(cmd.limit) ?? 0) < 0;
  const { id, batch } = ctx.cursors.start(ns, docs, optionalNumber(cmd.batchSize), single);
  return cursorReply(ns, id, batch, true);
};

export const getMore: Handler = (cmd, ctx) => {
  const { id, batch, ns } = ctx.cursors.more(cmd.getMore, optionalNumber(cmd.batchSize));
  return cursorReply(ns, id, batch, false);
};

export const killCursors: Handler = (cmd, ctx) => {
  const { killed, notFound } = ctx.cursors.kill((cmd.cursors as unknown[]) ?? []);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

export const count: Handler = (cmd, ctx) => {
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const skip = optionalNumber(cmd.skip) ?? 0;
  const limit = Math.abs(optionalNumber(cmd.limit) ?? 0);
  const query = asDoc(cmd.query);
  let n = Object.keys(query).length === 0 ? (collection?.docs.size ?? 0) : matching(collection, query).length;
  n = Math.max(0, n - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
};

export const distinct: Handler = (cmd, ctx) => {
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const key = String(cmd.key);
  const seen = new Map<string, unknown>();
  for (const doc of matching(collection, asDoc(cmd.query))) {
    for (const v of valuesAtPath(doc, key)) if (v !== undefined && !seen.has(keyOf(v))) seen.set(keyOf(v), v);
  }
  return { values: [...seen.values()], ok: 1 };
};

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

function runPipeline(cmd: Doc, ctx: CommandContext): Doc[] {
  const pipeline = (cmd.pipeline as Doc[] | undefined) ?? [];
  if (pipeline.some((stage) => '$changeStream' in stage)) throw errors.changeStreamUnsupported();
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name === '$out' || name === '$merge')
      throw errors.badValue(`${name} is not supported by the embedded engine`);
  }
  if (cmd.aggregate === 1) return []; // database-level stages ($currentOp, $listLocalSessions): nothing to report
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const first = pipeline[0];
  // A leading $match narrows the input through the indexes before mingo runs the pipeline.
  const input =
    first && '$match' in first
      ? matching(collection, asDoc(first.$match))
      : [...(collection?.docs.values() ?? [])];
  const readOnly = pipeline.every((s) => READ_ONLY_STAGES.has(Object.keys(s)[0]!));
  const aggregator = new Aggregator(pipeline, {
    processingMode: readOnly ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT,
    collectionResolver: (name: string) => [...(ctx.storage.collection(ctx.db, name)?.docs.values() ?? [])],
    variables: cmd.let as Doc | undefined,
  } as never);
  return aggregator.run(input) as Doc[];
}

export const aggregate: Handler = (cmd, ctx) => {
  if (cmd.explain)
    return explainPlan(
      { find: cmd.aggregate, filter: asDoc(asDoc((cmd.pipeline as Doc[])?.[0]).$match) },
      ctx,
    );
  const docs = runPipeline(cmd, ctx);
  const ns = `${ctx.db}.${cmd.aggregate === 1 ? '$cmd.aggregate' : targetName(cmd)}`;
  const { id, batch } = ctx.cursors.start(ns, docs, optionalNumber(asDoc(cmd.cursor).batchSize));
  return cursorReply(ns, id, batch, true);
};

function explainPlan(inner: Doc, ctx: CommandContext): Doc {
  const name = String(Object.values(inner)[0]);
  const collection = ctx.storage.collection(ctx.db, name);
  const filter = asDoc(inner.filter ?? inner.query);
  const { docs, plan } = collection?.candidates(filter) ?? { docs: [], plan: { stage: 'COLLSCAN' as const } };
  const examined = [...docs].length;
  const scan =
    plan.stage === 'IXSCAN'
      ? {
          stage: 'FETCH',
          inputStage: {
            stage: 'IXSCAN',
            indexName: plan.indexName,
            keyPattern: collection?.indexes.get(plan.indexName!)?.spec.key,
          },
        }
      : { stage: plan.stage };
  return {
    queryPlanner: {
      namespace: `${ctx.db}.${name}`,
      parsedQuery: filter,
      winningPlan: scan,
      rejectedPlans: [],
    },
    executionStats: { totalDocsExamined: examined, nReturned: matching(collection, filter).length },
    ok: 1,
  };
}

export const explain: Handler = (cmd, ctx) => explainPlan(asDoc(cmd.explain), ctx);
