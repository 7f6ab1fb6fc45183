/**
 * The sales-rep step through the real Slack edge (signed requests, a fake Slack Web API): the
 * job asks the customer's sales rep once for a visit or a call (run twice: one message, one
 * delivery key, one trail entry); the rep's reply in their DM ("done, they'll pay Friday") is
 * read like a call note about that customer, handed to the customer's owner, who confirms it
 * with the card's button: it is recorded once as the owner's call note, the rep named, with
 * the promise it holds.
 */
import type { RunningRelance } from '../../../bot/app';
import { jobNamed, runJob } from '../../../jobs/run';
import { SALES_REP_JOB, salesRepAsksDue } from '../../../models/ledger/sales-rep';
import { markDirty } from '../../../models/ledger/summaries';
import { posted, slackDriver, startChannels, stopChannels, until } from '../../helpers/channel-drivers';

jest.setTimeout(180_000);

let relance: RunningRelance;
let customer: string;

beforeAll(async () => {
  ({ relance } = await startChannels());
  const { models, policy } = relance.services;
  // Tom is the sales rep of Marie's customers; the first one due for a visit keeps him.
  await models.Customer.updateMany({ owner: 'marie' }, { $set: { salesRep: 'tom' } });
  const due = await salesRepAsksDue(models, policy, relance.services.today());
  expect(due.length).toBeGreaterThan(0);
  customer = due[0]!.customer;
  await models.Customer.updateMany({ reference: { $ne: customer } }, { $unset: { salesRep: 1 } });
  await markDirty(models, [{ customer }]);
}, 120_000);
afterAll(stopChannels);

const job = () => runJob({ ...relance.jobs, touch: async () => {} }, jobNamed(SALES_REP_JOB)!);

describe('the sales-rep step', () => {
  it('asks the rep once, and their reply becomes the owner’s confirmed call note', async () => {
    const { models } = relance.services;
    const name = (await models.Customer.findOne({ reference: customer }).lean())!.name;
    const mark = slackDriver.mark();
    expect(await job()).toContain('1 ask sent');
    // Run again (a second instance, the next tick): nothing more is sent.
    expect(await job()).not.toContain('ask');
    await slackDriver.idle();
    const asks = (await slackDriver.messages(mark)).filter((m) => m.text.includes('Visit or call asked'));
    expect(asks).toHaveLength(1);
    expect(asks[0]!.where).toBe(await slackDriver.personalOf('tom'));
    // The situation: the customer, an invoice with its days late, who follows the account.
    const ask = asks[0]!.text;
    expect(ask).toContain(name);
    expect(ask).toMatch(/days late/);
    expect(ask).toContain('Marie Lambert');
    expect(await models.Delivery.countDocuments({ job: SALES_REP_JOB, staff: 'tom' })).toBe(1);
    expect(await models.Activity.countDocuments({ customer, outcome: 'sales_rep_asked' })).toBe(1);

    // Tom writes back in his DM, without naming the customer.
    const reply = slackDriver.mark();
    await slackDriver.say('tom', "done, they'll pay Friday");
    await posted(slackDriver, reply, /passed your report/);
    const log = await until(
      async () => (await models.CallLog.findOne({ 'reportedBy.handle': 'tom' }).lean()) ?? undefined,
      'the report',
    );
    expect(log).toMatchObject({ staff: 'marie', customer, status: 'awaiting_confirmation' });

    // Handed to Marie (the owner) to confirm, once.
    const forward = slackDriver.mark();
    expect(await job()).toContain('1 report sent');
    expect(await job()).not.toContain('report sent');
    const card = await posted(slackDriver, forward, /Compte rendu de Tom Fletcher/);
    expect(card.where).toBe(await slackDriver.personalOf('marie'));
    expect(card.text).toContain(name);

    await slackDriver.press('marie', card, 'Confirmer');
    // Recorded once the note says so (the call first, then its promise).
    await until(
      async () =>
        (await models.CallLog.findOne({ key: log.key }).lean())?.status === 'recorded' ? true : undefined,
      'the note recorded',
    );
    const call = (await models.Activity.findOne({ key: `${log.key}#call` }).lean())!;
    expect(call).toMatchObject({ author: 'marie', customer, kind: 'call' });
    expect(call.summary).toContain('Tom Fletcher');
    expect(call.summary).toContain("done, they'll pay Friday");
    const promise = (await models.PaymentPromise.findOne({ customer, status: 'pending', recordedBy: 'marie' })
      .sort({ createdAt: -1 })
      .lean())!;
    // Monday 23 November: "Friday" is the 27th.
    expect(promise.instalments.at(-1)!.date.toISOString().slice(0, 10)).toBe('2026-11-27');
  });
});
