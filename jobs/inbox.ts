/**
 * The inbox: messages Relance started for someone it could not reach (no Slack, no Teams,
 * no open web chat). They are handed over, oldest first, the next time the person opens a
 * conversation — each taken once, even if two pages open at the same moment.
 */
import type { ChatServices } from '../dialogs/conversation';
import type { Reply } from '../dialogs/reply';

export async function takeInbox(services: ChatServices, staff: string, channel: string): Promise<Reply[]> {
  const { Delivery } = services.models;
  const waiting = await Delivery.find({ staff, status: 'inbox' }, { key: 1 }).sort({ createdAt: 1 }).lean();
  const replies: Reply[] = [];
  for (const w of waiting) {
    const taken = await Delivery.findOneAndUpdate(
      { key: w.key, status: 'inbox' },
      { $set: { status: 'sent', channel, sentAt: services.clock.now() } },
      { returnDocument: 'before' },
    ).lean();
    if (taken?.reply) replies.push(taken.reply as Reply);
  }
  return replies;
}
