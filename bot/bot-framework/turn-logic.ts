/**
 * The Bot Framework edge, for Teams and the local web chat alike, on botbuilder's
 * `ActivityHandler`. It only carries: the activity becomes an Arrival for the turn pipeline
 * (the bot's own mention removed with `TurnContext.removeRecipientMention`, mentions of staff
 * turned into their handles), and the pipeline's replies are rendered as Adaptive Cards and
 * delivered as they declare (replace the card a button was on, or a new message to the
 * presser). Work longer than SLOW_AFTER_MS shows the typing indicator and is finished
 * proactively, so the platform's request is answered at once (Teams gives 15 s).
 * Action.Execute (`adaptiveCard/action` invokes) is answered 200 with the updated card; other
 * invokes 200 with a message. Group chats and channels never replace a person's personal
 * conversation reference (where proactive messages go).
 */
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type InvokeResponse,
  TurnContext,
} from 'botbuilder';
import type { ChatServices } from '../../dialogs/conversation';
import { helpReply } from '../../dialogs/conversation';
import type { Reply } from '../../dialogs/reply';
import type { Lang } from '../../dialogs/turn';
import type { Logger } from '../../integrations/logger';
import { normalizeError, userMessage } from '../../models/errors';
import { resolveStaff } from '../../pipeline/identity';
import { type Arrival, type Outcome, runTurn, SLOW_AFTER_MS } from '../../pipeline/turn-pipeline';
import { t } from '../../pipeline/words';
import { renderAdaptiveCard, replyActivity } from '../render/adaptive-card';
import { recordBfCard } from './cards';

export type BfChannel = 'teams' | 'web';

export interface TurnLogicDeps {
  services: ChatServices;
  logger: Logger;
  channel: BfChannel;
  /** Runs `logic` in the conversation of `ref` later (the slow path's proactive finish). */
  proactive(
    ref: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  /** A message to the person's personal chat (a refusal in a group chat is said to them only). */
  personal?(staff: string, reply: Reply): Promise<boolean>;
  slowAfterMs?: number;
}

/** A personal (1:1) conversation, as opposed to a group chat or a channel. */
function isPersonal(context: TurnContext): boolean {
  const c = context.activity.conversation;
  return !c?.isGroup && (c?.conversationType ?? 'personal') === 'personal';
}

export class RelanceBot extends ActivityHandler {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: TurnLogicDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    // Installed (personal scope or a team) or added to a conversation: remember where, and say hello.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === bot)) await this.welcome(context);
      else await this.remember(context);
      await next();
    });
  }

  /** Resolves when every turn finished proactively so far has been delivered (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async arrival(context: TurnContext): Promise<Arrival> {
    const a = context.activity;
    const personal = isPersonal(context);
    const value = a.value ?? undefined;
    // The web chat's own id of what was typed (the same when the page sends it again).
    const clientId = (a.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    const eventId =
      this.deps.channel === 'web' && typeof clientId === 'string' && clientId
        ? `client:${a.from.id}:${clientId}`
        : `${a.conversation.id}:${a.id}`;
    return {
      channel: this.deps.channel,
      who:
        this.deps.channel === 'teams'
          ? { teamsUserId: a.from.aadObjectId ?? a.from.id }
          : { handle: a.from.id.replace(/^web:/, '') },
      eventId,
      ...(value !== undefined
        ? { payload: value, ...(a.replyToId ? { origin: `${a.conversation.id}:${a.replyToId}` } : {}) }
        : { text: await this.textOf(context) }),
      personal,
    };
  }

  /** The message without the bot's own mention, other people's mentions as their handles. */
  private async textOf(context: TurnContext): Promise<string> {
    const a = context.activity;
    let text = (TurnContext.removeRecipientMention(a) ?? a.text ?? '').trim();
    for (const e of a.entities ?? []) {
      if (e.type !== 'mention' || e.mentioned?.id === a.recipient?.id) continue;
      const said = String(e.text ?? '');
      const who = e.mentioned as { id?: string; aadObjectId?: string; name?: string } | undefined;
      const id = who?.aadObjectId ?? who?.id;
      const staff = id ? await resolveStaff(this.deps.services, { teamsUserId: id }) : null;
      const plain = said.replace(/<\/?at>/g, '');
      text = text.split(said).join(staff ? staff.handle : plain);
    }
    return text
      .replace(/<\/?at>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  private async message(context: TurnContext): Promise<void> {
    const arrival = await this.arrival(context);
    const work = runTurn(arrival, this.deps);
    const finished = await Promise.race([
      work.then((o) => ({ o })),
      new Promise<null>((r) => setTimeout(() => r(null), this.deps.slowAfterMs ?? SLOW_AFTER_MS).unref()),
    ]);
    if (finished) {
      await this.deliver(context, finished.o);
      return;
    }
    // Slow (an LLM drafting): the typing indicator now, the answer proactively when done.
    await context.sendActivity({ type: 'typing' });
    const ref = TurnContext.getConversationReference(context.activity);
    const replyToId = context.activity.replyToId;
    const lang = this.deps.services.policy.defaultLocale;
    const done = work
      .then((o) => this.deps.proactive(ref, (ctx) => this.deliver(ctx, o, replyToId)))
      .catch(async (err) => {
        const e = normalizeError(err);
        this.deps.logger.error({ code: e.code, err: e.cause ?? e }, 'turn failed');
        await this.deps
          .proactive(ref, async (ctx) => {
            await ctx.sendActivity(userMessage(e, lang));
          })
          .catch(() => undefined);
      })
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Delivers the pipeline's replies as they declare; remembers where to reach the person. */
  private async deliver(
    context: TurnContext,
    outcome: Outcome,
    replyToId = context.activity.replyToId,
  ): Promise<void> {
    if (outcome.kind === 'answered') await this.remember(context, outcome.staff.handle);
    for (const reply of outcome.replies) {
      const activity = replyActivity(reply);
      if (reply.delivery?.replacesOrigin && replyToId) {
        try {
          await context.updateActivity({ ...activity, id: replyToId });
          await this.card(context, reply, replyToId);
          continue;
        } catch {
          // A client that cannot update (or a card too old) gets the answer as a new message.
        }
      }
      // Said to the presser only: in a group chat, in their personal chat when we can reach it.
      if (
        reply.delivery?.ephemeral &&
        outcome.kind === 'answered' &&
        !isPersonal(context) &&
        this.deps.personal
      )
        if (await this.deps.personal(outcome.staff.handle, reply).catch(() => false)) continue;
      const sent = await context.sendActivity(activity);
      await this.card(context, reply, sent?.id);
    }
  }

  /** A draft's card: where it is, so that it is updated when the draft is decided elsewhere. */
  private card(context: TurnContext, reply: Reply, activityId: string | undefined): Promise<void> {
    return recordBfCard(this.deps.services.cards, this.deps.channel, context, reply, activityId);
  }

  /**
   * Stores where to reach them: a personal conversation is *the* reference proactive messages
   * use; a group chat or channel is kept apart and never replaces it.
   */
  private async remember(context: TurnContext, known?: string): Promise<void> {
    const a = context.activity;
    const handle =
      known ??
      (
        await resolveStaff(
          this.deps.services,
          this.deps.channel === 'teams'
            ? { teamsUserId: a.from.aadObjectId ?? a.from.id }
            : { handle: a.from.id.replace(/^web:/, '') },
        )
      )?.handle;
    if (!handle) return;
    const ref = JSON.parse(JSON.stringify(TurnContext.getConversationReference(a)));
    // The web chat is always personal; Teams group chats and channels are kept apart.
    const channel = isPersonal(context) ? this.deps.channel : 'teams-group';
    await this.deps.services.models.ConversationRef.updateOne(
      { staff: handle, channel },
      { $set: { ref } },
      { upsert: true },
    );
  }

  private async welcome(context: TurnContext): Promise<void> {
    await this.remember(context);
    const staff = await resolveStaff(
      this.deps.services,
      this.deps.channel === 'teams'
        ? { teamsUserId: context.activity.from.aadObjectId ?? context.activity.from.id }
        : { handle: context.activity.from.id.replace(/^web:/, '') },
    );
    const lang: Lang = staff?.lang ?? this.deps.services.policy.defaultLocale;
    await context.sendActivity(t(lang, 'welcome'));
  }

  /** Action.Execute: the press goes through the pipeline; the answer is the card that replaces the pressed one. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const a = context.activity;
    const outcome = await runTurn(
      {
        channel: this.deps.channel,
        who:
          this.deps.channel === 'teams'
            ? { teamsUserId: a.from.aadObjectId ?? a.from.id }
            : { handle: a.from.id },
        eventId: `${a.conversation.id}:${a.id}`,
        payload: invokeValue.action?.data ?? null,
        ...(a.replyToId ? { origin: `${a.conversation.id}:${a.replyToId}` } : {}),
        personal: isPersonal(context),
      },
      this.deps,
    );
    if (outcome.kind === 'answered') await this.remember(context, outcome.staff.handle);
    const [first, ...rest] = outcome.replies;
    for (const reply of rest)
      await this.card(context, reply, (await context.sendActivity(replyActivity(reply)))?.id);
    const card = renderAdaptiveCard(first ?? helpReply(outcome.lang));
    // A refusal or a duplicate leaves the pressed card as it was for everyone else: the answer
    // card goes to the presser (Teams shows an invoke's card to the one who pressed).
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return super.onInvokeActivity(context);
    // Any other invoke (a messaging extension, a task module…): answered, never a bare 501.
    const staff = await resolveStaff(this.deps.services, {
      teamsUserId: context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '',
    });
    const lang = staff?.lang ?? this.deps.services.policy.defaultLocale;
    return {
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: t(lang, 'unsupported'),
      },
    };
  }
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
