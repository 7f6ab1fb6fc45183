/** find, getMore, killCursors, count, distinct, aggregate and explain. */
import { Slice } from '../cooperative';
import { cursorReply } from '../cursors';
import { type Doc, keyOf, valuesAtPath } from '../values';
import { asDoc, type CommandContext, type Handler, optionalNumber, targetName } from './context';
import { runPipeline } from './pipeline';
import { project } from './projection';
import { collationFor, matching } from './write';

/** Runs a find-shaped request: filter, sort, skip, limit, projection, collation. */
async function runFind(cmd: Doc, ctx: CommandContext): Promise<Doc[]> {
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const filter = asDoc(cmd.filter);
  const sort = cmd.sort as Doc | undefined;
  const skip = optionalNumber(cmd.skip) ?? 0;
  const limit = Math.abs(optionalNumber(cmd.limit) ?? 0);
  const collation = collationFor(cmd.collation, collection);
  const slice = new Slice();
  const all = await matching(collection, filter, limit === 0 ? 0 : skip + limit, sort, collation, slice);
  const page = all.slice(skip, limit > 0 ? skip + limit : undefined);
  const projection = cmd.projection as Doc | undefined;
  if (page.length <= PROJECT_CHUNK) return project(page, projection, filter, collation);
  // Projected in chunks: building a new object per document is long work too.
  const out: Doc[] = [];
  for (let i = 0; i < page.length; i += PROJECT_CHUNK) {
    out.push(...project(page.slice(i, i + PROJECT_CHUNK), projection, filter, collation));
    if (slice.expired()) await slice.pause();
  }
  return out;
}
const PROJECT_CHUNK = 512;

export const find: Handler = async (cmd, ctx) => {
  const docs = await runFind(cmd, ctx);
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

export const count: Handler = async (cmd, ctx) => {
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const skip = optionalNumber(cmd.skip) ?? 0;
  const limit = Math.abs(optionalNumber(cmd.limit) ?? 0);
  const query = asDoc(cmd.query);
  const collation = collationFor(cmd.collation, collection);
  let n =
    Object.keys(query).length === 0
      ? (collection?.docs.size ?? 0)
      : (await matching(collection, query, 0, undefined, collation)).length;
  n = Math.max(0, n - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
};

export const distinct: Handler = async (cmd, ctx) => {
  const collection = ctx.storage.collection(ctx.db, targetName(cmd));
  const key = String(cmd.key);
  const collation = collationFor(cmd.collation, collection);
  const seen = new Map<string, unknown>();
  const slice = new Slice();
  for (const doc of await matching(collection, asDoc(cmd.query), 0, undefined, collation, slice)) {
    for (const v of valuesAtPath(doc, key)) {
      const k = keyOf(v, collation);
      if (v !== undefined && !seen.has(k)) seen.set(k, v);
    }
    if (slice.due()) await slice.pause();
  }
  return { values: [...seen.values()], ok: 1 };
};

export const aggregate: Handler = async (cmd, ctx) => {
  if (cmd.explain)
    return explainPlan(
      { find: cmd.aggregate, filter: asDoc(asDoc((cmd.pipeline as Doc[])?.[0]).$match) },
      ctx,
    );
  const docs = await runPipeline(cmd, ctx);
  const ns = `${ctx.db}.${cmd.aggregate === 1 ? '$cmd.aggregate' : targetName(cmd)}`;
  const { id, batch } = ctx.cursors.start(ns, docs, optionalNumber(asDoc(cmd.cursor).batchSize));
  return cursorReply(ns, id, batch, true);
};

async function explainPlan(inner: Doc, ctx: CommandContext): Promise<Doc> {
  const name = String(Object.values(inner)[0]);
  const collection = ctx.storage.collection(ctx.db, name);
  const filter = asDoc(inner.filter ?? inner.query);
  const collation = collationFor(inner.collation, collection);
  const { docs, plan } = collection?.candidates(filter, collation) ?? {
    docs: [],
    plan: { stage: 'COLLSCAN' as const },
  };
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
    executionStats: {
      totalDocsExamined: examined,
      nReturned: (await matching(collection, filter, 0, undefined, collation)).length,
    },
    ok: 1,
  };
}

export const explain: Handler = (cmd, ctx) => explainPlan(asDoc(cmd.explain), ctx);
