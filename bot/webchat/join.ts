/**
 * A web chat page joins its Direct Line conversation (the `webchat/join` event it sends once
 * connected): the conversation is bound to the person, their kept history is shown in it, then
 * the greeting; and it becomes where proactive messages reach them (the page just opened is
 * the one they look at).
 */
import type { ChatServices } from '../../dialogs/conversation';
import { resolveStaff } from '../../pipeline/identity';
import { greetingActivity } from './greeting';
import type { WebChatHistory } from './history';
import { BOT, type WebChatAdapter } from './webchat-adapter';

export const JOIN_EVENT = 'webchat/join';

/** Joins once per conversation; a stranger (or someone who left) is shown nothing. */
export async function joinConversation(
  conversationId: string,
  handle: string,
  deps: { adapter: WebChatAdapter; history: WebChatHistory; services: ChatServices },
): Promise<boolean> {
  const { adapter, history, services } = deps;
  if (history.owner(conversationId)) return true;
  const staff = await resolveStaff(services, { handle });
  if (!staff || history.owner(conversationId)) return Boolean(staff);
  history.bind(conversationId, staff.handle, (id) => adapter.has(id));
  const profile = await services.models.Staff.findOne({ handle: staff.handle }, { timeZone: 1 }).lean();
  const kept = await history.load(staff.handle, conversationId);
  // Hello by the person's local time on the business clock; shown now, after the history.
  const greeting = greetingActivity(
    { ...staff, timeZone: profile?.timeZone ?? services.policy.timeZone },
    services.clock.now(),
    kept.length > 0,
  );
  adapter.show(conversationId, [...kept, { ...greeting, conversation: { id: conversationId } as never }]);
  const ref = {
    channelId: 'webchat',
    serviceUrl: 'local',
    user: { id: staff.handle, name: staff.name, role: 'user' },
    bot: BOT,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  };
  await services.models.ConversationRef.updateOne(
    { staff: staff.handle, channel: 'web' },
    { $set: { ref } },
    { upsert: true },
  );
  return true;
}
