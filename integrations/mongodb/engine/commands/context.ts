/** What a command handler gets: the storage, the open cursors and facts about the connection. */
import type { Cursors } from '../cursors';
import type { Storage } from '../storage';
import type { Doc } from '../values';

export interface CommandContext {
  storage: Storage;
  cursors: Cursors;
  db: string;
  connectionId: number;
  clientAddress: string;
  serverAddress: string;
  startedAt: number;
  connections: () => number;
}

export type Handler = (cmd: Doc, ctx: CommandContext) => Doc | Promise<Doc>;

/** The collection name a command targets (its first field's value). */
export function targetName(cmd: Doc): string {
  const v = Object.values(cmd)[0];
  if (typeof v !== 'string' || v === '') throw new TypeError('collection name must be a non-empty string');
  return v;
}

export function asDoc(v: unknown): Doc {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : {};
}

export function optionalNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
