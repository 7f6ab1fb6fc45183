/**
 * Call-backs: a date asked for in a call note ("call back Monday") or the end of a snooze
 * brings the customer back to its owner on that day, at their morning time, once. Read again
 * at delivery: a call-back moved since, or a customer with nothing left to chase, is skipped.
 */

import { chaseableInvoices } from '../dialogs/drafting/facts';
import { callBackReply } from '../dialogs/follow-ups';
import { staffLang } from '../dialogs/i18n';
import {
  addDays,
  compareDates,
  fromStored,
  type LocalDate,
  localDate,
  toStored,
} from '../models/rules/dates';
import { wallTime } from '../models/rules/schedule';
import { deliverOnce } from './deliveries';
import { bump, type Counts, countsText, type Job } from './job';

type Why = 'callback' | 'snooze';
/** How far back a restart still brings call-backs due while the server was off. */
const CATCH_UP_DAYS = 7;
const FIELD: Record<Why, 'callbackOn' | 'snoozedUntil'> = { callback: 'callbackOn', snooze: 'snoozedUntil' };

export const callBack: Job = {
  name: 'call-back',
  description: 'bring a customer back to its owner on the call-back date or at the end of a snooze',
  everyMs: 60_000,
  async run(ctx, opts) {
    const { services } = ctx;
    const { models } = services;
    const now = services.clock.now();
    const today = opts.date ?? services.today();
    // Dates passed more than a week ago were handled (or missed for good): not re-read each minute.
    const window = { $lte: toStored(today), $gte: toStored(addDays(today, -CATCH_UP_DAYS)) };
    const counts: Counts = {};
    for (const why of ['callback', 'snooze'] as const) {
      const field = FIELD[why];
      const customers = await models.Customer.find(
        { [field]: window, ...(opts.as ? { owner: opts.as } : {}) },
        { reference: 1, owner: 1, callbackOn: 1, snoozedUntil: 1 },
      ).lean();
      for (const c of customers) {
        const on = fromStored(c[field]!);
        const owner = await models.Staff.findOne(
          { handle: c.owner },
          { timeZone: 1, digest: 1, language: 1 },
        ).lean();
        if (!owner) continue;
        // Due from the owner's morning time on that date, in their zone.
        const theirToday = localDate(now, owner.timeZone);
        if (
          !opts.date &&
          compareDates(theirToday, on) === 0 &&
          now < wallTime(on, owner.digest?.time ?? ctx.digestTime, owner.timeZone)
        )
          continue;
        const outcome = await deliverOnce(ctx, {
          key: `${why}:${c.reference}:${on}`,
          job: this.name,
          staff: c.owner,
          compose: () => compose(ctx, c.reference, why, on, staffLang(owner, services.policy.defaultLocale)),
        });
        bump(counts, `${outcome} ${why}`);
      }
    }
    return countsText(counts);
  },
};

async function compose(
  ctx: Parameters<Job['run']>[0],
  reference: string,
  why: Why,
  on: LocalDate,
  lang: 'fr' | 'en',
) {
  const { models } = ctx.services;
  const c = await models.Customer.findOne({ reference }).lean();
  const still = c?.[FIELD[why]];
  if (!c || !still || fromStored(still) !== on) return null;
  if ((await chaseableInvoices(models, reference)).length === 0) return null;
  const contact = c.contacts.find((k) => k.usual) ?? c.contacts[0];
  return callBackReply(
    c,
    why,
    contact ? [contact.name, contact.phone].filter(Boolean).join(' · ') : null,
    lang,
  );
}
