/**
 * The 08:30 morning-digest run for 200 staff (199 controllers and a manager) over the worklist
 * benchmark's portfolio (20k customers, 200k open invoices) on the embedded engine: the real
 * job, its delivery keys, and a fake channel that takes each digest. Target: all 200
 * delivered within 60 s. A second run right after must send nothing (all keys recorded).
 */

import { parseConfig } from '../integrations/config';
import { openLedger } from '../integrations/ledger';
import { memoryLogger } from '../integrations/logger';
import { connectDatabase } from '../integrations/mongodb/connect';
import { startEngine } from '../integrations/mongodb/engine';
import type { ChannelNotifier } from '../jobs/notifier';
import { jobNamed, runJob } from '../jobs/run';
import { fixedClock } from '../models/clock';
import { refreshDirty } from '../models/ledger/summaries';
import { loadPortfolio } from './_portfolio';
import { report, timed } from './report';

const TODAY = '2026-11-23';
const STAFF = 200;

async function main() {
  const engine = await startEngine();
  const config = parseConfig({ MONGODB_URI: engine.uri });
  const db = await connectDatabase(config.mongo, memoryLogger('silent').logger, 'bench');
  // 08:31 in Paris on a Monday: everyone's digest is due.
  const ledger = await openLedger(db, config, fixedClock('2026-11-23T07:31:00Z'));
  process.stdout.write(
    `Morning digest benchmark (Node ${process.version}): ${STAFF} staff, 20,000 customers, 200,000 open invoices, embedded engine\n`,
  );
  const build = await timed(() =>
    loadPortfolio(ledger.models, {
      customers: 20_000,
      invoicesPerCustomer: 10,
      controllers: STAFF - 1,
      today: TODAY,
    }),
  );
  report('load the portfolio', build.ms, 'ms');
  report(
    'build the customer summaries (once)',
    (await timed(() => refreshDirty(ledger.models, TODAY))).ms,
    'ms',
  );

  let delivered = 0;
  const channel: ChannelNotifier = {
    async deliver() {
      delivered++;
      return 'fake';
    },
  };
  const ctx = {
    services: ledger,
    notifier: channel,
    logger: memoryLogger('silent').logger,
    digestTime: '08:30',
    touch: async () => {},
  };
  const job = jobNamed('morning-digest')!;
  const run = await timed(() => runJob(ctx, job));
  report(`digests delivered (${run.result})`, delivered, 'digests', { op: '>=', value: STAFF });
  report('time to deliver them all', run.ms / 1000, 's', { op: '<=', value: 60 });
  const again = await timed(() => runJob(ctx, job));
  report(`second run (${again.result}): digests sent again`, delivered - STAFF, 'digests', {
    op: '<=',
    value: 0,
  });
  await db.close();
  await engine.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
