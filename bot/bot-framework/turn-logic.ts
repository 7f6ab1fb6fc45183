/**
 * One Bot Framework turn, for Teams and the local web chat alike: who is this (a known staff
 * member, or a clear refusal), was this activity already handled (a redelivery is skipped),
 * remember where to reach them, turn the message or card submit into a neutral Turn, answer
 * with Adaptive Cards — and after a decision (confirm, approve…), update the card in place so
 * nobody acts on it twice.
 */
import { TurnContext } from 'botbuilder';
import type { ChatServices } from '../../dialogs/conversation';
import { respond, staleButtonReply, unknownUserReply } from '../../dialogs/conversation';
import { staffLang } from '../../dialogs/i18n';
import { ActionPayload, DECISION_ACTIONS, type Reply } from '../../dialogs/reply';
import type { Lang, Turn } from '../../dialogs/turn';
import type { Logger } from '../../integrations/logger';
import { takeInbox } from '../../jobs/inbox';
import { normalizeError, userMessage } from '../../models/errors';
import { firstTime } from '../../models/ledger/processed-events';
import { replyActivity } from '../render/adaptive-card';

export type BfChannel = 'teams' | 'web';

export interface TurnLogicDeps {
  services: ChatServices;
  logger: Logger;
  channel: BfChannel;
}

interface KnownStaff {
  handle: string;
  language?: string | null;
}

async function staffOf(context: TurnContext, deps: TurnLogicDeps): Promise<KnownStaff | null> {
  const from = context.activity.from;
  const { Staff } = deps.services.models;
  if (deps.channel === 'teams') {
    const id = from.aadObjectId ?? from.id;
    return Staff.findOne({ teamsUserId: id, active: { $ne: false } }, { handle: 1, language: 1 }).lean();
  }
  // The local web chat says who it is (the page's picker): it is off in production without a secret.
  return Staff.findOne(
    { handle: from.id.replace(/^web:/, '').toLowerCase(), active: { $ne: false } },
    { handle: 1, language: 1 },
  ).lean();
}

export function turnLogic(deps: TurnLogicDeps): (context: TurnContext) => Promise<void> {
  const { services, logger, channel } = deps;
  return async (context) => {
    const activity = context.activity;
    const staff = await staffOf(context, deps);
    if (activity.type === 'installationUpdate' || activity.type === 'conversationUpdate') {
      if (staff) await remember(context, staff.handle, deps);
      return;
    }
    if (activity.type !== 'message') return;
    const lang = staffLang(staff, services.policy.defaultLocale);
    if (!staff) {
      logger.warn(
        { channel, user: activity.from.aadObjectId ?? activity.from.id },
        'message from an unknown user',
      );
      await context.sendActivity(
        replyActivity(unknownUserReply(lang, channel === 'teams' ? 'Teams' : undefined)),
      );
      return;
    }
    // A redelivery (Teams retries after 15 s without an answer) is recognised and skipped.
    const key = `${channel}:${activity.conversation.id}:${activity.id}`;
    if (!(await firstTime(services.models, key, services.clock.now()))) {
      logger.info({ channel, key }, 'activity already handled: skipped');
      return;
    }
    await remember(context, staff.handle, deps);

    let action: ActionPayload | undefined;
    if (activity.value !== undefined && activity.value !== null) {
      const parsed = ActionPayload.safeParse(activity.value);
      if (!parsed.success) {
        await context.sendActivity(replyActivity(staleButtonReply(lang)));
        return;
      }
      action = parsed.data;
    }
    const turn: Turn = {
      id: key,
      channel,
      staff: staff.handle,
      lang,
      at: services.clock.now(),
      ...(action ? { action } : { text: (activity.text ?? '').trim() }),
    };
    const replies = await respond(turn, services);
    await sendReplies(
      context,
      replies,
      action && DECISION_ACTIONS.has(action.type) ? activity.replyToId : undefined,
    );
  };
}

/** Sends replies; with `updating`, the first one replaces the card the button was on. */
async function sendReplies(context: TurnContext, replies: Reply[], updating?: string): Promise<void> {
  for (const [i, reply] of replies.entries()) {
    const activity = replyActivity(reply);
    if (i === 0 && updating) {
      try {
        await context.updateActivity({ ...activity, id: updating });
        continue;
      } catch {
        // A client that cannot update (or a card too old) gets the answer as a new message.
      }
    }
    await context.sendActivity(activity);
  }
}

/** Stores where to reach them, and hands over what Relance could not deliver while they were unreachable. */
async function remember(context: TurnContext, staff: string, deps: TurnLogicDeps): Promise<void> {
  const ref = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity)));
  await deps.services.models.ConversationRef.updateOne(
    { staff, channel: deps.channel },
    { $set: { ref } },
    { upsert: true },
  );
  for (const reply of await takeInbox(deps.services, staff, deps.channel))
    await context.sendActivity(replyActivity(reply));
}

/** One handler for any failure inside a turn: a short apology in the user's language, a log line with the code. */
export function onTurnError(logger: Logger, lang: () => Lang) {
  return async (context: TurnContext, err: Error): Promise<void> => {
    const e = normalizeError(err);
    logger.error({ code: e.code, err: e.cause ?? e }, 'turn failed');
    try {
      await context.sendActivity(userMessage(e, lang()));
    } catch {
      // The channel itself is down: the log line is all we can do.
    }
  };
}
