/**
 * The sales-rep step. Each working morning, the customers whose oldest chased invoice reached
 * the policy's offset (before the formal notice) have their sales rep asked for a visit or a
 * call, once (delivery key `sales-rep:<customer>:<invoice>`), with the situation; the ask is in
 * the customer's trail. Every run, the reports reps wrote back (dialogs/sales-rep/rep-report.ts)
 * are handed to the customer's owner to confirm, once each (`rep-report:<note>`).
 */
import { words } from '../dialogs/handover/words';
import { staffLang } from '../dialogs/i18n';
import { repAskReply } from '../dialogs/sales-rep/rep-ask';
import { forwardedReport, REP_REPORT_PREFIX } from '../dialogs/sales-rep/rep-report';
import { appendActivity } from '../models/ledger/commitments';
import { lastContacts, SALES_REP_JOB, salesRepAsksDue } from '../models/ledger/sales-rep';
import { markDirty } from '../models/ledger/summaries';
import { dueMorning } from '../models/rules/schedule';
import type { CallLog } from '../models/schemas/call-log';
import { trailLang } from '../models/words/trail';
import { deliverOnce } from './deliveries';
import { bump, type Counts, countsText, type Job } from './job';

/** Reports older than this that the owner never saw are not forwarded any more. */
const FORWARD_WITHIN_MS = 7 * 86_400_000;

export const salesRep: Job = {
  name: SALES_REP_JOB,
  description:
    'ask the sales rep for a visit or a call before the formal notice; hand their reply to the owner',
  everyMs: 60_000,
  async run(ctx, opts) {
    const { services } = ctx;
    const { models, policy } = services;
    const counts: Counts = {};
    const now = services.clock.now();

    // The reps' reports, to their customers' owners (the owner confirms them).
    const reports = await models.CallLog.find({
      key: { $regex: `^${REP_REPORT_PREFIX}` },
      status: { $in: ['awaiting_confirmation', 'awaiting_answer'] },
      writtenAt: { $gte: new Date(now.getTime() - FORWARD_WITHIN_MS) },
      ...(opts.as ? { staff: opts.as } : {}),
    }).lean<Array<CallLog & { _id: unknown }>>();
    for (const r of reports) {
      const outcome = await deliverOnce(ctx, {
        key: `rep-report:${r.key}`,
        job: SALES_REP_JOB,
        staff: r.staff,
        compose: async () => {
          const fresh = await models.CallLog.findOne({ key: r.key }).lean<CallLog & { _id: unknown }>();
          return fresh ? forwardedReport(fresh, services) : null;
        },
      });
      bump(counts, `report ${outcome}`);
    }

    // The asks: each working morning (a rep is not woken at night), due computed afresh.
    const day = opts.date ?? dueMorning(now, policy.timeZone, ctx.digestTime, policy.country);
    if (!day) return countsText(counts);
    for (const ask of await salesRepAsksDue(models, policy, day, opts.as)) {
      const outcome = await deliverOnce(ctx, {
        key: ask.key,
        job: SALES_REP_JOB,
        staff: ask.rep,
        compose: async () => {
          const [rep, owner, contacts] = await Promise.all([
            models.Staff.findOne({ handle: ask.rep }, { language: 1 }).lean(),
            models.Staff.findOne({ handle: ask.owner }, { name: 1 }).lean(),
            lastContacts(models, ask.customer, policy.timeZone),
          ]);
          return repAskReply(ask, owner?.name ?? ask.owner, contacts, staffLang(rep, policy.defaultLocale));
        },
      });
      if (outcome === 'sent' || outcome === 'inbox') {
        // In the trail (and the case file): the step was taken, and with whom.
        await appendActivity(models, {
          key: ask.key,
          customer: ask.customer,
          invoices: ask.invoices.map((i) => i.number),
          kind: 'escalation',
          channel: 'chat',
          author: 'relance',
          at: now,
          outcome: 'sales_rep_asked',
          summary: words(trailLang(policy)).repAsked(ask.rep),
          data: { rep: ask.rep },
        });
        await markDirty(models, [{ customer: ask.customer, owner: ask.owner }]);
      }
      bump(counts, `ask ${outcome}`);
    }
    return countsText(counts);
  },
};
