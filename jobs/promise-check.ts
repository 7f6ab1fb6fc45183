/**
 * Promise checks. Promises are judged from payments at each instalment date + grace (and
 * earlier when paid in full): kept → noted in the trail, nobody disturbed; broken or only
 * partly kept → the ladder is advanced one step (its draft prepared for approval) and the
 * owner told now, once. A promise judged elsewhere (a payment import) is caught here too.
 */
import { invoicesFreeFor } from '../dialogs/communications/sweep';
import { withCompany } from '../dialogs/drafting/draft-dialog';
import { requestDraft } from '../dialogs/drafting/drafts';
import { nextStepFor } from '../dialogs/drafting/facts';
import { brokenPromiseReply } from '../dialogs/follow-ups';
import { staffLang } from '../dialogs/i18n';
import { trailSay, trailStep } from '../dialogs/words/trail';
import { ValidationError } from '../models/errors';
import { appendActivity } from '../models/ledger/commitments';
import { refreshPromises } from '../models/ledger/promises';
import { addDays, fromStored, toStored } from '../models/rules/dates';
import { isBreach } from '../models/rules/promises';
import { deliverOnce, type JobContext } from './deliveries';
import { bump, type Counts, countsText, type Job, type JobOptions } from './job';

/** Judged promises looked at again for their note or notice (a missed run is caught up). */
const LOOK_BACK_DAYS = 30;

export const promiseCheck: Job = {
  name: 'promise-check',
  description: 'judge promises from payments at date + grace: kept → noted; broken → ladder +1, owner told',
  everyMs: 15 * 60_000,
  async run(ctx, opts) {
    const { services } = ctx;
    const { models, policy } = services;
    const today = opts.date ?? services.today();
    const owner = opts.as ? { owner: opts.as } : {};
    const pending = await models.PaymentPromise.distinct('customer', { status: 'pending', ...owner });
    await refreshPromises(models, pending.map(String), today, policy);
    const judged = await models.PaymentPromise.find({
      ...owner,
      status: { $in: ['kept', 'partially_kept', 'broken'] },
      'instalments.date': { $gte: toStored(addDays(today, -LOOK_BACK_DAYS)) },
    }).lean();
    const counts: Counts = {};
    for (const p of judged) {
      const id = String(p._id);
      if (p.status === 'kept') {
        const noted = await appendActivity(models, {
          key: `promise-kept:${id}`,
          customer: p.customer,
          invoices: p.invoices,
          kind: 'promise',
          channel: 'system',
          author: 'relance',
          at: services.clock.now(),
          outcome: 'kept',
          summary: trailSay(policy, 'promiseKept'),
        });
        if (noted) bump(counts, 'kept');
        continue;
      }
      if (!isBreach(p.status as 'broken')) continue;
      bump(counts, `${await notifyBreach(ctx, id, p.owner, opts)} breach`);
    }
    return countsText(counts);
  },
};

async function notifyBreach(ctx: JobContext, id: string, owner: string, opts: JobOptions) {
  const { services } = ctx;
  const { models, policy } = services;
  return deliverOnce(ctx, {
    key: `promise-broken:${id}`,
    job: promiseCheck.name,
    staff: owner,
    compose: async () => {
      // Read again at delivery time: a promise cancelled or re-judged since is not chased.
      const now = await models.PaymentPromise.findById(id).lean();
      if (!now || !isBreach(now.status as 'broken')) return null;
      const [customer, person] = await Promise.all([
        models.Customer.findOne({ reference: now.customer }, { reference: 1, name: 1, handover: 1 }).lean(),
        models.Staff.findOne({ handle: now.owner }, { language: 1 }).lean(),
      ]);
      if (!customer) return null;
      const today = opts.date ?? services.today();
      // Advance the ladder one step: its draft (a letter, or a call script) waits for approval.
      // A customer handed over to an agency or a commissaire de justice is off the ladder: the
      // owner is told of the breach, nothing is drafted.
      const step = customer.handover?.since ? null : await nextStepFor(models, policy, now.customer, today);
      // Never a step an invoice already has (waiting, approved or sent).
      const invoices = step ? await invoicesFreeFor(withCompany(services), now.customer, step, today) : [];
      const draft =
        step && invoices.length
          ? await requestDraft(withCompany(services), {
              key: `promise-broken:${id}`,
              customer: now.customer,
              step,
              invoices,
              by: 'relance',
            }).catch((err) => {
              // Nothing left to chase for that step (paid, disputed meanwhile): no draft.
              if (err instanceof ValidationError) return null;
              throw err;
            })
          : null;
      await appendActivity(models, {
        key: `promise-broken:${id}`,
        customer: now.customer,
        invoices: now.invoices,
        kind: 'escalation',
        channel: 'system',
        author: 'relance',
        at: services.clock.now(),
        outcome: now.status,
        summary: step
          ? trailSay(policy, 'promiseBrokenStep', { step: trailStep(policy, step) })
          : trailSay(policy, 'promiseBroken'),
        data: { promise: id, step },
      });
      const instalments = now.instalments.map((i) => ({
        date: fromStored(i.date),
        amount: i.amount,
        currency: i.currency,
        paidToward: i.paidToward ?? 0,
        status: i.status ?? 'pending',
      }));
      return brokenPromiseReply(
        customer,
        { status: now.status, instalments },
        step ? { step, draft: draft?.key ?? null } : null,
        staffLang(person, policy.defaultLocale),
      );
    },
  });
}
