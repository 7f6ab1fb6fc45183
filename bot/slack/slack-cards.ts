/**
 * Draft cards on Slack (see dialogs/communications/live-cards.ts): where one was posted (the
 * message's channel and ts, its place `<channel>:<ts>`), and `chat.update` to bring it up to
 * date when the draft is decided elsewhere.
 */
import type { webApi } from '@slack/bolt';
import type { CardUpdater, LiveCards } from '../../dialogs/communications/live-cards';
import type { Reply } from '../../dialogs/reply';
import { replyMessage } from '../render/block-kit';

export interface SlackMessageRef {
  channel: string;
  ts: string;
}

/** Records a draft card posted (or replaced) at this message; nothing for other replies. */
export async function recordSlackCard(
  cards: LiveCards | undefined,
  reply: Reply,
  at: SlackMessageRef | undefined,
): Promise<void> {
  if (!cards || !reply.card || !at) return;
  await cards.posted(reply, {
    channel: 'slack',
    place: `${at.channel}:${at.ts}`,
    ref: { channel: at.channel, ts: at.ts },
  });
}

/** Errors saying the message will never be found again: the card is forgotten, not retried. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'is_archived', 'cant_update_message']);

export function slackCardUpdater(client: webApi.WebClient): CardUpdater {
  return {
    async update(ref, reply) {
      const { channel, ts } = ref as unknown as SlackMessageRef;
      try {
        await client.chat.update({ channel, ts, ...replyMessage(reply, reply.lang ?? 'fr') });
        return true;
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code && GONE.has(code)) return false;
        throw err;
      }
    },
  };
}
