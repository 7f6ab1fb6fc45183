/**
 * What the embedded engine refuses on purpose (documented in the README's MongoDB section),
 * with mongod-like codes. These run on the embedded engine only: a real mongod supports them.
 */
import { MongoClient } from 'mongodb';
import { type RunningEngine, startEngine } from '../../../integrations/mongodb/engine';
import { serverError } from '../../helpers/mongo';

let engine: RunningEngine;
let client: MongoClient;
beforeAll(async () => {
  engine = await startEngine();
  client = await new MongoClient(engine.uri).connect();
});
afterAll(async () => {
  await client.close();
  await engine.close();
});

describe('the embedded engine refuses, as documented', () => {
  it('runs no JavaScript: $where answers as a mongod without a script engine', async () => {
    const c = client.db('refusals').collection('where');
    await c.insertOne({ a: 1 });
    const err = await serverError(c.find({ $where: 'this.a === 1' }).toArray());
    expect([err.code, err.message]).toEqual([2, 'no globalScriptEngine in $where parsing']);
  });

  it('builds no geospatial or text index, so geo and $text queries have none to use', async () => {
    const c = client.db('refusals').collection('geo');
    await c.insertOne({ loc: { type: 'Point', coordinates: [2.35, 48.85] }, body: 'relance' });
    for (const key of [{ loc: '2dsphere' }, { loc: '2d' }, { body: 'text' }] as const) {
      const err = await serverError(c.createIndex(key as never));
      expect(err.code).toBe(67);
      expect(err.codeName).toBe('CannotCreateIndex');
    }
    const within = await serverError(
      c.find({ loc: { $geoWithin: { $centerSphere: [[2.35, 48.85], 0.01] } } }).toArray(),
    );
    expect(within.code).toBe(2);
    expect(within.message).toMatch(/\$geoWithin is not supported by the embedded engine/);
    const near = await serverError(
      c.aggregate([{ $geoNear: { near: [2.35, 48.85], distanceField: 'd' } }]).toArray(),
    );
    expect(near.code).toBe(291);
    expect((await serverError(c.find({ $text: { $search: 'relance' } }).toArray())).code).toBe(27);
  });

  it('refuses stages that report a sharded or Atlas deployment', async () => {
    const c = client.db('refusals').collection('stages');
    const err = await serverError(c.aggregate([{ $search: { text: { query: 'x', path: 'a' } } }]).toArray());
    expect(err.code).toBe(20);
    expect(err.message).toBe('$search is not supported by the embedded engine');
  });
});
