/**
 * Conformance, third part: numbers keep their BSON type and exact value through updates and
 * aggregation, and collation keys order and compare strings as mongod's ICU does. Like the
 * other conformance files it runs on the embedded engine, or on the server named by
 * MONGODB_URI, unchanged: every expectation is mongod's own answer.
 */
import { Decimal128, Double, Int32, Long } from 'mongodb';
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
const dec = (s: string) => Decimal128.fromString(s);
/** Read back with BSON wrappers, so Int32, Long, Double and Decimal128 can be told apart. */
const raw = { promoteValues: false } as const;
const typed = (v: unknown) =>
  v instanceof Int32
    ? `int ${v.value}`
    : v instanceof Long
      ? `long ${v.toString()}`
      : v instanceof Double
        ? `double ${v.value}`
        : v instanceof Decimal128
          ? `decimal ${v.toString()}`
          : `${typeof v} ${String(v)}`;

describe('numbers through $group', () => {
  it('sums Longs into a Long (exact beyond 2^53), ints into an int, overflowing ints into a Long', async () => {
    const c = coll('long_sums');
    await c.insertMany([
      { g: 'long', v: Long.fromString('9007199254740993') },
      { g: 'long', v: Long.fromString('1') },
      { g: 'long', v: 5 },
      { g: 'int', v: 2 },
      { g: 'int', v: 3 },
      { g: 'overflow', v: 2147483647 },
      { g: 'overflow', v: 1 },
      { g: 'double', v: 1 },
      { g: 'double', v: 0.5 },
      { g: 'none', v: 'not a number' },
    ]);
    const rows = await c
      .aggregate([{ $group: { _id: '$g', total: { $sum: '$v' }, mean: { $avg: '$v' } } }], raw)
      .toArray();
    const by = Object.fromEntries(rows.map((r) => [r._id, [typed(r.total), typed(r.mean)]]));
    // The mean of Longs is a double (its last digit is the double sum's rounding: not checked).
    expect(by.long![1]).toMatch(/^double 30023997515803/);
    by.long![1] = 'double';
    expect(by).toEqual({
      long: ['long 9007199254740999', 'double'],
      int: ['int 5', 'double 2.5'],
      overflow: ['long 2147483648', 'double 1073741824'],
      double: ['double 1.5', 'double 0.75'],
      none: ['int 0', 'object null'],
    });
    // With useBigInt64 the driver hands the Long total back as an exact bigint.
    const [big] = await c
      .aggregate([{ $match: { g: 'long' } }, { $group: { _id: null, total: { $sum: '$v' } } }], {
        useBigInt64: true,
      })
      .toArray();
    expect(big!.total).toBe(9007199254740999n);
  });

  it('sums and averages Decimal128 exactly', async () => {
    const c = coll('decimal_sums');
    await c.insertMany([
      { g: 'a', v: dec('0.1') },
      { g: 'a', v: dec('0.2') },
      { g: 'a', v: dec('0.3') },
      { g: 'b', v: dec('1') },
      { g: 'b', v: dec('2') },
      { g: 'b', v: dec('4') },
      { g: 'mixed', v: dec('1.10') },
      { g: 'mixed', v: 2 },
      { g: 'mixed', v: Long.fromString('3') },
    ]);
    const rows = await c
      .aggregate([{ $group: { _id: '$g', total: { $sum: '$v' }, mean: { $avg: '$v' } } }], raw)
      .toArray();
    const by = Object.fromEntries(rows.map((r) => [r._id, [typed(r.total), typed(r.mean)]]));
    expect(by).toEqual({
      a: ['decimal 0.6', 'decimal 0.2'],
      b: ['decimal 7', 'decimal 2.333333333333333333333333333333333'],
      mixed: ['decimal 6.10', 'decimal 2.033333333333333333333333333333333'],
    });
  });
});

describe('Decimal128 in updates', () => {
  it('adds and multiplies exactly, keeping the exponent as mongod does', async () => {
    const c = coll('decimal_inc');
    await c.insertOne({ _id: 1, balance: dec('0.1'), price: dec('1.10'), count: 1 });
    await c.updateOne({ _id: 1 }, { $inc: { balance: dec('0.2') } });
    await c.updateOne({ _id: 1 }, { $mul: { price: dec('2.5') } });
    await c.updateOne({ _id: 1 }, { $inc: { count: dec('0.05') } });
    let doc = (await c.findOne({ _id: 1 }, raw))!;
    expect([typed(doc.balance), typed(doc.price), typed(doc.count)]).toEqual([
      'decimal 0.3',
      'decimal 2.750',
      'decimal 1.05',
    ]);
    // Many small amounts add up exactly (a double would drift).
    for (let i = 0; i < 10; i++) await c.updateOne({ _id: 1 }, { $inc: { balance: dec('0.01') } });
    await c.updateOne({ _id: 1 }, { $inc: { balance: dec('1E-30') } });
    doc = (await c.findOne({ _id: 1 }, raw))!;
    expect(typed(doc.balance)).toBe('decimal 0.400000000000000000000000000001');
    // A double operand enters at 15 significant digits (mongod's conversion); a Long exactly.
    await c.updateOne({ _id: 1 }, { $set: { a: dec('0.1'), b: dec('10') } });
    await c.updateOne({ _id: 1 }, { $inc: { a: 0.2, b: Long.fromString('9007199254740993') } });
    doc = (await c.findOne({ _id: 1 }, raw))!;
    expect([typed(doc.a), typed(doc.b)]).toEqual(['decimal 0.300000000000000', 'decimal 9007199254741003']);
  });

  it('compares Decimal128 with other numbers by exact value, with and without an index', async () => {
    const c = coll('decimal_compare');
    await c.insertMany([
      { _id: 1, v: dec('0.1') },
      { _id: 2, v: 0.1 },
      { _id: 3, v: dec('3.0') },
      { _id: 4, v: dec('0.4') },
      { _id: 5, v: dec('0.400000000000000000000000000001') },
    ]);
    const ids = async (filter: Any, sort?: Any) =>
      (await c.find(filter, { sort }).toArray()).map((d) => d._id);
    for (const indexed of [false, true]) {
      if (indexed) await c.createIndex({ v: 1 });
      expect(await ids({ v: 0.1 })).toEqual([2]); // the double 0.1 is not exactly one tenth
      expect(await ids({ v: dec('0.1') })).toEqual([1]);
      expect(await ids({ v: 3 })).toEqual([3]);
      expect(await ids({ v: Long.fromString('3') })).toEqual([3]);
      expect(await ids({ v: dec('0.4') })).toEqual([4]);
      expect(await ids({ v: { $gt: dec('0.4') } }, { v: 1 })).toEqual([5, 3]);
      expect(await ids({}, { v: 1 })).toEqual([1, 2, 4, 5, 3]);
    }
    const unique = coll('decimal_unique');
    await unique.createIndex({ v: 1 }, { unique: true });
    await unique.insertOne({ v: dec('1.0') });
    expect((await serverError(unique.insertOne({ v: 1 }))).code).toBe(11000);
    await unique.insertOne({ v: dec('1.0000000000000000000000000000001') });
  });

  it('refuses $inc of a non-numeric field as mongod does', async () => {
    const c = coll('decimal_inc_bad');
    await c.insertOne({ _id: 1, label: 'x' });
    const err = await serverError(c.updateOne({ _id: 1 }, { $inc: { label: dec('1') } }));
    expect(err.code).toBe(14);
  });
});

describe('collation keys', () => {
  const names = (docs: Any[]) => docs.map((d) => d.name);

  it('finds equal what ICU finds equal at strength 1, 2 and 3, and nothing else', async () => {
    const c = coll('icu_equal');
    await c.insertMany(
      [
        'Straße',
        'STRASSE',
        'strasse',
        'Strasse',
        'côte',
        'Côte',
        'cote',
        'coté',
        'co\u00ADop',
        'coop',
        'e\u0301',
      ].map((name, i) => ({ _id: i, name })),
    );
    const count = (name: string, strength: number, locale = 'de') =>
      c.countDocuments({ name }, { collation: { locale, strength } });
    // Strength 1: letters only (ß is ss, accents and case ignored; a soft hyphen is nothing).
    expect(await count('strasse', 1)).toBe(4);
    expect(await count('COTE', 1, 'fr')).toBe(4);
    expect(await count('coop', 1)).toBe(2);
    // Strength 2: accents count, case does not.
    expect(await count('STRASSE', 2)).toBe(3);
    expect(await count('côte', 2, 'fr')).toBe(2);
    // Strength 3: case counts too, yet canonically equivalent forms are equal (é and e + ◌́).
    expect(await count('Straße', 3)).toBe(1);
    expect(await count('strasse', 3)).toBe(1);
    expect(await count('\u00e9', 3, 'fr')).toBe(1);
    expect(await count('coop', 3)).toBe(2);
    // In Swedish ä is a letter of its own, not an a with an accent.
    const sv = coll('icu_sv');
    await sv.insertMany(['a', 'ä', 'A', 'z', 'å', 'ö', 'o'].map((name) => ({ name })));
    expect(await sv.countDocuments({ name: 'a' }, { collation: { locale: 'sv', strength: 1 } })).toBe(2);
    expect(await sv.countDocuments({ name: 'a' }, { collation: { locale: 'en', strength: 1 } })).toBe(4);
    expect(
      names(await sv.find({}, { sort: { name: 1 }, collation: { locale: 'sv', strength: 3 } }).toArray()),
    ).toEqual(['a', 'A', 'o', 'z', 'å', 'ä', 'ö']);
  });

  it('answers through a collated index as a scan would: equality, order, unique, $group', async () => {
    const de1 = { locale: 'de', strength: 1 } as const;
    const c = coll('icu_indexed');
    const all = ['Straße', 'STRASSE', 'strasse', 'Strand', 'straßen', 'Stra', 'Öl', 'Ol', 'ol'];
    await c.insertMany(all.map((name, i) => ({ _id: i, name })));
    const scan = {
      eq: await c.find({ name: 'STRASSE' }, { collation: de1, sort: { _id: 1 } }).toArray(),
      range: await c
        .find({ name: { $gte: 'strasse' } }, { collation: de1, sort: { name: 1, _id: 1 } })
        .toArray(),
    };
    await c.createIndex({ name: 1 }, { collation: de1 });
    const viaIndex = {
      eq: await c.find({ name: 'STRASSE' }, { collation: de1, sort: { _id: 1 } }).toArray(),
      range: await c
        .find({ name: { $gte: 'strasse' } }, { collation: de1, sort: { name: 1, _id: 1 } })
        .toArray(),
    };
    expect(viaIndex).toEqual(scan);
    expect(names(scan.eq)).toEqual(['Straße', 'STRASSE', 'strasse']);
    expect(names(scan.range)).toEqual(['Straße', 'STRASSE', 'strasse', 'straßen']);
    const groups = await c
      .aggregate([{ $group: { _id: '$name', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }], {
        collation: de1,
      })
      .toArray();
    expect(groups.map((g) => g.n)).toEqual([3, 3, 1, 1, 1]);

    const people = coll('icu_unique');
    await people.createIndex({ street: 1 }, { unique: true, collation: de1 });
    await people.insertOne({ street: 'Hauptstraße' });
    expect((await serverError(people.insertOne({ street: 'HAUPTSTRASSE' }))).code).toBe(11000);
    await people.insertOne({ street: 'Hauptstrasse 2' });
    const strict = coll('icu_unique_3');
    await strict.createIndex({ street: 1 }, { unique: true, collation: { locale: 'de', strength: 3 } });
    await strict.insertMany([
      { street: 'Hauptstraße' },
      { street: 'HAUPTSTRASSE' },
      { street: 'hauptstrasse' },
    ]);
    expect((await serverError(strict.insertOne({ street: 'Hauptstra\u00dfe' }))).code).toBe(11000);
  });
});
