/**
 * The web chat's history across reloads: what a person's page showed is kept server-side, per
 * person (the handle of the server-side session; in local development, the picker's), in
 * MongoDB (`WebChatMessage`), so that a reloaded page — a new Direct Line conversation — is
 * shown the conversation again. Kept: the last HISTORY_MESSAGES messages and cards of the last
 * HISTORY_DAYS days. A card updated in place (a decision) keeps its place with its new content.
 *
 * Only conversations opened by the page's join event are bound to a person and kept: a Direct
 * Line client that never joins (a test, a script) keeps the plain in-memory conversation.
 * Writes are chained per person, so order holds and `load` sees every write made before it.
 */
import type { Activity } from 'botbuilder';
import type { Models } from '../../models';
import type { LogObserver } from './webchat-adapter';

export const HISTORY_MESSAGES = 100;
export const HISTORY_DAYS = 30;
/** A card larger than this is not kept (cards stay far below it: Teams' own limit is 28 KB). */
const MAX_JSON = 64 * 1024;

export class WebChatHistory implements LogObserver {
  /** conversation id → whose it is (bound when the page joins). */
  private readonly owners = new Map<string, string>();
  /** person → their pending writes, in order. */
  private readonly pending = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(
    private readonly models: Pick<Models, 'WebChatMessage'>,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** `live`: which conversations still exist (those gone are forgotten here too). */
  bind(conversationId: string, staff: string, live: (id: string) => boolean): void {
    for (const id of this.owners.keys()) if (!live(id)) this.owners.delete(id);
    this.owners.set(conversationId, staff);
  }

  owner(conversationId: string): string | undefined {
    return this.owners.get(conversationId);
  }

  /** The person's kept history, oldest first, ready to show in a new conversation. */
  async load(staff: string, conversationId: string): Promise<Array<Partial<Activity>>> {
    await this.pending.get(staff);
    const kept = await this.models.WebChatMessage.find({ staff, expiresAt: { $gt: new Date(this.now()) } })
      .sort({ seq: -1 })
      .limit(HISTORY_MESSAGES)
      .lean();
    return kept.reverse().map((m) => {
      const a = JSON.parse(m.json) as Partial<Activity>;
      // Replies point at messages this conversation never had: Web Chat would hold each one
      // back a few seconds waiting for it (Web Chat issue #3874).
      delete a.replyToId;
      return {
        ...a,
        conversation: { ...(a.conversation ?? {}), id: conversationId } as Activity['conversation'],
      };
    });
  }

  written(conversationId: string, activity: Partial<Activity>): void {
    const staff = this.owners.get(conversationId);
    if (!staff || !activity.id || !shown(activity)) return;
    const json = JSON.stringify(activity);
    if (json.length > MAX_JSON) return;
    const seq = this.now() * 1000 + (this.seq++ % 1000);
    const expiresAt = new Date(this.now() + HISTORY_DAYS * 86_400_000);
    const { WebChatMessage } = this.models;
    this.chain(staff, async () => {
      // A card updated in place keeps its first place (seq) and its first timestamp.
      const old = await WebChatMessage.findOne({ staff, key: activity.id }, { json: 1 }).lean();
      const first = old ? (JSON.parse(old.json) as Partial<Activity>).timestamp : undefined;
      await WebChatMessage.updateOne(
        { staff, key: activity.id },
        {
          $set: { json: first ? JSON.stringify({ ...activity, timestamp: first }) : json, expiresAt },
          $setOnInsert: { seq },
        },
        { upsert: true },
      );
      if (old) return;
      // Beyond the cap, the oldest go.
      const last = await WebChatMessage.find({ staff }, { seq: 1 })
        .sort({ seq: -1 })
        .skip(HISTORY_MESSAGES - 1)
        .limit(1)
        .lean();
      if (last[0]) await WebChatMessage.deleteMany({ staff, seq: { $lt: last[0].seq } });
    });
  }

  removed(conversationId: string, activityId: string): void {
    const staff = this.owners.get(conversationId);
    if (staff)
      this.chain(staff, () => this.models.WebChatMessage.deleteOne({ staff, key: activityId }).then());
  }

  /** Resolves when every write so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending.values()]);
  }

  private chain(staff: string, write: () => Promise<void>): void {
    const next: Promise<void> = (this.pending.get(staff) ?? Promise.resolve())
      .then(write)
      .catch(this.onError)
      .finally(() => {
        if (this.pending.get(staff) === next) this.pending.delete(staff);
      });
    this.pending.set(staff, next);
  }
}

/** What a page shows: messages with something to read (a button press alone shows nothing). */
function shown(a: Partial<Activity>): boolean {
  if (a.type !== 'message') return false;
  const display = (a.channelData as { messageBack?: { displayText?: string } } | undefined)?.messageBack
    ?.displayText;
  return Boolean(a.text || display || a.attachments?.length);
}
