/**
 * Draft cards on the Bot Framework channels (Teams and the web chat; see
 * dialogs/communications/live-cards.ts): where one was posted — the conversation reference and
 * the activity id, its place `<conversation id>:<activity id>` — and how to replace it later:
 * `updateActivity` in a conversation continued from that reference.
 */
import { type ConversationReference, TurnContext } from 'botbuilder';
import type { CardChannel, CardUpdater, LiveCards } from '../../dialogs/communications/live-cards';
import type { Reply } from '../../dialogs/reply';
import { replyActivity } from '../render/adaptive-card';

/** Records a draft card sent (or replaced) as this activity; nothing for other replies. */
export async function recordBfCard(
  cards: LiveCards | undefined,
  channel: Extract<CardChannel, 'teams' | 'web'>,
  context: TurnContext,
  reply: Reply,
  activityId: string | undefined,
): Promise<void> {
  if (!cards || !reply.card || !activityId) return;
  const { activityId: _, ...reference } = TurnContext.getConversationReference(context.activity);
  await cards.posted(reply, {
    channel,
    place: `${reference.conversation?.id}:${activityId}`,
    // Plain JSON (no undefined): what the ledger stores.
    ref: JSON.parse(JSON.stringify({ reference, activityId })),
  });
}

/** Replaces a card through the conversation it was posted in (`continueConversation` of the edge). */
export function bfCardUpdater(
  continueIn: (
    ref: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ) => Promise<void>,
  opts: {
    reachable?: (ref: Partial<ConversationReference>) => boolean;
    /** A failed update means the card is gone (the web chat's log holds only the latest activities). */
    goneOnError?: boolean;
  } = {},
): CardUpdater {
  return {
    async update(stored, reply) {
      const { reference, activityId } = stored as {
        reference: Partial<ConversationReference>;
        activityId: string;
      };
      if (opts.reachable && !opts.reachable(reference)) return false;
      try {
        await continueIn(reference, async (context) => {
          await context.updateActivity({ ...replyActivity(reply), id: activityId });
        });
      } catch (err) {
        if (opts.goneOnError) return false;
        throw err;
      }
      return true;
    },
  };
}
