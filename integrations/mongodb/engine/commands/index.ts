/**
 * Command dispatch: finds the handler by the command's first field, refuses transactions as
 * a standalone mongod does, turns failures into `{ ok: 0, code, codeName, errmsg }`, and
 * waits for the journal before acknowledging a write.
 */
import { errors, MongoCommandError } from '../mongo-error';
import type { Doc } from '../values';
import * as admin from './admin';
import { relanceBackup } from './backup';
import type { CommandContext, Handler } from './context';
import * as query from './query';
import * as write from './write';

const handlers: Record<string, Handler> = {
  hello: admin.hello,
  ismaster: admin.hello,
  isMaster: admin.hello,
  ping: admin.ok,
  buildInfo: admin.buildInfo,
  buildinfo: admin.buildInfo,
  serverStatus: admin.serverStatus,
  endSessions: admin.ok,
  killSessions: admin.ok,
  killAllSessions: admin.ok,
  refreshSessions: admin.ok,
  startSession: admin.ok,
  whatsmyuri: admin.whatsmyuri,
  connectionStatus: admin.connectionStatus,
  getParameter: admin.getParameter,
  getCmdLineOpts: admin.getCmdLineOpts,
  hostInfo: admin.serverStatus,
  dbStats: admin.dbStats,
  create: admin.create,
  drop: admin.drop,
  dropDatabase: admin.dropDatabase,
  createIndexes: admin.createIndexes,
  listIndexes: admin.listIndexes,
  dropIndexes: admin.dropIndexes,
  deleteIndexes: admin.dropIndexes,
  collMod: admin.collMod,
  listCollections: admin.listCollections,
  listDatabases: admin.listDatabases,
  renameCollection: admin.renameCollection,
  insert: write.insert,
  update: write.update,
  delete: write.del,
  findAndModify: write.findAndModify,
  findandmodify: write.findAndModify,
  find: query.find,
  getMore: query.getMore,
  killCursors: query.killCursors,
  count: query.count,
  distinct: query.distinct,
  aggregate: query.aggregate,
  explain: query.explain,
  relanceBackup,
};

const WRITES = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'create',
  'drop',
  'dropDatabase',
  'createIndexes',
  'dropIndexes',
  'deleteIndexes',
  'collMod',
  'renameCollection',
]);

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

export async function runCommand(cmd: Doc, ctx: Omit<CommandContext, 'db'>, dbName?: string): Promise<Doc> {
  const name = Object.keys(cmd)[0] ?? '';
  const db = typeof cmd.$db === 'string' ? cmd.$db : (dbName ?? 'admin');
  let reply: Doc;
  const mark = ctx.storage.mark();
  try {
    if (
      TRANSACTION_COMMANDS.has(name) ||
      cmd.startTransaction ||
      cmd.autocommit === false ||
      cmd.txnNumber !== undefined
    ) {
      throw errors.transactionsUnsupported();
    }
    const handler = handlers[name];
    if (!handler) throw errors.commandNotFound(name);
    reply = await handler(cmd, { ...ctx, db });
  } catch (err) {
    // Invalid arguments surface as the client's error, never as a crash of the engine.
    reply =
      err instanceof MongoCommandError
        ? err.toReply()
        : { ok: 0, errmsg: (err as Error).message ?? String(err), code: 2, codeName: 'BadValue' };
  }
  // A write is acknowledged only once durable, even one that failed half-way (ordered inserts),
  // and so is any command that wrote ($out, $merge). If the disk refuses it, the whole write
  // was undone and the caller gets the disk's error.
  if (WRITES.has(name) || ctx.storage.mark() !== mark) {
    try {
      await ctx.storage.flush(mark);
    } catch (err) {
      return err instanceof MongoCommandError ? err.toReply() : { ok: 0, errmsg: String(err), code: 1 };
    }
  }
  return reply;
}
