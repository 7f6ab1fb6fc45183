/**
 * The conformance suite: what the product relies on from MongoDB, checked against the
 * embedded engine — or, with MONGODB_URI set, against that real server, unchanged.
 */
import { Decimal128, type MongoServerError, ObjectId } from 'mongodb';
import { openTestDb, serverError, type TestDb } from '../../helpers/mongo';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

describe('CRUD', () => {
  it('inserts, finds, updates, replaces and deletes', async () => {
    const c = t.db.collection('crud');
    const { insertedId } = await c.insertOne({ name: 'Acme', amount: 1250 });
    expect(insertedId).toBeInstanceOf(ObjectId);
    await c.insertMany([
      { name: 'Durand', amount: 300 },
      { name: 'Zeta', amount: 50 },
    ]);
    expect(await c.countDocuments()).toBe(3);
    expect(await c.countDocuments({ amount: { $gt: 100 } })).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(3);

    const r = await c.updateOne({ name: 'Acme' }, { $set: { amount: 1000 } });
    expect([r.matchedCount, r.modifiedCount]).toEqual([1, 1]);
    const same = await c.updateOne({ name: 'Acme' }, { $set: { amount: 1000 } });
    expect([same.matchedCount, same.modifiedCount]).toEqual([1, 0]);

    await c.replaceOne({ name: 'Zeta' }, { name: 'Zeta SA', amount: 75 });
    const zeta = await c.findOne({ name: 'Zeta SA' });
    expect(zeta).toMatchObject({ name: 'Zeta SA', amount: 75 });
    expect(Object.keys(zeta!)[0]).toBe('_id');

    const many = await c.updateMany({}, { $inc: { amount: 1 } });
    expect(many.modifiedCount).toBe(3);
    expect((await c.deleteOne({ name: 'Durand' })).deletedCount).toBe(1);
    expect((await c.deleteMany({})).deletedCount).toBe(2);
    expect(await c.findOne({})).toBeNull();
  });

  it('refuses to change _id', async () => {
    const c = t.db.collection('immutable');
    await c.insertOne({ _id: 'a' as never, v: 1 });
    const err = await serverError(c.updateOne({ _id: 'a' as never }, { $set: { _id: 'b' } }));
    expect(err.code).toBe(66);
  });

  it('projects, sorts, skips and limits', async () => {
    const c = t.db.collection('paging');
    await c.insertMany([3, 1, 2, 5, 4].map((n) => ({ n, label: `n${n}`, secret: 'x' })));
    const docs = await c
      .find({}, { projection: { _id: 0, n: 1, label: 1 } })
      .sort({ n: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(docs).toEqual([
      { n: 4, label: 'n4' },
      { n: 3, label: 'n3' },
    ]);
    const excluded = await c.findOne({ n: 1 }, { projection: { secret: 0, _id: 0 } });
    expect(excluded).toEqual({ n: 1, label: 'n1' });
  });
});

describe('update operators', () => {
  it('applies the operators mongoose and agenda send', async () => {
    const c = t.db.collection('ops');
    await c.insertOne({
      _id: 1 as never,
      a: 5,
      b: 2,
      tags: ['x'],
      nested: { keep: true, drop: 1 },
      old: 'o',
      lines: [
        { n: 1, ok: false },
        { n: 2, ok: false },
      ],
    });
    await c.updateOne({ _id: 1 as never }, {
      $inc: { a: 2 },
      $mul: { b: 3 },
      $unset: { 'nested.drop': '' },
      $rename: { old: 'renamed' },
      $push: { tags: { $each: ['y', 'z'], $slice: -2 } },
      $currentDate: { touchedAt: true },
    } as never);
    await c.updateOne(
      { _id: 1 as never },
      { $min: { a: 3 }, $max: { b: 10 }, $addToSet: { tags: 'y' }, $set: { 'lines.$[l].ok': true } } as never,
      {
        arrayFilters: [{ 'l.n': 2 }],
      },
    );
    await c.updateOne({ _id: 1 as never, 'lines.n': 1 }, { $set: { 'lines.$.note': 'first' } } as never);
    await c.updateOne({ _id: 1 as never }, { $pull: { tags: 'z' }, $pop: { lines: 1 } } as never);
    const d = await c.findOne({ _id: 1 as never });
    expect(d).toMatchObject({
      a: 3,
      b: 10,
      tags: ['y'],
      nested: { keep: true },
      renamed: 'o',
      lines: [{ n: 1, ok: false, note: 'first' }],
    });
    expect(d!.nested).not.toHaveProperty('drop');
    expect(d!.touchedAt).toBeInstanceOf(Date);
  });

  it('runs pipeline updates', async () => {
    const c = t.db.collection('pipeline');
    await c.insertOne({ _id: 1 as never, amount: 1000, paid: 250 });
    await c.updateOne({ _id: 1 as never }, [{ $set: { open: { $subtract: ['$amount', '$paid'] } } }]);
    expect(await c.findOne({ _id: 1 as never })).toMatchObject({ open: 750 });
  });

  it('rejects an unknown modifier', async () => {
    const c = t.db.collection('badop');
    await c.insertOne({ a: 1 });
    const err = await serverError(c.updateOne({}, { $frobnicate: { a: 1 } } as never));
    expect(err.code).toBe(9);
  });
});

describe('upserts', () => {
  it('inserts from the filter equalities and $setOnInsert, and only updates afterwards', async () => {
    const c = t.db.collection('upserts');
    const first = await c.updateOne(
      { key: 'op-1', 'scope.team': 'north' },
      { $set: { status: 'pending' }, $setOnInsert: { createdBy: 'marie' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    const second = await c.updateOne(
      { key: 'op-1', 'scope.team': 'north' },
      { $set: { status: 'done' }, $setOnInsert: { createdBy: 'paul' } },
      { upsert: true },
    );
    expect([second.upsertedCount, second.matchedCount]).toEqual([0, 1]);
    const docs = await c.find({}, { projection: { _id: 0 } }).toArray();
    expect(docs).toEqual([{ key: 'op-1', scope: { team: 'north' }, status: 'done', createdBy: 'marie' }]);
  });

  it('upserts by _id with an operator update', async () => {
    const c = t.db.collection('counters');
    await c.updateOne({ _id: 'digest:2026-11-23' as never }, { $inc: { sent: 1 } }, { upsert: true });
    await c.updateOne({ _id: 'digest:2026-11-23' as never }, { $inc: { sent: 1 } }, { upsert: true });
    expect(await c.find({}).toArray()).toEqual([{ _id: 'digest:2026-11-23', sent: 2 }]);
  });

  it('findOneAndUpdate with sort, upsert, projection and returnDocument', async () => {
    const c = t.db.collection('fam');
    await c.insertMany([
      { q: 'a', p: 2 },
      { q: 'a', p: 9 },
      { q: 'a', p: 5 },
    ]);
    const top = await c.findOneAndUpdate(
      { q: 'a' },
      { $set: { taken: true } },
      { sort: { p: -1 }, returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(top).toEqual({ q: 'a', p: 9, taken: true });
    const before = await c.findOneAndUpdate(
      { q: 'a', p: 2 },
      { $inc: { p: 1 } },
      { returnDocument: 'before' },
    );
    expect(before).toMatchObject({ p: 2 });
    const created = await c.findOneAndUpdate(
      { q: 'b' },
      { $setOnInsert: { p: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(created).toMatchObject({ q: 'b', p: 1 });
    const removed = await c.findOneAndDelete({ q: 'a' }, { sort: { p: 1 } });
    expect(removed).toMatchObject({ p: 3 });
    expect(await c.countDocuments({ q: 'a' })).toBe(2);
    expect(await c.findOneAndUpdate({ q: 'none' }, { $set: { x: 1 } })).toBeNull();
  });
});

describe('unique indexes', () => {
  it('answers a duplicate with the E11000 shape drivers parse', async () => {
    const c = t.db.collection('invoices');
    await c.createIndex({ number: 1 }, { unique: true });
    await c.insertOne({ number: 'INV-1042', amount: 100 });
    const err = await serverError(c.insertOne({ number: 'INV-1042', amount: 200 }));
    expect(err.code).toBe(11000);
    expect(err.message).toMatch(
      /^E11000 duplicate key error collection: .*\.invoices index: number_1 dup key: \{ number: "INV-1042" \}/,
    );
    expect(err.errorResponse.keyPattern).toEqual({ number: 1 });
    expect(err.errorResponse.keyValue).toEqual({ number: 'INV-1042' });
    expect(await c.countDocuments()).toBe(1);
  });

  it('enforces compound, sparse and partial unique indexes', async () => {
    const c = t.db.collection('uniq');
    await c.createIndex({ customer: 1, ref: 1 }, { unique: true });
    await c.createIndex({ slackId: 1 }, { unique: true, sparse: true });
    await c.createIndex(
      { opKey: 1 },
      { unique: true, partialFilterExpression: { opKey: { $type: 'string' } } },
    );
    await c.insertMany([
      { customer: 'A', ref: 1 },
      { customer: 'B', ref: 1 },
      { customer: 'A', ref: 2, slackId: 'U1' },
      { customer: 'C', ref: 1, opKey: 'k1' },
    ]);
    expect((await serverError(c.insertOne({ customer: 'A', ref: 1 }))).code).toBe(11000);
    expect((await serverError(c.insertOne({ customer: 'D', ref: 1, slackId: 'U1' }))).code).toBe(11000);
    expect((await serverError(c.insertOne({ customer: 'E', ref: 1, opKey: 'k1' }))).code).toBe(11000);
    await c.insertOne({ customer: 'F', ref: 1, opKey: 7 }); // outside the partial filter
    await c.insertOne({ customer: 'G', ref: 1, opKey: 7 });
    const dupOnUpdate = await serverError(c.updateOne({ customer: 'B' }, { $set: { customer: 'A' } }));
    expect(dupOnUpdate.code).toBe(11000);
  });

  it('reports the first failing document of an ordered insertMany and keeps the ones before it', async () => {
    const c = t.db.collection('batch');
    await c.createIndex({ k: 1 }, { unique: true });
    const err = await serverError(c.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]));
    expect(err.code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
    await serverError(c.insertMany([{ k: 4 }, { k: 2 }, { k: 5 }], { ordered: false }));
    expect(await c.countDocuments()).toBe(4);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = t.db.collection('dupbuild');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await serverError(c.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
  });
});

describe('indexes', () => {
  it('lists, uses and drops indexes', async () => {
    const c = t.db.collection('idx');
    await c.insertMany(
      Array.from({ length: 50 }, (_, i) => ({ owner: `o${i % 5}`, due: new Date(2026, 0, 1 + i) })),
    );
    await c.createIndex({ owner: 1, due: 1 });
    await c.createIndex({ due: 1 }, { name: 'by_due' });
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_', 'owner_1_due_1', 'by_due']);

    const eq = await c.find({ owner: 'o3' }).explain();
    expect(JSON.stringify(eq.queryPlanner)).toContain('IXSCAN');
    const range = await c
      .find({ due: { $gte: new Date(2026, 0, 10), $lt: new Date(2026, 0, 20) } })
      .explain();
    expect(JSON.stringify(range.queryPlanner)).toContain('IXSCAN');
    expect(await c.countDocuments({ due: { $gte: new Date(2026, 0, 10), $lt: new Date(2026, 0, 20) } })).toBe(
      10,
    );
    const scan = await c.find({ other: 1 }).explain();
    expect(JSON.stringify(scan.queryPlanner)).toContain('COLLSCAN');

    await c.dropIndex('by_due');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'owner_1_due_1']);
    expect((await serverError(c.dropIndex('nope'))).code).toBe(27);
    expect((await serverError(t.db.collection('never-created').listIndexes().toArray())).code).toBe(26);
  });

  it('expires documents through a TTL index', async () => {
    const c = t.db.collection('ttl');
    await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await c.insertMany([
      { k: 'old', expiresAt: new Date(Date.now() - 60_000) },
      { k: 'fresh', expiresAt: new Date(Date.now() + 3_600_000) },
    ]);
    const deadline = Date.now() + 130_000; // a real mongod's TTL monitor runs every 60 s
    while ((await c.countDocuments({ k: 'old' })) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await c.find({}, { projection: { _id: 0, k: 1 } }).toArray()).toEqual([{ k: 'fresh' }]);
  }, 140_000);
});

describe('cursors', () => {
  it('returns more than one batch through getMore', async () => {
    const c = t.db.collection('many');
    await c.insertMany(Array.from({ length: 350 }, (_, i) => ({ i })));
    const all = await c.find({}).sort({ i: 1 }).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 350 }, (_, i) => i));
    const small = await c.find({ i: { $lt: 40 } }, { batchSize: 7 }).toArray();
    expect(small).toHaveLength(40);
    const cursor = c.find({}, { batchSize: 10 });
    await cursor.next();
    await cursor.close(); // killCursors
    const agg = await c
      .aggregate([{ $match: { i: { $gte: 100 } } }], { cursor: { batchSize: 20 } })
      .toArray();
    expect(agg).toHaveLength(250);
  });

  it('serves a document read many times as it is now, never as it was when first read', async () => {
    const c = t.db.collection('reread');
    await c.insertOne({ _id: 'R' as never, n: 1, tags: ['a'] });
    for (let k = 0; k < 3; k++) expect(await c.find({}).toArray()).toEqual([{ _id: 'R', n: 1, tags: ['a'] }]);
    await c.updateOne({ _id: 'R' as never }, { $inc: { n: 1 }, $push: { tags: 'b' } } as never);
    expect(await c.find({}, { batchSize: 1 }).toArray()).toEqual([{ _id: 'R', n: 2, tags: ['a', 'b'] }]);
    await c.replaceOne({ _id: 'R' as never }, { n: 3 });
    expect(await c.findOne({ _id: 'R' as never })).toEqual({ _id: 'R', n: 3 });
    await c.deleteOne({ _id: 'R' as never });
    expect(await c.find({}).toArray()).toEqual([]);
  });
});

describe('aggregation', () => {
  beforeAll(async () => {
    await t.db.collection('customers').insertMany([
      { _id: 'C1' as never, name: 'Acme', owner: 'marie' },
      { _id: 'C2' as never, name: 'Durand', owner: 'paul' },
    ]);
    await t.db.collection('open').insertMany([
      { customer: 'C1', currency: 'EUR', amount: 1000, tags: ['a', 'b'] },
      { customer: 'C1', currency: 'EUR', amount: 500, tags: ['b'] },
      { customer: 'C1', currency: 'USD', amount: 700, tags: [] },
      { customer: 'C2', currency: 'EUR', amount: 300, tags: ['a'] },
    ]);
  });

  it('groups per customer and currency, never across currencies', async () => {
    const rows = await t.db
      .collection('open')
      .aggregate([
        { $match: { amount: { $gt: 0 } } },
        {
          $group: {
            _id: { customer: '$customer', currency: '$currency' },
            total: { $sum: '$amount' },
            n: { $sum: 1 },
          },
        },
        { $sort: { '_id.customer': 1, '_id.currency': 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: { customer: 'C1', currency: 'EUR' }, total: 1500, n: 2 },
      { _id: { customer: 'C1', currency: 'USD' }, total: 700, n: 1 },
      { _id: { customer: 'C2', currency: 'EUR' }, total: 300, n: 1 },
    ]);
  });

  it('joins with $lookup (both forms), and runs $facet, $unwind, $project and $count', async () => {
    const joined = await t.db
      .collection('open')
      .aggregate([
        { $match: { currency: 'EUR' } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'c' } },
        { $unwind: '$c' },
        { $project: { _id: 0, name: '$c.name', amount: 1 } },
        { $sort: { amount: -1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { amount: 1000, name: 'Acme' },
      { amount: 500, name: 'Acme' },
      { amount: 300, name: 'Durand' },
    ]);

    const owners = await t.db
      .collection('customers')
      .aggregate([
        {
          $lookup: {
            from: 'open',
            let: { id: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$customer', '$$id'] } } }, { $count: 'n' }],
            as: 'count',
          },
        },
        { $project: { _id: 0, owner: 1, n: { $first: '$count.n' } } },
        { $sort: { owner: 1 } },
      ])
      .toArray();
    expect(owners).toEqual([
      { owner: 'marie', n: 3 },
      { owner: 'paul', n: 1 },
    ]);

    const [facets] = await t.db
      .collection('open')
      .aggregate([
        { $facet: { byTag: [{ $unwind: '$tags' }, { $sortByCount: '$tags' }], total: [{ $count: 'n' }] } },
      ])
      .toArray();
    expect(facets).toEqual({
      byTag: [
        { _id: 'b', count: 2 },
        { _id: 'a', count: 2 },
      ].sort((x, y) => y.count - x.count || (x._id < y._id ? -1 : 1)),
      total: [{ n: 4 }],
    });
    // Stored documents are untouched by pipelines that add fields.
    expect(await t.db.collection('open').findOne({ amount: 1000 }, { projection: { _id: 0 } })).toEqual({
      customer: 'C1',
      currency: 'EUR',
      amount: 1000,
      tags: ['a', 'b'],
    });
  });

  it('answers distinct over array fields', async () => {
    expect((await t.db.collection('open').distinct('tags')).sort()).toEqual(['a', 'b']);
    expect((await t.db.collection('open').distinct('currency', { customer: 'C1' })).sort()).toEqual([
      'EUR',
      'USD',
    ]);
  });
});

describe('sort order across BSON types', () => {
  it('orders null, numbers, strings, objects, arrays, ObjectId, booleans, dates as mongod does', async () => {
    const c = t.db.collection('types');
    const oid = new ObjectId('650000000000000000000000');
    const values = [
      true,
      new Date('2026-01-01T00:00:00Z'),
      oid,
      'b',
      'a',
      { x: 1 },
      10,
      2.5,
      null,
      Decimal128.fromString('3'),
    ];
    await c.insertMany(values.map((v, i) => ({ i, v })));
    await c.insertOne({ i: 99 }); // missing sorts with null
    const asc = (await c.find({}).sort({ v: 1, i: 1 }).toArray()).map((d) => d.i);
    expect(asc).toEqual([8, 99, 7, 9, 6, 4, 3, 5, 2, 0, 1]);
    const desc = (await c.find({}).sort({ v: -1, i: 1 }).toArray()).map((d) => d.i);
    expect(desc).toEqual([1, 0, 2, 5, 3, 4, 6, 9, 7, 8, 99]);
  });
});

describe('catalogue commands', () => {
  it('lists, renames and drops collections', async () => {
    await t.db.createCollection('tmp_a');
    expect((await serverError(t.db.createCollection('tmp_a'))).code).toBe(48);
    await t.db.collection('tmp_a').insertOne({ x: 1 });
    await t.db.renameCollection('tmp_a', 'tmp_b');
    const names = (await t.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('tmp_b');
    expect(names).not.toContain('tmp_a');
    expect(await t.db.collection('tmp_b').findOne({}, { projection: { _id: 0 } })).toEqual({ x: 1 });
    expect(await t.db.collection('tmp_b').drop()).toBe(true);
    expect((await t.db.listCollections({ name: 'tmp_b' }).toArray()).length).toBe(0);
  });
});

describe('errors a standalone server gives', () => {
  it('answers an unknown command with CommandNotFound (59), naming it', async () => {
    const err = await serverError(t.db.command({ frobnicate: 1 }));
    expect(err.code).toBe(59);
    expect(err.message).toContain('frobnicate');
  });

  it('refuses transactions and change streams unless the server is a replica set', async () => {
    const hello = await t.db.admin().command({ hello: 1 });
    const replicaSet = typeof hello.setName === 'string';
    const c = t.db.collection('tx');
    await c.insertOne({ a: 1 });
    const session = t.client.startSession();
    const tx = session.withTransaction(async () => {
      await c.insertOne({ a: 2 }, { session });
    });
    if (replicaSet) await tx;
    else {
      // The driver wraps the server's answer in its retryable-writes advice; the server's own is kept.
      const err = await serverError(tx);
      const answer = (err.errorResponse.originalError as MongoServerError | undefined) ?? err;
      expect(answer.code).toBe(20);
      expect(answer.codeName).toBe('IllegalOperation');
      expect(answer.message).toBe('Transaction numbers are only allowed on a replica set member or mongos');
    }
    await session.endSession();

    const stream = c.watch();
    const next = stream.tryNext();
    if (replicaSet) await next;
    else expect((await serverError(next)).code).toBe(40573);
    await stream.close();
  });
});
