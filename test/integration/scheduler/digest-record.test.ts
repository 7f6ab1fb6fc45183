/**
 * The morning-digest job records each digest it delivers, so the next morning's opens with
 * what changed since — here a payment imported between the two mornings, on a scripted clock.
 */
import { renderText } from '../../../bot/render/text';
import type { Reply } from '../../../dialogs/reply';
import { loadDemo } from '../../../integrations/demo/load';
import { importFile } from '../../../integrations/import/importer';
import { memoryLogger } from '../../../integrations/logger';
import type { JobContext } from '../../../jobs/deliveries';
import type { ChannelNotifier } from '../../../jobs/notifier';
import { jobNamed, runJob } from '../../../jobs/run';
import { csvFile, importOpts, movableClock, openTestLedger } from '../../helpers/ledger';

const clock = movableClock('2026-11-23T07:00:00Z');
let ledger: Awaited<ReturnType<typeof openTestLedger>>;
const sent: Array<{ staff: string; reply: Reply }> = [];
const channel: ChannelNotifier = {
  async deliver(staff, reply) {
    sent.push({ staff, reply });
    return 'slack';
  },
};
const context = (): JobContext => ({
  services: ledger,
  notifier: channel,
  logger: memoryLogger('silent').logger,
  digestTime: '08:30',
  touch: async () => {},
});
const run = (at: string) => {
  clock.set(at);
  return runJob(context(), jobNamed('morning-digest')!, { as: 'marie' });
};

beforeAll(async () => {
  ledger = await openTestLedger(clock);
  await loadDemo(ledger);
}, 60_000);
afterAll(async () => {
  await ledger.close();
});

describe('the morning digest job', () => {
  it('records what it delivered, once a day, and the next morning opens with what changed', async () => {
    await run('2026-11-23T07:30:00Z'); // 08:30 in Paris
    await run('2026-11-23T07:45:00Z');
    expect(sent).toHaveLength(1);
    const records = await ledger.models.DigestRecord.find({ staff: 'marie' }).lean();
    expect(records.map((r) => r.on)).toEqual(['2026-11-23']);
    expect(records[0]!.sentAt!.toISOString()).toBe('2026-11-23T07:30:00.000Z');
    expect(renderText(sent[0]!.reply)).not.toContain('Depuis votre dernier point');

    // During Monday a customer of Marie's pays an open invoice.
    clock.set('2026-11-23T15:00:00Z');
    const invoice = await ledger.models.Invoice.findOne({ owner: 'marie', status: 'open' }).lean();
    const report = await importFile(
      'payments',
      csvFile(
        'p.csv',
        `reference,customer_reference,date,currency,amount,invoice_numbers\nVIR-TEST-1,${invoice!.customer},2026-11-23,${invoice!.currency},${(invoice!.amount / 100).toFixed(2)},${invoice!.number}\n`,
      ),
      importOpts(ledger),
    );
    expect(report.rejected).toEqual([]);

    await run('2026-11-24T07:30:00Z');
    expect(sent).toHaveLength(2);
    const text = renderText(sent[1]!.reply);
    expect(text).toContain('Depuis votre dernier point (lun. 23 nov.)');
    expect(text).toContain('Paiements reçus: 1');
    // The broken promises it counts are the ones its calls lead with.
    const broken = sent[1]!.reply.sections.flatMap((s) =>
      s.blocks.flatMap((b) =>
        b.kind === 'list' ? b.entries.filter((e) => /^Promesse non tenue/.test(e.why)) : [],
      ),
    );
    expect(broken.length).toBeGreaterThan(0);
    expect(text).not.toContain('Promesses non tenues: 0');
    expect(
      (await ledger.models.DigestRecord.find({ staff: 'marie' }).sort({ on: 1 }).lean()).map((r) => r.on),
    ).toEqual(['2026-11-23', '2026-11-24']);
  });
});
