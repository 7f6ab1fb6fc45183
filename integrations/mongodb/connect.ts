/**
 * The database connection: `MONGODB_URI` when set, else the embedded engine on loopback
 * (on the data directory, or in memory). Nothing else in the product knows which it got.
 */
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { openEngine } from './engine';

export interface Database {
  connection: Connection;
  /** 'external' (MONGODB_URI), 'embedded' (this process runs the engine) or 'shared' (another process does). */
  kind: 'external' | 'embedded' | 'shared';
  uri: string;
  /**
   * True when this process started the embedded engine on a data directory that had no data
   * at all (or in memory): the only database the demo portfolio may be loaded into. A
   * directory that recovered empty is not one.
   */
  createdEmpty: boolean;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The URI with its password hidden, for logs. */
export function safeUri(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

export async function connectDatabase(
  mongo: Config['mongo'],
  logger: Logger,
  dbName = 'relance',
): Promise<Database> {
  let uri = mongo.uri;
  let kind: Database['kind'] = 'external';
  let closeEngine: () => Promise<void> = async () => {};
  let createdEmpty = false;
  let currentKind = (): Database['kind'] => kind;
  if (!uri) {
    const opened = await openEngine({
      dataDir: mongo.dataDir,
      port: mongo.embeddedPort,
      onWarning: (message, details) => logger.warn(details, message),
      failover: true,
      onTakeOver: (dataDir) =>
        logger.warn(
          { dataDir },
          'the process running the embedded MongoDB engine is gone: this one took it over',
        ),
      onTakeOverFailed: (message) =>
        logger.error(
          { dataDir: mongo.dataDir, reason: message },
          'cannot reach or take over the embedded MongoDB engine',
        ),
    });
    uri = opened.uri;
    kind = opened.owned ? 'embedded' : 'shared';
    currentKind = () => (opened.owned ? 'embedded' : 'shared');
    closeEngine = () => opened.close();
    createdEmpty = opened.engine?.storage.createdEmpty ?? false;
    logger.info(
      { uri, dataDir: mongo.dataDir ?? '(in memory)', kind },
      opened.owned
        ? 'started the embedded MongoDB engine'
        : 'using the embedded MongoDB engine of another Relance process',
    );
  } else {
    logger.info({ uri: safeUri(uri) }, 'using MongoDB from MONGODB_URI');
  }
  let connection: Connection;
  try {
    connection = await mongoose
      .createConnection(uri, {
        dbName: mongo.uri ? undefined : dbName,
        serverSelectionTimeoutMS: 10_000,
        // The embedded engine is on loopback: a quick heartbeat notices a vanished owner (an
        // idle socket closing is only seen at the next heartbeat) so failover takes seconds.
        heartbeatFrequencyMS: mongo.uri ? undefined : 1000,
        autoIndex: true,
      })
      .asPromise();
  } catch (err) {
    await closeEngine();
    throw err;
  }
  return {
    connection,
    get kind() {
      return currentKind();
    },
    uri,
    createdEmpty,
    // Bounded: /readyz must answer "not ready" quickly, not after the driver's server selection.
    ping: async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          connection
            .db!.admin()
            .ping()
            .then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), 2000);
          }),
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await connection.close();
      await closeEngine();
    },
  };
}
