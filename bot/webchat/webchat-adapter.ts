/**
 * The local web chat's side of the Bot Framework: a botbuilder adapter whose "connector" is an
 * in-memory log per conversation, read by the page through a small Direct Line 3.0-compatible
 * endpoint (direct-line.ts). The bot logic, the cards and the card updates are exactly the
 * ones Teams gets.
 */
import { randomUUID } from 'node:crypto';
import {
  type Activity,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';

interface Conversation {
  /** Each activity with its place in the log: the watermark is the next place to read. */
  activities: Array<{ seq: number; activity: Partial<Activity> }>;
  next: number;
  /** Last time anyone read or wrote: idle conversations are dropped. */
  touched: number;
}

const MAX_ACTIVITIES = 500;
const IDLE_MS = 24 * 60 * 60 * 1000;

export const BOT = { id: 'relance', name: 'Relance', role: 'bot' };

/** Told of every activity written to (or removed from) a log: the kept history (history.ts). */
export interface LogObserver {
  written(conversationId: string, activity: Partial<Activity>): void;
  removed(conversationId: string, activityId: string): void;
}

export class WebChatAdapter extends BotAdapter {
  private readonly conversations = new Map<string, Conversation>();
  private readonly running = new Set<Promise<void>>();

  /** `shape`: what the page needs beyond the Bot Framework's card (tel: links, tel-links.ts). */
  constructor(
    private readonly observer?: LogObserver,
    private readonly shape: (a: Partial<Activity>) => Partial<Activity> = (a) => a,
  ) {
    super();
  }

  /** Resolves when every turn received so far has run (tests await it instead of sleeping). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  startConversation(): string {
    this.dropIdle();
    const id = randomUUID();
    this.conversations.set(id, { activities: [], next: 0, touched: Date.now() });
    return id;
  }

  /**
   * A conversation of a known id, empty, numbered from `next` (the page's watermark): the
   * page's token outlived a restart and it goes on polling from where it had read.
   */
  reopen(conversationId: string, next: number): void {
    this.dropIdle();
    if (!this.conversations.has(conversationId))
      this.conversations.set(conversationId, { activities: [], next, touched: Date.now() });
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** Activities after the watermark (the index of the next one to read). */
  read(
    conversationId: string,
    watermark: number,
  ): { activities: Array<Partial<Activity>>; watermark: number } {
    const c = this.conversations.get(conversationId);
    if (!c) return { activities: [], watermark };
    c.touched = Date.now();
    return {
      activities: c.activities.filter((e) => e.seq >= watermark).map((e) => e.activity),
      watermark: c.next,
    };
  }

  /** Shows activities in a conversation without running the bot or telling the observer (history, greeting). */
  show(conversationId: string, activities: Array<Partial<Activity>>): void {
    for (const a of activities) this.append(conversationId, a, false);
  }

  /** Records what the user sent (as Direct Line echoes it) and runs the bot on it. */
  async receive(
    conversationId: string,
    incoming: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<string> {
    const id = randomUUID();
    const activity = {
      ...incoming,
      replyToId: incoming.replyToId ?? this.cardWithButton(conversationId, incoming.value),
      id,
      timestamp: new Date(),
      channelId: 'webchat',
      serviceUrl: 'local',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: BOT,
    } as Activity;
    this.append(conversationId, activity);
    // The HTTP answer does not wait for the bot: replies arrive through the activity log.
    const running: Promise<void> = this.runMiddleware(new TurnContext(this, activity), logic)
      .catch(() => undefined)
      .finally(() => this.running.delete(running));
    this.running.add(running);
    return id;
  }

  async sendActivities(
    context: TurnContext,
    activities: Array<Partial<Activity>>,
  ): Promise<ResourceResponse[]> {
    return activities.map((a) => {
      const id = randomUUID();
      this.append(context.activity.conversation.id, {
        ...this.shape(a),
        id,
        timestamp: new Date(),
        from: BOT,
        conversation: context.activity.conversation,
      });
      return { id };
    });
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const c = this.conversations.get(context.activity.conversation.id);
    const old = c?.activities.find((e) => e.activity.id === activity.id);
    if (!c || !old) throw new Error(`activity ${activity.id} not found`);
    // Re-delivered under the same id at the end of the log: Web Chat replaces the card it shows.
    c.activities = c.activities.filter((e) => e !== old);
    // The new content replaces the old: a card decided with a sentence loses its buttons.
    this.append(context.activity.conversation.id, {
      ...old.activity,
      text: undefined,
      attachments: undefined,
      ...this.shape(activity),
      timestamp: new Date(),
    });
  }

  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const c = this.conversations.get(context.activity.conversation.id);
    if (c) c.activities = c.activities.filter((e) => e.activity.id !== reference.activityId);
    if (reference.activityId) this.observer?.removed(context.activity.conversation.id, reference.activityId);
  }

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /**
   * Web Chat does not say which card a button was on; the bot needs it to update that card in
   * place. It is the latest card of ours carrying exactly this button's data.
   */
  private cardWithButton(conversationId: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    const data = `"data":${JSON.stringify(value)}`;
    const entries = this.conversations.get(conversationId)?.activities ?? [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const a = entries[i]!.activity;
      if (a.from?.id === BOT.id && a.attachments && JSON.stringify(a.attachments).includes(data)) return a.id;
    }
    return undefined;
  }

  private append(conversationId: string, activity: Partial<Activity>, observed = true): void {
    const c = this.conversations.get(conversationId);
    if (!c) return;
    if (observed) this.observer?.written(conversationId, activity);
    c.touched = Date.now();
    c.activities.push({ seq: c.next++, activity });
    if (c.activities.length > MAX_ACTIVITIES) c.activities.splice(0, c.activities.length - MAX_ACTIVITIES);
  }

  private dropIdle(): void {
    const now = Date.now();
    for (const [id, c] of this.conversations) if (now - c.touched > IDLE_MS) this.conversations.delete(id);
  }
}
