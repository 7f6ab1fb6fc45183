/**
 * The scheduled jobs on the demo portfolio, run inline the way agenda runs them, with a clock
 * the test moves: digests at 08:30 in each person's zone on working days (also across the end
 * of daylight saving), promises judged from imported payments, broken ones escalated and told
 * once even with two instances, dispute reviews, and no second send after a crash.
 */

import { respond } from '../../../dialogs/conversation';
import type { Reply } from '../../../dialogs/reply';
import { loadDemo } from '../../../integrations/demo/load';
import { importFile } from '../../../integrations/import/importer';
import { memoryLogger } from '../../../integrations/logger';
import type { JobContext } from '../../../jobs/deliveries';
import type { ChannelNotifier } from '../../../jobs/notifier';
import { jobNamed, runJob } from '../../../jobs/run';
import { openDispute, recordPromise } from '../../../models/ledger/commitments';
import { csvFile, importOpts, movableClock, openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
const clock = movableClock('2026-10-22T12:00:00Z');
let ledger: TestLedger;
const sent: Array<{ staff: string; reply: Reply; at: Date }> = [];
/** The fake channel: records what it delivers; a test may make it hang (a crash while sending). */
let channelHangs = false;
let channelFails = 0;
const channel: ChannelNotifier = {
  async deliver(staff, reply) {
    if (channelFails > 0) {
      channelFails--;
      throw new Error('slack is down');
    }
    sent.push({ staff, reply, at: clock.now() });
    if (channelHangs) await new Promise(() => {});
    return 'slack';
  },
};

function context(): JobContext {
  return {
    services: ledger,
    notifier: channel,
    logger: memoryLogger('silent').logger,
    digestTime: '08:30',
    touch: async () => {},
  };
}
const run = (name: string, at: string, opts = {}) => {
  clock.set(at);
  return runJob(context(), jobNamed(name)!, opts);
};
const sentTo = (staff: string, title: RegExp) =>
  sent.filter((s) => s.staff === staff && title.test(s.reply.title ?? ''));

beforeAll(async () => {
  ledger = await openTestLedger(clock);
  await loadDemo(ledger);
}, 60_000);
afterAll(async () => {
  await ledger.close();
});
beforeEach(() => {
  sent.length = 0;
});

describe('morning digest', () => {
  it('arrives at 08:30 Paris time on both sides of the end of daylight saving, once', async () => {
    // Friday 23 October 2026, summer time: 08:30 in Paris is 06:30 UTC.
    await run('morning-digest', '2026-10-23T06:29:00Z');
    expect(sentTo('marie', /Digest|Point du jour|Résumé/i)).toHaveLength(0);
    await run('morning-digest', '2026-10-23T06:30:00Z');
    await run('morning-digest', '2026-10-23T06:45:00Z');
    expect(sent.filter((s) => s.staff === 'marie')).toHaveLength(1);
    // Monday 26 October, winter time: 06:30 UTC is 07:30 in Paris — too early; 07:30 UTC is 08:30.
    await run('morning-digest', '2026-10-26T06:30:00Z');
    expect(sent.filter((s) => s.staff === 'marie')).toHaveLength(1);
    await run('morning-digest', '2026-10-26T07:30:00Z');
    expect(sent.filter((s) => s.staff === 'marie')).toHaveLength(2);
    expect(sent.at(-1)!.at.toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it('follows each person’s zone: Tom in London gets his at 08:30 London time', async () => {
    await run('morning-digest', '2026-10-27T07:31:00Z');
    expect(sent.map((s) => s.staff).sort()).toEqual(['claire', 'marie']);
    await run('morning-digest', '2026-10-27T08:30:00Z');
    expect(sent.map((s) => s.staff).sort()).toEqual(['claire', 'marie', 'tom']);
  });

  it('is not sent on 25 December nor at the weekend', async () => {
    await run('morning-digest', '2026-12-25T10:00:00Z');
    await run('morning-digest', '2026-10-31T10:00:00Z'); // Saturday
    await run('morning-digest', '2026-11-01T10:00:00Z'); // Sunday (and All Saints' Day)
    expect(sent).toEqual([]);
  });

  it('never sends twice after a crash between sending and recording it', async () => {
    channelHangs = true;
    // The first instance reaches the channel for Marie, then "dies" before recording it.
    void run('morning-digest', '2026-10-28T07:40:00Z', { as: 'marie' });
    // Until the channel has been reached (not a fixed sleep: a loaded machine composes slowly).
    for (const end = Date.now() + 20_000; sent.length === 0 && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 20));
    channelHangs = false;
    expect(sent).toHaveLength(1);
    // Another instance (or the restarted one) runs the job: Marie's digest is not sent again.
    await run('morning-digest', '2026-10-28T07:45:00Z', { as: 'marie' });
    await run('morning-digest', '2026-10-28T08:00:00Z');
    expect(sent.filter((s) => s.staff === 'marie')).toHaveLength(1);
    expect(sent.map((s) => s.staff).sort()).toEqual(['claire', 'marie']);
  });
});

describe('promise check', () => {
  const models = () => ledger.models;
  async function promise(customer: string, key: string, date: string, amount: number) {
    await models().PaymentPromise.updateMany(
      { customer, status: 'pending' },
      { $set: { status: 'cancelled' } },
    );
    await recordPromise(models(), {
      operationKey: key,
      customer,
      owner: 'marie',
      invoices: [],
      instalments: [{ date, amount, currency: 'EUR' }],
      givenOn: '2026-11-16',
      recordedBy: 'marie',
    });
  }
  const rankOf = async (customer: string) => {
    clock.set('2026-11-23T08:00:00Z');
    const [reply] = await respond(
      {
        id: `t:${customer}:${Date.now()}`,
        channel: 'web',
        staff: 'marie',
        lang: 'en',
        at: clock.now(),
        text: 'top 10',
      },
      ledger,
    );
    const titles = JSON.stringify(reply);
    const m = new RegExp(`"rank":(\\d+),"title":"[^"]*\\(${customer}\\)`).exec(titles);
    return m ? Number(m[1]) : null;
  };

  it('keeps a promise paid before its date, notes it, and tells nobody', async () => {
    await promise('FR016', 'test:promise-kept', '2026-11-20', 150_000);
    const file = csvFile(
      'payments.csv',
      'reference,customer_reference,date,currency,amount,invoice_numbers\nPAY-T-1,FR016,2026-11-18,EUR,1500.00,\n',
    );
    clock.set('2026-11-18T10:00:00Z');
    await importFile('payments', file, importOpts(ledger));
    await run('promise-check', '2026-11-24T09:00:00Z');
    const p = await models().PaymentPromise.findOne({ operationKey: 'test:promise-kept' }).lean();
    expect(p?.status).toBe('kept');
    expect(await models().Activity.exists({ key: `promise-kept:${p!._id}` })).not.toBeNull();
    expect(sent.filter((s) => JSON.stringify(s.reply).includes('FR016'))).toEqual([]);
  });

  it('breaks an unpaid one: the owner is told once with two instances, and the customer moves up', async () => {
    await promise('FR028', 'test:promise-broken', '2026-11-18', 300_000);
    const before = await rankOf('FR028');
    // Two scheduler instances run the check at the same moment.
    clock.set('2026-11-23T09:00:00Z');
    await Promise.all([
      runJob(context(), jobNamed('promise-check')!),
      runJob(context(), jobNamed('promise-check')!),
    ]);
    await run('promise-check', '2026-11-23T09:15:00Z');
    const p = await models().PaymentPromise.findOne({ operationKey: 'test:promise-broken' }).lean();
    expect(p?.status).toBe('broken');
    const told = sentTo('marie', /Promise broken|Promesse non tenue/);
    expect(told.filter((s) => s.reply.title!.includes('FR028'))).toHaveLength(1);
    // The ladder moved one step: its draft waits for approval, and the notice links to it.
    const draft = await models()
      .Draft.findOne({ key: `promise-broken:${p!._id}` })
      .lean();
    expect(draft?.status).toMatch(/awaiting_approval|blocked/);
    expect(JSON.stringify(told[0]!.reply)).toContain(draft!.key);
    const after = await rankOf('FR028');
    expect(after).not.toBeNull();
    expect(before === null || after! < before).toBe(true);
    expect(
      JSON.stringify(
        await respond(
          { id: 't:why', channel: 'web', staff: 'marie', lang: 'en', at: clock.now(), text: 'top 10' },
          ledger,
        ),
      ),
    ).toMatch(/FR028\)","why":"Broken promise/);
  });
});

describe('dispute review', () => {
  it('reminds the owner of an open dispute on its date; a resolved one is never reviewed', async () => {
    const invoices = await ledger.models.Invoice.find({ customer: 'FR017', status: 'open' }).limit(2).lean();
    for (const [i, inv] of invoices.entries())
      await openDispute(ledger.models, {
        operationKey: `test:dispute-${i}`,
        customer: 'FR017',
        owner: 'marie',
        invoice: inv.number,
        reason: 'quality',
        detail: i === 0 ? 'damaged goods' : 'wrong colour',
        reviewOn: '2026-11-30',
        recordedBy: 'marie',
      });
    await ledger.models.Dispute.updateOne(
      { operationKey: 'test:dispute-1' },
      { $set: { status: 'withdrawn' } },
    );
    const aboutFR017 = () =>
      sent.filter(
        (s) =>
          /Dispute to review|Litige à revoir/.test(s.reply.title ?? '') && s.reply.title!.includes('FR017'),
      );
    await run('dispute-review', '2026-11-27T09:00:00Z');
    expect(aboutFR017()).toEqual([]);
    await run('dispute-review', '2026-11-30T09:00:00Z');
    await run('dispute-review', '2026-11-30T09:15:00Z');
    const reviews = sent.filter(
      (s) =>
        /Dispute to review|Litige à revoir/.test(s.reply.title ?? '') && s.reply.title!.includes('FR017'),
    );
    expect(reviews).toHaveLength(1);
    expect(JSON.stringify(reviews[0]!.reply)).toContain('damaged goods');
    expect(JSON.stringify(reviews[0]!.reply)).not.toContain('wrong colour');
  });
});

describe('call-backs, the escalation sweep and retries', () => {
  it('brings a customer back on the call-back date from the morning, once; a moved call-back waits', async () => {
    const { Customer } = ledger.models;
    await Customer.updateOne(
      { reference: 'FR034' },
      { $set: { callbackOn: new Date('2026-12-01T00:00:00Z') } },
    );
    await Customer.updateOne(
      { reference: 'FR029' },
      { $set: { snoozedUntil: new Date('2026-12-01T00:00:00Z') } },
    );
    const about = (ref: string) => sent.filter((s) => s.reply.title?.includes(ref));
    await run('call-back', '2026-12-01T06:00:00Z'); // 07:00 in Paris: before the morning
    expect(about('FR034')).toEqual([]);
    await run('call-back', '2026-12-01T07:35:00Z');
    await run('call-back', '2026-12-01T07:36:00Z');
    expect(about('FR034')).toHaveLength(1);
    expect(about('FR034')[0]!.reply.title).toMatch(/Call back today|À rappeler/);
    expect(about('FR029')[0]!.reply.title).toMatch(/Snooze over|Fin du report/);
    // Moved to the next day by a new call note: today's reminder was sent, the next one waits for its day.
    await Customer.updateOne(
      { reference: 'FR034' },
      { $set: { callbackOn: new Date('2026-12-02T00:00:00Z') } },
    );
    await run('call-back', '2026-12-01T10:00:00Z');
    expect(about('FR034')).toHaveLength(1);
    await run('call-back', '2026-12-02T08:00:00Z');
    expect(about('FR034')).toHaveLength(2);
  });

  it('drafts the due letters each working morning for approval, once', async () => {
    const drafted = async () => ledger.models.Draft.countDocuments({ key: /^sweep:/ });
    expect(await run('escalation-sweep', '2026-12-05T09:00:00Z')).toBe('not a working morning yet'); // Saturday
    const first = await run('escalation-sweep', '2026-12-07T08:00:00Z');
    expect(first).toMatch(/\d+ drafted/);
    const count = await drafted();
    expect(count).toBeGreaterThan(0);
    await run('escalation-sweep', '2026-12-07T08:15:00Z');
    expect(await drafted()).toBe(count);
    const sample = await ledger.models.Draft.findOne({ key: /^sweep:/ }).lean();
    expect(sample).toMatchObject({
      requestedBy: 'relance',
      status: expect.stringMatching(/awaiting_approval|blocked/),
    });
    expect(sample!.kind).not.toBe('call_script');
  });

  it('retries a delivery the channel failed, with backoff, and sends it once', async () => {
    channelFails = 1;
    expect(await run('morning-digest', '2026-12-08T07:31:00Z', { as: 'marie' })).toBe('1 failed');
    expect(await ledger.models.Delivery.findOne({ key: 'digest:marie:2026-12-08' }).lean()).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('slack is down'),
    });
    expect(await run('retry-deliveries', '2026-12-08T07:31:30Z')).toBe('nothing to retry'); // backoff: 1 min
    expect(await run('retry-deliveries', '2026-12-08T07:32:30Z')).toBe('1 of 1 retried sent');
    await run('morning-digest', '2026-12-08T07:40:00Z', { as: 'marie' });
    expect(sent.filter((s) => s.staff === 'marie')).toHaveLength(1);
  });
});
