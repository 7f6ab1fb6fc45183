/**
 * The escalation sweep, each working morning: for every customer whose next ladder step is due
 * (pauses for disputes and pending promises, and the reminder caps, are the ladder's rules),
 * the step's letter or email is drafted and queued for the owner's approval — including the
 * pre-due care (the preventive reminder at D-5). Calls are not drafted here: they are in the
 * worklist (the pre-due check call of large invoices too). Once per customer, step and day;
 * never a step already waiting, approved or sent for an invoice (see dialogs/communications/sweep.ts).
 */
import { sweepCustomer } from '../dialogs/communications/sweep';
import { withCompany } from '../dialogs/drafting/draft-dialog';
import { ValidationError } from '../models/errors';
import { dueMorning } from '../models/rules/schedule';
import { tellSuperseded } from './communications';
import { bump, type Counts, countsText, type Job } from './job';

const TOUCH_EVERY = 50;

export const escalationSweep: Job = {
  name: 'escalation-sweep',
  description: 'each working morning, draft the letters and emails whose ladder step is due, for approval',
  everyMs: 15 * 60_000,
  async run(ctx, opts) {
    const { services } = ctx;
    const { models, policy } = services;
    const day =
      opts.date ?? dueMorning(services.clock.now(), policy.timeZone, ctx.digestTime, policy.country);
    if (!day) return 'not a working morning yet';
    // Once a day: the agenda tick comes every quarter of an hour, the sweep reads every customer.
    const whole = !opts.date && !opts.as;
    if (whole && (await models.JobState.exists({ name: this.name, doneFor: day })))
      return 'already swept today';
    const [open, handedOver] = await Promise.all([
      models.Invoice.distinct('customer', {
        status: { $in: ['open', 'partially_paid'] },
        ...(opts.as ? { owner: opts.as } : {}),
      }),
      // Handed over to an agency or a commissaire de justice: off the ladder, nothing drafted.
      models.Customer.distinct('reference', { 'handover.since': { $exists: true } }),
    ]);
    const off = new Set(handedOver.map(String));
    const customers = open.filter((c) => !off.has(String(c)));
    const counts: Counts = {};
    const drafting = withCompany(services);
    for (const [i, customer] of customers.map(String).entries()) {
      if (i % TOUCH_EVERY === TOUCH_EVERY - 1) await ctx.touch();
      try {
        const out = await sweepCustomer(drafting, customer, day);
        for (const d of out.superseded) {
          bump(counts, 'superseded');
          await tellSuperseded(ctx, d);
        }
        if (out.drafted) bump(counts, 'drafted');
      } catch (err) {
        // One customer's problem (nothing left to chase after all) never stops the sweep.
        if (!(err instanceof ValidationError)) throw err;
        bump(counts, 'nothing to draft');
      }
    }
    // Marked at the end: a sweep interrupted half-way runs again (its drafts are keyed by day).
    if (whole)
      await models.JobState.updateOne({ name: this.name }, { $set: { doneFor: day } }, { upsert: true });
    return countsText(counts);
  },
};
