/**
 * `{ relanceBackup: "<dir>" }` on admin: writes a consistent snapshot of the engine's state
 * into a new (or empty) directory while it keeps serving. Engine-specific (mongod has no such
 * command: use mongodump there); used by `relance db --backup DIR`.
 */
import { backupStorage } from '../maintenance';
import { errors } from '../mongo-error';
import type { Handler } from './context';

export const relanceBackup: Handler = async (cmd, ctx) => {
  if (ctx.db !== 'admin')
    throw errors.illegalOperation('relanceBackup may only be run against the admin database');
  const target = cmd.relanceBackup;
  if (typeof target !== 'string' || target === '')
    throw errors.badValue('relanceBackup expects a directory path');
  try {
    const documents = await backupStorage(ctx.storage, target);
    return { ok: 1, dir: target, documents };
  } catch (err) {
    throw errors.illegalOperation((err as Error).message);
  }
};
