/**
 * Conformance, second part: the semantics where the driver and mongoose can tell a server
 * from mongod (updates, queries, BSON types, limits, validation, pipelines, monitoring).
 * Like conformance.test.ts it runs on the embedded engine, or on the server named by
 * MONGODB_URI, unchanged: every expectation is mongod's own answer.
 */
import {
  Binary,
  type CommandFailedEvent,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoClient,
  type MongoServerError,
  UUID,
} from 'mongodb';
import mongoose from 'mongoose';
import { openTestDb, serverError, type TestDb } from '../../helpers/mongo';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

// biome-ignore lint/suspicious/noExplicitAny: documents of many shapes
type Any = any;
const coll = (name: string) => t.db.collection<Any>(name);
const byId = (name: string) =>
  coll(name)
    .find({}, { sort: { _id: 1 } })
    .toArray();

describe('updates', () => {
  it('accepts $set of _id to its current value, and replacements or upserts carrying the same _id', async () => {
    const c = coll('same_id');
    await c.insertOne({ _id: 1, a: 1 });
    const set = await c.updateOne({ _id: 1 }, { $set: { _id: 1, a: 2 } });
    expect([set.matchedCount, set.modifiedCount]).toEqual([1, 1]);
    await c.replaceOne({ _id: 1 }, { _id: 1, b: 3 });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, b: 3 });
    const upserted = await c.updateOne({ _id: 2 }, { $set: { _id: 2, a: 1 } }, { upsert: true });
    expect(upserted.upsertedId).toBe(2);
    await c.replaceOne({ _id: 3 }, { _id: 3, z: 1 }, { upsert: true });
    await c.findOneAndReplace({ _id: 3 }, { _id: 3, z: 2 });
    await c.updateOne({ k: 'x' }, { $set: { _id: 4 } }, { upsert: true });
    expect(await c.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 1, b: 3 },
      { _id: 2, a: 1 },
      { _id: 3, z: 2 },
      { _id: 4, k: 'x' },
    ]);
    expect((await serverError(c.replaceOne({ _id: 1 }, { _id: 9, b: 1 }))).code).toBe(66);
    expect((await serverError(c.updateOne({ _id: 1 }, { $set: { _id: 9 } }))).code).toBe(66);
  });

  it('reports a conflict only for overlapping paths, as mongod does', async () => {
    const c = coll('conflicts');
    await c.insertOne({
      _id: 1,
      items: [
        { sku: 'A', tags: ['x'], n: 1 },
        { sku: 'B', tags: [], n: 2 },
      ],
      profile: { name: 'a', visits: 1 },
      ab: 1,
    });
    await c.updateOne({ _id: 1, 'items.sku': 'B' }, {
      $addToSet: { 'items.$.tags': 'y' },
      $inc: { 'items.$.n': 1 },
    } as Any);
    await c.updateOne({ _id: 1, 'items.sku': 'A' }, { $push: { 'items.$.tags': 'z' } } as Any);
    await c.updateOne(
      { _id: 1 },
      { $set: { 'profile.name': 'b' }, $inc: { 'profile.visits': 1, ab: 1 }, $unset: { 'profile.old': '' } },
    );
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      items: [
        { sku: 'A', tags: ['x', 'z'], n: 1 },
        { sku: 'B', tags: ['y'], n: 3 },
      ],
      profile: { name: 'b', visits: 2 },
      ab: 2,
    });
    const err = await serverError(
      c.updateOne({ _id: 1 }, { $set: { profile: {} }, $inc: { 'profile.visits': 1 } }),
    );
    expect(err.code).toBe(40);
    expect(err.message).toBe("Updating the path 'profile.visits' would create a conflict at 'profile'");
    const same = await serverError(c.updateOne({ _id: 1 }, { $set: { ab: 1 }, $inc: { ab: 1 } }));
    expect(same.code).toBe(40);
  });

  it('pulls with $or, nested conditions and from arrays of subdocuments without _id', async () => {
    const c = coll('pulls');
    await c.insertOne({
      _id: 1,
      items: [
        { sku: 'A', qty: 1, dim: { w: 1 } },
        { sku: 'B', qty: 5, dim: { w: 3 } },
        { sku: 'C', qty: 0, dim: { w: 1 } },
        { sku: 'D', qty: 7, dim: { w: 1 } },
      ],
      results: [
        {
          item: 'A',
          answers: [
            { q: 1, a: 4 },
            { q: 2, a: 6 },
          ],
        },
        {
          item: 'B',
          answers: [
            { q: 1, a: 8 },
            { q: 2, a: 9 },
          ],
        },
      ],
      tags: ['a', 'b', 'c'],
    });
    await c.updateOne({ _id: 1 }, { $pull: { items: { $or: [{ sku: 'A' }, { qty: { $lte: 0 } }] } } } as Any);
    await c.updateOne({ _id: 1 }, { $pull: { items: { 'dim.w': { $gt: 2 } } } } as Any);
    await c.updateOne({ _id: 1 }, {
      $pull: { results: { answers: { $elemMatch: { q: 2, a: { $gte: 8 } } } } },
    } as Any);
    await c.updateOne({ _id: 1 }, { $pull: { tags: { $in: ['a', 'c'] } } } as Any);
    const d = await c.findOne({ _id: 1 });
    expect(d.items).toEqual([{ sku: 'D', qty: 7, dim: { w: 1 } }]);
    expect(d.results.map((r: Any) => r.item)).toEqual(['A']);
    expect(d.tags).toEqual(['b']);
  });

  it('projects the matched array element with the positional $', async () => {
    const c = coll('positional_projection');
    await c.insertMany([
      { _id: 1, grades: [80, 85, 90], items: [{ sku: 'A' }, { sku: 'B', qty: 2 }] },
      { _id: 2, grades: [88, 90, 92], items: [{ sku: 'B', qty: 5 }] },
    ]);
    const grades = await c
      .find({ grades: { $gte: 85 } }, { projection: { 'grades.$': 1 }, sort: { _id: 1 } })
      .toArray();
    expect(grades).toEqual([
      { _id: 1, grades: [85] },
      { _id: 2, grades: [88] },
    ]);
    const item = await c.findOne({ _id: 1, 'items.sku': 'B' }, { projection: { _id: 0, 'items.$': 1 } });
    expect(item).toEqual({ items: [{ sku: 'B', qty: 2 }] });
  });
});

describe('queries', () => {
  it('matches $in and $nin across numeric types, dates, ids, nulls, arrays and regexes', async () => {
    const c = coll('in_kinds');
    const when = new Date('2026-11-23T09:00:00Z');
    await c.insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: new Double(1.5) },
      { _id: 3, v: Long.fromNumber(7) },
      { _id: 4, v: Decimal128.fromString('2.50') },
      { _id: 5, v: 'Acme' },
      { _id: 6, v: when },
      { _id: 7, v: true },
      { _id: 8 },
      { _id: 9, v: null },
      { _id: 10, v: ['x', 3] },
      { _id: 11, v: { a: 1 } },
      { _id: 12, v: 'acme' },
    ]);
    const ids = async (f: Any) => (await c.find(f, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    // 1 equals 1.0 and Long(1); 7 equals Long(7); 2.5 equals Decimal128 2.50; array elements match.
    expect(await ids({ v: { $in: [new Double(1), 7, 2.5, 3] } })).toEqual([1, 3, 4, 10]);
    expect(await ids({ v: { $in: ['Acme', new Date(when.getTime()), true] } })).toEqual([5, 6, 7]);
    // null matches a missing field and null; a document and a whole array match by value.
    expect(await ids({ v: { $in: [null, { a: 1 }, ['x', 3]] } })).toEqual([8, 9, 10, 11]);
    expect(await ids({ v: { $in: [/^ac/i, 'x'] } })).toEqual([5, 10, 12]);
    expect(await ids({ v: { $nin: [1, 'Acme', null] } })).toEqual([2, 3, 4, 6, 7, 10, 11, 12]);
    // Strings under a case-insensitive collation, on a long list as a refresh sends.
    const many = [...Array.from({ length: 500 }, (_, i) => `C${i}`), 'ACME'];
    const collated = await c
      .find({ v: { $in: many } }, { sort: { _id: 1 }, collation: { locale: 'en', strength: 2 } })
      .toArray();
    expect(collated.map((d) => d._id)).toEqual([5, 12]);
    expect(await ids({ v: { $in: many } })).toEqual([]);
  });

  it('matches $elemMatch with operator conditions on primitives', async () => {
    const c = coll('elem_primitives');
    await c.insertMany([
      { _id: 1, tags: ['a', 'b'], scores: [70, 95] },
      { _id: 2, tags: ['c'], scores: [82, 84] },
    ]);
    const ids = async (f: Any) => (await c.find(f, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ tags: { $elemMatch: { $in: ['b', 'z'] } } })).toEqual([1]);
    expect(await ids({ scores: { $elemMatch: { $gte: 80, $lt: 85 } } })).toEqual([2]);
    expect(await ids({ tags: { $elemMatch: { $nin: ['a', 'b'] } } })).toEqual([2]);
    expect(await ids({ scores: { $elemMatch: { $not: { $lt: 80 } } } })).toEqual([1, 2]);
  });

  it('matches $bitsAllSet, $bitsAnySet, $bitsAllClear and $bitsAnyClear on numbers and binary', async () => {
    const c = coll('bits');
    await c.insertMany([
      { _id: 1, a: 54 }, // 0b110110
      { _id: 2, a: 20 }, // 0b010100
      { _id: 3, a: 20.0 },
      { _id: 4, a: new Binary(Buffer.from([0x66])) }, // 0b01100110
      { _id: 5, a: -5 }, // ...11111011
      { _id: 6, a: 20.5 },
      { _id: 7, a: 'x' },
      { _id: 8, a: new UUID('00000000-0000-0000-0000-000000000001') },
    ]);
    const ids = async (f: Any) => (await c.find(f, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ a: { $bitsAllSet: [1, 5] } })).toEqual([1, 4, 5]);
    expect(await ids({ a: { $bitsAllSet: 50 } })).toEqual([1, 5]);
    expect(await ids({ a: { $bitsAllSet: new Binary(Buffer.from([0x30])) } })).toEqual([1, 5]);
    expect(await ids({ a: { $bitsAnySet: [1, 5] } })).toEqual([1, 4, 5]);
    expect(await ids({ a: { $bitsAllClear: [1, 5] } })).toEqual([2, 3, 8]);
    expect(await ids({ a: { $bitsAnyClear: [1, 5] } })).toEqual([2, 3, 8]);
    expect(await ids({ a: { $bitsAllSet: [0, 1, 63, 100] } })).toEqual([5]);
    // Beyond its width a negative number is sign-extended; the UUID's byte 15 holds bit 120.
    expect(await ids({ a: { $bitsAnySet: [120] } })).toEqual([5, 8]);
    expect(await ids({ a: { $bitsAllClear: [121] } })).toEqual([1, 2, 3, 4, 8]);
  });

  it('tells numeric BSON types apart in $type, and "number" matches them all', async () => {
    const c = coll('numeric_types');
    await c.insertMany([
      { _id: 'int', v: new Int32(1) },
      { _id: 'long', v: Long.fromNumber(2) },
      { _id: 'double', v: new Double(3) },
      { _id: 'fraction', v: 4.5 },
      { _id: 'decimal', v: Decimal128.fromString('5') },
      { _id: 'string', v: '6' },
    ]);
    const ids = async (type: Any) =>
      (await c.find({ v: { $type: type } }).toArray()).map((d) => d._id as string).sort();
    expect(await ids('int')).toEqual(['int']);
    expect(await ids(16)).toEqual(['int']);
    expect(await ids('long')).toEqual(['long']);
    expect(await ids(18)).toEqual(['long']);
    expect(await ids('double')).toEqual(['double', 'fraction']);
    expect(await ids(1)).toEqual(['double', 'fraction']);
    expect(await ids('decimal')).toEqual(['decimal']);
    expect(await ids('number')).toEqual(['decimal', 'double', 'fraction', 'int', 'long']);
    expect(await ids(['int', 'long'])).toEqual(['int', 'long']);
    // Equality and ranges compare numbers across types.
    expect((await c.find({ v: { $gte: 2, $lte: 5 } }).toArray()).length).toBe(4);
    expect(await c.findOne({ v: 2 })).toMatchObject({ _id: 'long' });
  });

  it('uses collation for case-insensitive equality, order and unique indexes', async () => {
    const c = coll('collated');
    await c.insertMany(['banana', 'Apple', 'éclair', 'Zebra', 'eclair', 'cherry'].map((name) => ({ name })));
    const en2 = { locale: 'en', strength: 2 } as const;
    const names = (docs: Any[]) => docs.map((d) => d.name);
    expect(names(await c.find({ name: 'apple' }, { collation: en2 }).toArray())).toEqual(['Apple']);
    expect(await c.countDocuments({ name: 'ECLAIR' }, { collation: en2 })).toBe(1);
    expect(await c.countDocuments({ name: 'ECLAIR' }, { collation: { locale: 'fr', strength: 1 } })).toBe(2);
    expect(names(await c.find({}, { collation: { locale: 'fr' }, sort: { name: 1 } }).toArray())).toEqual([
      'Apple',
      'banana',
      'cherry',
      'eclair',
      'éclair',
      'Zebra',
    ]);
    // Without a collation, strings compare by their bytes.
    expect(names(await c.find({}, { sort: { name: 1 } }).toArray())).toEqual([
      'Apple',
      'Zebra',
      'banana',
      'cherry',
      'eclair',
      'éclair',
    ]);
    expect(
      names(await c.find({ name: { $gt: 'B' } }, { collation: en2, sort: { name: -1 } }).toArray()),
    ).toEqual(['Zebra', 'éclair', 'eclair', 'cherry', 'banana']);
    const u = await c.updateMany({ name: 'CHERRY' }, { $set: { fruit: true } }, { collation: en2 });
    expect(u.modifiedCount).toBe(1);

    const people = coll('collated_unique');
    await people.createIndex({ email: 1 }, { unique: true, collation: en2 });
    await people.insertOne({ email: 'marie@example.com' });
    expect((await serverError(people.insertOne({ email: 'Marie@Example.com' }))).code).toBe(11000);

    await t.db.createCollection('collated_default', { collation: en2 });
    const byDefault = coll('collated_default');
    await byDefault.insertMany([{ k: 'Paris' }, { k: 'lyon' }]);
    expect(await byDefault.countDocuments({ k: 'paris' })).toBe(1);
    expect(
      names((await byDefault.find({}, { sort: { k: 1 } }).toArray()).map((d) => ({ name: d.k }))),
    ).toEqual(['lyon', 'Paris']);
  });

  it('answers $text and $near without an index of their kind as mongod does', async () => {
    const c = coll('no_special_index');
    await c.insertOne({ body: 'relance', loc: [2.35, 48.85] });
    const text = await serverError(c.find({ $text: { $search: 'relance' } }).toArray());
    expect([text.code, text.message]).toEqual([27, 'text index required for $text query']);
    const near = await serverError(c.find({ loc: { $near: [2.35, 48.85] } }).toArray());
    expect(near.code).toBe(291);
    expect(near.message).toMatch(/unable to find index for \$geoNear query/);
  });

  it('treats a field named __proto__ as a plain field', async () => {
    const c = coll('proto_fields');
    await c.insertOne(JSON.parse('{"_id": 1, "__proto__": {"admin": true}, "name": "x"}'));
    await c.insertOne({ _id: 2, name: 'y' });
    const byPath = await c.find({ '__proto__.admin': true }).toArray();
    expect(byPath.map((d) => d._id)).toEqual([1]);
    const byValue = await c.find(JSON.parse('{"__proto__": {"admin": true}}')).toArray();
    expect(byValue.map((d) => d._id)).toEqual([1]);
    expect(await c.countDocuments(JSON.parse('{"__proto__": {"$exists": false}}'))).toBe(1);
    expect(({} as Any).admin).toBeUndefined();
  });
});

describe('documents', () => {
  it('stores _id first, whatever the order it came in', async () => {
    const c = coll('id_first');
    await c.insertOne({ a: 1, _id: 'x' });
    await c.updateOne({ k: 'up' }, { $setOnInsert: { b: 1 }, $set: { _id: 'y' } }, { upsert: true });
    await c.replaceOne({ _id: 'x' }, { z: 1, _id: 'x' });
    await c.findOneAndUpdate({ k: 'fam' }, { $set: { n: 1 } }, { upsert: true });
    for (const d of await c.find({}).toArray()) expect(Object.keys(d)[0]).toBe('_id');
    expect(Object.keys((await c.findOne({ _id: 'y' }))!)).toEqual(['_id', 'k', 'b']);
  });

  it('round-trips Int32, Long, Double, Decimal128 and binary subtypes exactly', async () => {
    const c = coll('bson_types');
    const uuid = new UUID();
    await c.insertOne({
      _id: 1,
      i: new Int32(7),
      l: Long.fromString('9007199254740993'),
      d: new Double(2),
      f: 2.5,
      dec: Decimal128.fromString('1.10'),
      uuid,
      user: new Binary(Buffer.from('abc'), 128),
      big: 1234567890123456789n,
      nested: [{ l: Long.fromNumber(1) }],
    });
    const raw = await c.findOne({ _id: 1 }, { promoteValues: false, promoteLongs: false });
    expect(raw.i).toBeInstanceOf(Int32);
    expect(raw.i.value).toBe(7);
    expect(raw.l).toBeInstanceOf(Long);
    expect(raw.l.toString()).toBe('9007199254740993');
    expect(raw.d).toBeInstanceOf(Double);
    expect(raw.d.value).toBe(2);
    expect(raw.f).toBeInstanceOf(Double);
    expect(raw.dec.toString()).toBe('1.10');
    expect(raw.uuid.sub_type).toBe(4);
    expect(raw.user.sub_type).toBe(128);
    expect(Buffer.from(raw.user.buffer).toString()).toBe('abc');
    expect(raw.big).toBeInstanceOf(Long);
    expect(raw.nested[0].l).toBeInstanceOf(Long);

    const big = await c.findOne({ _id: 1 }, { useBigInt64: true });
    expect(big.big).toBe(1234567890123456789n);
    expect(big.l).toBe(9007199254740993n);
    expect(big.i).toBe(7);
    expect((await c.findOne({ _id: 1 }))!.uuid.toHexString()).toBe(uuid.toHexString());
    // Queries compare them by value.
    expect(await c.countDocuments({ l: Long.fromString('9007199254740993') })).toBe(1);
    expect(await c.countDocuments({ l: Long.fromString('9007199254740992') })).toBe(0);
    expect(await c.countDocuments({ big: 1234567890123456789n })).toBe(1);
    expect(await c.countDocuments({ uuid })).toBe(1);
    // Arithmetic keeps the type mongod gives: long + int is a long.
    await c.updateOne({ _id: 1 }, { $inc: { l: 1, big: 1 } });
    const after = await c.findOne({ _id: 1 }, { useBigInt64: true });
    expect(after.l).toBe(9007199254740994n);
    expect(after.big).toBe(1234567890123456790n);
  });

  it('refuses documents over 16 MiB on insert, update and save, with mongod’s errors', async () => {
    const c = coll('too_large');
    const big = 'x'.repeat(16 * 1024 * 1024);
    const insert = await serverError(c.insertOne({ _id: 1, big }));
    expect(insert.code).toBe(2);
    expect(insert.message).toMatch(/^object to insert too large\. size in bytes: \d+, max size: 16777216$/);
    await c.insertOne({ _id: 2, half: 'y'.repeat(9 * 1024 * 1024) });
    const update = await serverError(
      c.updateOne({ _id: 2 }, { $set: { more: 'z'.repeat(8 * 1024 * 1024) } }),
    );
    expect(update.code).toBe(10334);
    expect(update.message).toMatch(/Resulting document after update is larger than 16777216/);
    expect(await c.countDocuments()).toBe(1);

    const m = await mongoose.createConnection(t.uri, { dbName: t.db.databaseName }).asPromise();
    try {
      const Blob = m.model('Blob', new mongoose.Schema({ body: String }), 'too_large_blobs');
      const saveNew = await serverError(new Blob({ body: big }).save());
      expect(saveNew.message).toMatch(/object to insert too large/);
      const doc = await new Blob({ body: 'small' }).save();
      doc.body = big;
      expect((await serverError(doc.save())).code).toBe(10334);
      expect((await Blob.findById(doc._id))!.body).toBe('small');
    } finally {
      await m.close();
    }
  }, 120_000);
});

describe('collections and commands', () => {
  it('enforces a $jsonSchema validator (error) and only warns when validationAction is warn', async () => {
    await t.db.createCollection('validated', {
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['name', 'amount'],
          properties: {
            name: { bsonType: 'string', minLength: 1 },
            amount: { bsonType: ['int', 'long'], minimum: 0 },
            currency: { enum: ['EUR', 'USD'] },
            lines: { bsonType: 'array', items: { bsonType: 'object', required: ['n'] } },
          },
        },
      },
      validationAction: 'error',
    });
    const c = coll('validated');
    await c.insertOne({ _id: 1, name: 'Acme', amount: 10, currency: 'EUR', lines: [{ n: 1 }] });
    for (const bad of [
      { _id: 2, name: 'Acme' },
      { _id: 3, name: 'Acme', amount: -1 },
      { _id: 4, name: 'Acme', amount: 1.5 },
      { _id: 5, name: '', amount: 1 },
      { _id: 6, name: 'Acme', amount: 1, currency: 'GBP' },
      { _id: 7, name: 'Acme', amount: 1, lines: [{}] },
    ]) {
      const err = await serverError(c.insertOne(bad));
      expect(err.code).toBe(121);
      expect(err.message).toBe('Document failed validation');
      expect(err.errInfo).toMatchObject({
        failingDocumentId: bad._id,
        details: { operatorName: '$jsonSchema' },
      });
    }
    expect((await serverError(c.updateOne({ _id: 1 }, { $unset: { name: '' } }))).code).toBe(121);
    expect((await serverError(c.replaceOne({ _id: 1 }, { name: 'x' }))).code).toBe(121);
    await c.insertOne({ _id: 8, name: 'Acme' }, { bypassDocumentValidation: true });
    expect(await c.countDocuments()).toBe(2);

    await t.db.createCollection('warned', {
      validator: { amount: { $gte: 0 } },
      validationAction: 'warn',
    });
    await coll('warned').insertOne({ amount: -1 });
    expect(await coll('warned').countDocuments()).toBe(1);
    await t.db.command({ collMod: 'warned', validationAction: 'error' });
    expect((await serverError(coll('warned').insertOne({ amount: -2 }))).code).toBe(121);
    const [info] = (await t.db.listCollections({ name: 'warned' }).toArray()) as Any[];
    expect(info.options).toMatchObject({ validator: { amount: { $gte: 0 } }, validationAction: 'error' });
  });

  it('runs a database-level aggregate with $documents', async () => {
    const docs = await t.db
      .aggregate([
        { $documents: [{ x: 1 }, { x: 2 }, { x: 3 }] },
        { $match: { x: { $gte: 2 } } },
        { $project: { _id: 0, x: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([{ x: 2 }, { x: 3 }]);
  });

  it('writes aggregation results with $out and $merge', async () => {
    const src = coll('agg_src');
    await src.insertMany([
      { owner: 'a', amount: 10 },
      { owner: 'b', amount: 5 },
      { owner: 'a', amount: 1 },
    ]);
    await coll('agg_out').insertOne({ stale: true });
    const out = await src
      .aggregate([{ $group: { _id: '$owner', total: { $sum: '$amount' } } }, { $out: 'agg_out' }])
      .toArray();
    expect(out).toEqual([]);
    expect(await byId('agg_out')).toEqual([
      { _id: 'a', total: 11 },
      { _id: 'b', total: 5 },
    ]);

    await coll('agg_merge').insertMany([
      { _id: 'a', total: 0, note: 'keep' },
      { _id: 'c', total: 7 },
    ]);
    await src
      .aggregate([
        { $group: { _id: '$owner', total: { $sum: '$amount' } } },
        { $merge: { into: 'agg_merge' } },
      ])
      .toArray();
    expect(await byId('agg_merge')).toEqual([
      { _id: 'a', total: 11, note: 'keep' },
      { _id: 'b', total: 5 },
      { _id: 'c', total: 7 },
    ]);
    await src
      .aggregate([
        { $match: { owner: 'b' } },
        { $project: { _id: '$owner', total: { $literal: 0 } } },
        { $merge: { into: 'agg_merge', whenMatched: 'replace', whenNotMatched: 'discard' } },
      ])
      .toArray();
    await src
      .aggregate([
        { $project: { _id: { $concat: ['$owner', '-new'] } } },
        { $merge: { into: 'agg_merge', whenMatched: 'keepExisting', whenNotMatched: 'insert' } },
      ])
      .toArray();
    expect(await byId('agg_merge')).toEqual([
      { _id: 'a', total: 11, note: 'keep' },
      { _id: 'a-new' },
      { _id: 'b', total: 0 },
      { _id: 'b-new' },
      { _id: 'c', total: 7 },
    ]);
    const fail = await serverError(
      src
        .aggregate([{ $project: { _id: '$owner' } }, { $merge: { into: 'agg_merge', whenMatched: 'fail' } }])
        .toArray(),
    );
    expect(fail.code).toBe(11000);
  });

  it('groups null and missing keys together, and accumulates as mongod does', async () => {
    const c = coll('grouping');
    await c.insertMany([
      { k: 'a', v: 1 },
      { k: 'a', v: 3 },
      { k: null, v: 2 },
      { v: 4 },
      { k: 'b' },
      { k: 'b', v: 'x' },
    ]);
    const groups = await c
      .aggregate([
        {
          $group: {
            _id: '$k',
            sum: { $sum: '$v' },
            n: { $sum: 1 },
            avg: { $avg: '$v' },
            min: { $min: '$v' },
            max: { $max: '$v' },
            first: { $first: '$v' },
            all: { $push: '$v' },
            keys: { $addToSet: '$k' },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(groups).toEqual([
      { _id: null, sum: 6, n: 2, avg: 3, min: 2, max: 4, first: 2, all: [2, 4], keys: [null] },
      { _id: 'a', sum: 4, n: 2, avg: 2, min: 1, max: 3, first: 1, all: [1, 3], keys: ['a'] },
      { _id: 'b', sum: 0, n: 2, avg: null, min: 'x', max: 'x', first: null, all: ['x'], keys: ['b'] },
    ]);
    const composite = await c.aggregate([{ $group: { _id: { k: '$k' }, n: { $count: {} } } }]).toArray();
    // In a key document a missing field is left out, so it no longer groups with null.
    expect(composite).toHaveLength(4);
    expect(composite).toEqual(
      expect.arrayContaining([
        { _id: { k: 'a' }, n: 2 },
        { _id: { k: 'b' }, n: 2 },
        { _id: {}, n: 1 },
        { _id: { k: null }, n: 1 },
      ]),
    );
  });

  it('answers an unknown pipeline stage with code 40324, and command monitoring sees mongod’s failures', async () => {
    const client = await new MongoClient(t.uri, { monitorCommands: true }).connect();
    const failed: CommandFailedEvent[] = [];
    client.on('commandFailed', (e) => failed.push(e));
    try {
      const c = client.db(t.db.databaseName).collection<Any>('monitored');
      await c.insertOne({ _id: 1 });
      const err = await serverError(c.aggregate([{ $bogus: {} }]).toArray());
      expect(err.code).toBe(40324);
      expect(err.message).toBe("Unrecognized pipeline stage name: '$bogus'");
      const op = await serverError(c.find({ a: { $frob: 1 } }).toArray());
      expect(op.code).toBe(2);
      expect(op.message).toBe('unknown operator: $frob');
      const top = await serverError(c.find({ $frob: 1 }).toArray());
      expect(top.code).toBe(2);
      expect(top.message).toMatch(/^unknown top level operator: \$frob/);
      // A duplicate key is a write error inside a successful command, not a failed command.
      await serverError(c.insertOne({ _id: 1 }));
      expect(failed.map((e) => [e.commandName, (e.failure as MongoServerError).code])).toEqual([
        ['aggregate', 40324],
        ['find', 2],
        ['find', 2],
      ]);
    } finally {
      await client.close();
    }
  });
});
