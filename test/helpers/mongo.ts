/**
 * A database for a test: the real server named by MONGODB_URI when set (a throw-away
 * database per suite), else a fresh in-memory embedded engine. Same driver either way.
 */
import { randomBytes } from 'node:crypto';
import { type Db, MongoClient, MongoServerError } from 'mongodb';
import { type RunningEngine, startEngine } from '../../integrations/mongodb/engine';

export interface TestDb {
  client: MongoClient;
  db: Db;
  uri: string;
  external: boolean;
  engine?: RunningEngine;
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const external = process.env.MONGODB_URI;
  const engine = external ? undefined : await startEngine({ ttlIntervalMs: 200 });
  const uri = external ?? engine!.uri;
  const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 5000 }).connect();
  const db = client.db(`relance_test_${randomBytes(4).toString('hex')}`);
  return {
    client,
    db,
    uri,
    external: !!external,
    engine,
    close: async () => {
      if (external) await db.dropDatabase();
      await client.close();
      await engine?.close();
    },
  };
}

/** The server's refusal of `p` (fails the test if `p` succeeds or fails otherwise). */
export async function serverError(p: Promise<unknown>): Promise<MongoServerError> {
  try {
    await p;
  } catch (err) {
    // mongoose may carry its own copy of the driver: recognise its server errors by name.
    if (err instanceof MongoServerError || (err as Error).name === 'MongoServerError')
      return err as MongoServerError;
    throw err;
  }
  throw new Error('expected the server to refuse');
}
