import type { StaffRowT } from '../rows';
import { countUpserts, emptyOutcome, type Writer } from './types';

export const writeStaff: Writer<StaffRowT> = async (batch, { models }) => {
  const out = emptyOutcome();
  if (batch.length === 0) return out;
  const ops = batch.map(({ value: r }) => ({
    updateOne: {
      filter: { handle: r.handle.toLowerCase() },
      update: {
        $set: {
          name: r.name,
          email: r.email.toLowerCase(),
          role: r.role,
          ...(r.time_zone ? { timeZone: r.time_zone } : {}),
          ...(r.slack_user_id ? { slackUserId: r.slack_user_id } : {}),
          ...(r.teams_user_id ? { teamsUserId: r.teams_user_id } : {}),
        },
        $setOnInsert: {
          handle: r.handle.toLowerCase(),
          active: true,
          language: 'fr',
          digest: { enabled: true, time: '08:30' },
        },
      },
      upsert: true,
    },
  }));
  countUpserts(await models.Staff.collection.bulkWrite(ops as never, { ordered: false }), out);
  return out;
};
