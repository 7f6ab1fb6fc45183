/** The real stack on the embedded engine: mongoose 9 models and agenda 6 jobs, unchanged. */
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import mongoose, { type Connection } from 'mongoose';
import { openTestDb, type TestDb } from '../../helpers/mongo';

let t: TestDb;
let conn: Connection;
beforeAll(async () => {
  t = await openTestDb();
  conn = await mongoose.createConnection(t.uri, { dbName: t.db.databaseName }).asPromise();
});
afterAll(async () => {
  await conn.close();
  await t.close();
});

describe('mongoose 9', () => {
  const customerSchema = new mongoose.Schema({
    reference: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    language: { type: String, enum: ['fr', 'en'], default: 'fr' },
    creditLimit: { type: Number, min: 0 },
  });
  const invoiceSchema = new mongoose.Schema({
    number: { type: String, required: true, unique: true },
    customer: { type: mongoose.Schema.Types.ObjectId, ref: 'Customer', required: true, index: true },
    amount: { type: Number, required: true },
    lines: [{ label: String, paid: { type: Boolean, default: false } }],
  });
  // Loosely typed on purpose: the test feeds invalid values that the schema types would reject.
  type Loose = mongoose.Model<Record<string, unknown>>;
  const Customer = () => (conn.models.Customer ?? conn.model('Customer', customerSchema)) as unknown as Loose;
  const Invoice = () => (conn.models.Invoice ?? conn.model('Invoice', invoiceSchema)) as unknown as Loose;

  it('builds the declared indexes and enforces validation and uniqueness', async () => {
    await Customer().init();
    await Invoice().init();
    const names = (await t.db.collection('invoices').listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['number_1', 'customer_1']));

    await expect(Customer().create({ reference: 'C1', name: 'Acme', language: 'de' })).rejects.toThrow(
      /language/,
    );
    await expect(Customer().create({ reference: 'C1', name: 'Acme', creditLimit: -1 })).rejects.toThrow(
      /creditLimit/,
    );
    await Customer().create({ reference: 'C1', name: 'Acme' });
    await expect(Customer().create({ reference: 'C1', name: 'Other' })).rejects.toMatchObject({
      code: 11000,
      keyValue: { reference: 'C1' },
    });
  });

  it('saves with versioning, updates sub-documents with arrayFilters and populates references', async () => {
    const acme = await Customer().findOne({ reference: 'C1' }).orFail();
    const inv = await Invoice().create({
      number: 'INV-1',
      customer: acme._id,
      amount: 100,
      lines: [{ label: 'a' }, { label: 'b' }],
    });
    inv.amount = 120;
    await inv.save();
    await Invoice().updateOne(
      { _id: inv._id },
      { $set: { 'lines.$[l].paid': true } },
      { arrayFilters: [{ 'l.label': 'b' }] },
    );
    const loaded = await Invoice()
      .findById(inv._id)
      .populate<{ customer: { name: string } }>('customer')
      .orFail();
    expect(loaded.amount).toBe(120);
    expect(loaded.customer.name).toBe('Acme');
    expect((loaded.lines as Array<{ paid: boolean }>).map((l) => l.paid)).toEqual([false, true]);
    expect(loaded.__v).toBe(0);
  });
});

describe('agenda 6', () => {
  it('schedules a job that is locked, run once (even with two workers) and recorded', async () => {
    const runs: string[] = [];
    const make = (name: string) => {
      const agenda = new Agenda({
        name,
        backend: new MongoBackend({ mongo: conn.db as never, collection: 'agendaJobs' }),
        processEvery: 100,
      } as never);
      // agenda's lock keep-alive sleeps lockLifetime / 2 on a live timer, even after stop():
      // a short lifetime lets the test process exit.
      agenda.define(
        'check-promise',
        async () => {
          runs.push(name);
          await new Promise((r) => setTimeout(r, 200));
        },
        { lockLifetime: 1000 },
      );
      return agenda;
    };
    const a = make('worker-a');
    const b = make('worker-b');
    await a.start();
    await b.start();
    await a.schedule(new Date(Date.now() + 200), 'check-promise', { promise: 'P-1' });
    const deadline = Date.now() + 10_000;
    let job: Record<string, unknown> | null = null;
    while (Date.now() < deadline) {
      job = await t.db.collection('agendaJobs').findOne({ name: 'check-promise' });
      if (job?.lastFinishedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500)); // time for a wrong second run to show up
    await a.stop();
    await b.stop();
    // Let agenda's keep-alive timer (lockLifetime / 2) run out while the database is still up.
    await new Promise((r) => setTimeout(r, 700));
    expect(runs).toHaveLength(1);
    expect(job).toMatchObject({ name: 'check-promise', data: { promise: 'P-1' } });
    expect(job!.lastRunAt).toBeInstanceOf(Date);
    expect(job!.lastFinishedAt).toBeInstanceOf(Date);
    expect(job!.lockedAt ?? null).toBeNull();
  });
});
