/**
 * The morning digest, per person, at their time (default 08:30) in their time zone, on working
 * days. Run every minute: whoever's morning has come and has no digest for today gets it —
 * which is also the catch-up after downtime (today's only; past days are never re-sent).
 */
import { answerDigest } from '../dialogs/digest';
import { staffLang } from '../dialogs/i18n';
import { type PersonalDigest, recordDigest } from '../models/ledger/digest';
import { localDate } from '../models/rules/dates';
import { dueMorning, nextMorning } from '../models/rules/schedule';
import { type DeliveryOutcome, deliverOnce } from './deliveries';
import { bump, type Counts, countsText, type Job } from './job';

/** Outcomes after which the person sees this digest (a failed send is retried with it). */
const DELIVERED = new Set<DeliveryOutcome>(['sent', 'inbox', 'failed']);

/** Touch the lock every this many people (a long run keeps it). */
const TOUCH_EVERY = 20;

export const morningDigest: Job = {
  name: 'morning-digest',
  description: "each person's digest at their time (default 08:30), their zone, working days",
  everyMs: 60_000,
  async run(ctx, opts) {
    const { services } = ctx;
    const now = services.clock.now();
    const people = await services.models.Staff.find(
      { active: { $ne: false }, 'digest.enabled': { $ne: false }, ...(opts.as ? { handle: opts.as } : {}) },
      { handle: 1, timeZone: 1, digest: 1, language: 1 },
    ).lean();
    const counts: Counts = {};
    for (const [i, s] of people.entries()) {
      if (i % TOUCH_EVERY === TOUCH_EVERY - 1) await ctx.touch();
      const day =
        opts.date ?? dueMorning(now, s.timeZone, s.digest?.time ?? ctx.digestTime, services.policy.country);
      if (!day) continue;
      const lang = staffLang(s, services.policy.defaultLocale);
      let composed: PersonalDigest | null = null;
      const outcome = await deliverOnce(ctx, {
        key: `digest:${s.handle}:${day}`,
        job: this.name,
        staff: s.handle,
        compose: async () => {
          const { reply, digest } = await answerDigest(s.handle, day, lang, services);
          composed = digest?.kind === 'personal' ? digest : null;
          return reply;
        },
      });
      // What the person is shown (now, from the inbox, or by a retry of this very reply) is
      // tomorrow's "since your last digest".
      if (composed && DELIVERED.has(outcome)) await recordDigest(services.models, composed, now);
      bump(counts, outcome);
    }
    return countsText(counts);
  },
  async nextDue(ctx) {
    const { services } = ctx;
    const now = services.clock.now();
    const people = await services.models.Staff.find(
      { active: { $ne: false }, 'digest.enabled': { $ne: false } },
      { handle: 1, timeZone: 1, digest: 1 },
    ).lean();
    let next: Date | null = null;
    for (const s of people) {
      const time = s.digest?.time ?? ctx.digestTime;
      const today = localDate(now, s.timeZone);
      // Today's is still to come if due and not yet delivered.
      const due = dueMorning(now, s.timeZone, time, services.policy.country);
      const pending = due && !(await services.models.Delivery.exists({ key: `digest:${s.handle}:${today}` }));
      const at = pending ? now : nextMorning(now, s.timeZone, time, services.policy.country);
      if (!next || at < next) next = at;
    }
    return next;
  },
};
