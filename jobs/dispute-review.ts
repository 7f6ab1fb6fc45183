/**
 * Dispute reviews: on its review date, an open dispute's owner is reminded with its context,
 * once. A dispute resolved before then is simply not open any more: its review never fires.
 */
import { disputeReviewReply } from '../dialogs/follow-ups';
import { money, staffLang } from '../dialogs/i18n';
import { fromStored, toStored } from '../models/rules/dates';
import { deliverOnce } from './deliveries';
import { bump, type Counts, countsText, type Job } from './job';

export const disputeReview: Job = {
  name: 'dispute-review',
  description: 'remind the owner of an open dispute on its review date',
  everyMs: 15 * 60_000,
  async run(ctx, opts) {
    const { services } = ctx;
    const { models } = services;
    const today = opts.date ?? services.today();
    const due = await models.Dispute.find({
      status: 'open',
      reviewOn: { $lte: toStored(today) },
      ...(opts.as ? { owner: opts.as } : {}),
    }).lean();
    const counts: Counts = {};
    for (const d of due) {
      const id = String(d._id);
      const outcome = await deliverOnce(ctx, {
        key: `dispute-review:${id}:${fromStored(d.reviewOn)}`,
        job: this.name,
        staff: d.owner,
        compose: async () => {
          const now = await models.Dispute.findById(id).lean();
          if (now?.status !== 'open') return null;
          const [customer, owner, invoice] = await Promise.all([
            models.Customer.findOne({ reference: now.customer }, { reference: 1, name: 1 }).lean(),
            models.Staff.findOne({ handle: now.owner }, { language: 1 }).lean(),
            models.Invoice.findOne({ number: now.invoices[0] }, { currency: 1 }).lean(),
          ]);
          if (!customer) return null;
          const lang = staffLang(owner, services.policy.defaultLocale);
          return disputeReviewReply(
            customer,
            {
              invoices: now.invoices,
              reason: now.reason,
              detail: now.detail,
              recordedBy: now.recordedBy,
              openedOn: fromStored(now.createdAt),
              ...(now.amount && invoice ? { amount: money(now.amount, invoice.currency, lang) } : {}),
            },
            lang,
          );
        },
      });
      bump(counts, outcome);
    }
    return countsText(counts);
  },
};
