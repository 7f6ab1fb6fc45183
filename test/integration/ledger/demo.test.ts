import { type RunningRelance, startRelance } from '../../../bot/app';
import { parseConfig } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { demoPortfolio } from '../../../integrations/demo/portfolio';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { invoiceFacts } from '../../../models/ledger/invoice-state';
import { agedBalance } from '../../../models/rules/aging';
import { ledgerSnapshot, NOW } from '../../helpers/ledger';

let relance: RunningRelance;
beforeAll(async () => {
  relance = await startRelance(
    // No scheduler: its jobs would write (deliveries, drafts) between the snapshots.
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false' }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
});
afterAll(async () => {
  await relance.stop();
});

describe('the demo portfolio', () => {
  it('is loaded by the embedded start into an empty database', async () => {
    const { models } = relance.ledger;
    expect(await models.Staff.find({}, { handle: 1, role: 1, _id: 0 }).sort({ handle: 1 }).lean()).toEqual([
      { handle: 'claire', role: 'manager' },
      { handle: 'marie', role: 'credit_controller' },
      { handle: 'tom', role: 'credit_controller' },
    ]);
    expect(await models.Customer.countDocuments()).toBeGreaterThanOrEqual(30);
    expect(await models.Customer.countDocuments({ language: 'en' })).toBeGreaterThanOrEqual(10);
    expect(await models.Invoice.countDocuments()).toBeGreaterThanOrEqual(200);
  });

  it('looks alive: every aging bucket filled, two currencies never summed, disputes and promises kept and broken', async () => {
    const { models, policy } = relance.ledger;
    const invoices = await models.Invoice.find().lean();
    const balance = agedBalance(invoices.map(invoiceFacts), relance.ledger.today(), policy.country);
    for (const bucket of Object.values(balance.buckets))
      expect(Object.keys(bucket).length).toBeGreaterThan(0);
    expect(Object.keys(balance.total).sort()).toEqual(['EUR', 'GBP']);
    expect(await models.Dispute.countDocuments({ status: 'open' })).toBeGreaterThanOrEqual(3);
    const statuses = (await models.PaymentPromise.find().lean()).map((p) => p.status);
    expect(statuses).toEqual(expect.arrayContaining(['kept', 'broken', 'pending']));
    expect(await models.Activity.countDocuments({ kind: { $in: ['call', 'letter'] } })).toBeGreaterThan(50);
  });

  it('is the same for the same seed and day, dated relative to today', () => {
    expect(demoPortfolio('2026-11-23', 7)).toEqual(demoPortfolio('2026-11-23', 7));
    const later = demoPortfolio('2027-03-01', 7);
    expect(later.invoices.map((i) => i.number)).toEqual(
      demoPortfolio('2026-11-23', 7).invoices.map((i) => i.number),
    );
    expect(later.invoices[0]!.due_date! > '2026-12-31').toBe(true);
  });

  it('changes nothing when loaded again', async () => {
    const before = await ledgerSnapshot(relance.ledger);
    await loadDemo(relance.ledger);
    expect(await ledgerSnapshot(relance.ledger)).toEqual(before);
  });
});
