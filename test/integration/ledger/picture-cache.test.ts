/**
 * The in-process cache of customer pictures behind the worklist and digest: a change written
 * here, or by another instance on the same database, is seen by the next request; a ledger
 * emptied and reloaded is never answered from stale pictures.
 */
import mongoose from 'mongoose';
import { loadDemo } from '../../../integrations/demo/load';
import { registerModels } from '../../../models';
import { markDirty, refreshDirty } from '../../../models/ledger/summaries';
import { loadPictures } from '../../../models/ledger/worklist';
import { NOW, openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
const TODAY = NOW.slice(0, 10);

beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
}, 60_000);
afterAll(async () => {
  await ledger.close();
});

const outstanding = async (models = ledger.models, customer = 'FR004') => {
  const pictures = await loadPictures(models, ['marie'], TODAY);
  return pictures.find((p) => p.reference === customer)?.open.reduce((n, o) => n + o.outstanding, 0);
};

describe('the picture cache', () => {
  it('sees a payment recorded in this process at the next request', async () => {
    const before = await outstanding();
    const invoice = await ledger.models.Invoice.findOne({ customer: 'FR004', status: 'open' }).lean();
    await ledger.models.Invoice.updateOne(
      { _id: invoice!._id },
      { $set: { status: 'paid', amountPaid: invoice!.amount } },
    );
    await markDirty(ledger.models, [{ customer: 'FR004' }]);
    expect(await outstanding()).toBeLessThan(before!);
  });

  it('sees a change another instance refreshed on the same database', async () => {
    const other = await mongoose
      .createConnection(ledger.db.uri, { dbName: ledger.db.connection.db!.databaseName })
      .asPromise();
    try {
      const otherModels = registerModels(other);
      const before = await outstanding();
      await otherModels.Invoice.updateMany(
        { customer: 'FR004', status: 'open' },
        { $set: { status: 'paid' } },
      );
      await markDirty(otherModels, [{ customer: 'FR004' }]);
      await refreshDirty(otherModels, TODAY); // the other instance answered a request first
      expect(await ledger.models.CustomerSummary.countDocuments({ dirty: true })).toBe(0);
      expect(await outstanding()).toBeLessThan(before!);
    } finally {
      await other.close();
    }
  });

  it('sees a refresh another instance wrote late, stamped before this process last read', async () => {
    const before = await outstanding(ledger.models, 'FR001');
    const other = await mongoose
      .createConnection(ledger.db.uri, { dbName: ledger.db.connection.db!.databaseName })
      .asPromise();
    try {
      const otherModels = registerModels(other);
      await otherModels.Invoice.updateMany(
        { customer: 'FR001', status: 'open' },
        { $set: { status: 'paid' } },
      );
      await markDirty(otherModels, [{ customer: 'FR001' }]);
      await refreshDirty(otherModels, TODAY);
      // Its refresh began (and took its stamp) before this process's last read, and landed after.
      await otherModels.CustomerSummary.updateOne(
        { customer: 'FR001' },
        { $set: { refreshedAt: new Date(Date.now() - 5_000) } },
      );
      expect(await outstanding(ledger.models, 'FR001')).toBeLessThan(before!);
    } finally {
      await other.close();
    }
  });

  it('never answers from pictures of a ledger that was emptied and loaded again', async () => {
    await outstanding();
    for (const m of Object.values(ledger.models)) await (m as mongoose.Model<unknown>).deleteMany({});
    expect(await loadPictures(ledger.models, ['marie'], TODAY)).toEqual([]);
    await loadDemo(ledger);
    expect(await outstanding()).toBeGreaterThan(0);
  });
});
