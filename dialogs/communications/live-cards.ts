/**
 * One live card per draft. A draft's card may be posted in several places (the DM where it was
 * asked, a channel, the Open of the drafts queue, Teams, the web chat); when the draft is
 * decided — approved, rejected, superseded, sent, from any channel, the CLI or the scheduler —
 * every card of it is updated to say so, and loses its buttons.
 *
 * The edges record where each draft card went (`posted`, an idempotent upsert on the draft and
 * the message's own id); whatever changes a draft calls `changed`, which re-renders the card
 * and hands it to the channel's `CardUpdater` (the port, implemented in `bot/`: Slack
 * `chat.update`, Teams `updateActivity`, the web chat's transcript). A process without that
 * channel's edge (the CLI has no web chat) marks the card stale, and the server brings stale
 * cards up to date on its next `retry-deliveries` run.
 */
import type { Models } from '../../models';
import type { StoredDraft } from '../drafting/drafts';
import type { Reply } from '../reply';
import type { Lang } from '../turn';
import { cardState } from './card';

export type CardChannel = 'slack' | 'teams' | 'web';

/** Where a card went: the channel's own id of the message, and what the channel needs to update it. */
export interface PostedCard {
  channel: CardChannel;
  /** `<channel or conversation>:<ts or activity id>` — a press on it carries it as its origin. */
  place: string;
  ref: Record<string, unknown>;
}

/** One channel's way of replacing a card it posted (implemented by each edge in `bot/`). */
export interface CardUpdater {
  /** Replaces the card; false when it is gone for good (a closed web chat page). */
  update(ref: Record<string, unknown>, reply: Reply): Promise<boolean>;
}

export interface LiveCards {
  /** A draft's card was delivered here (called by the edges for every reply with a `card`). */
  posted(reply: Reply, card: PostedCard): Promise<void>;
  /**
   * The draft changed: every card of it shows it now. `except`: the card the decision was
   * pressed on (its edge replaces it with the answer). Never throws: a card that cannot be
   * updated is left stale and retried, the decision stands.
   */
  changed(draft: string, opts?: { except?: string }): Promise<void>;
  /** Brings up to date the cards left stale that this process can reach; how many were. */
  refreshStale(): Promise<number>;
  /** Gives the port its implementation for a channel (the composition root, once the edge is up). */
  attach(channel: CardChannel, updater: CardUpdater): void;
}

/** After this many failed updates a card is left as it is (deleted, or its channel gone). */
const MAX_FAILURES = 5;

/** The press's origin (`T1:D1:ts`, `conv:activity`) names this card. */
const isOrigin = (place: string, origin?: string) =>
  !!origin && (origin === place || origin.endsWith(`:${place}`));

export function liveCards(
  services: { models: Models },
  render: (d: StoredDraft, lang: Lang) => Reply,
  onError: (err: unknown, what: string) => void = () => {},
): LiveCards {
  const { CardRef, Draft } = services.models;
  const updaters = new Map<CardChannel, CardUpdater>();

  const refresh = async (key: string, except?: string) => {
    const d = await Draft.findOne({ key }).lean<StoredDraft>();
    if (!d) return;
    const shown = cardState(d);
    const cards = await CardRef.find({ draft: key, shown: { $ne: shown } }).lean();
    for (const c of cards) {
      const mark = (set: Record<string, unknown>, inc?: Record<string, number>) =>
        CardRef.updateOne({ _id: c._id }, { $set: set, ...(inc ? { $inc: inc } : {}) });
      if (isOrigin(c.place, except)) {
        await mark({ shown, stale: false });
        continue;
      }
      const updater = updaters.get(c.channel as CardChannel);
      if (!updater) {
        await mark({ stale: true });
        continue;
      }
      try {
        const reply = { ...render(d, c.lang as Lang), lang: c.lang as Lang };
        if (await updater.update(c.ref as Record<string, unknown>, reply))
          await mark({ shown, stale: false });
        else await CardRef.deleteOne({ _id: c._id });
      } catch (err) {
        onError(err, `card of draft ${key} on ${c.channel} not updated`);
        await mark({ stale: true }, { failures: 1 });
      }
    }
  };

  return {
    attach(channel, updater) {
      updaters.set(channel, updater);
    },
    async posted(reply, card) {
      if (!reply.card) return;
      const { draft, shown } = reply.card;
      try {
        await CardRef.updateOne(
          { draft, place: card.place },
          {
            $set: { shown, lang: reply.lang ?? 'fr', stale: false },
            $setOnInsert: { channel: card.channel, ref: card.ref, failures: 0 },
          },
          { upsert: true },
        );
        // Decided while this card was on its way: it is brought up to date at once.
        const now = await Draft.findOne({ key: draft }).lean<StoredDraft>();
        if (now && cardState(now) !== shown) await refresh(draft);
      } catch (err) {
        onError(err, `card of draft ${draft} not recorded`);
      }
    },
    async changed(draft, opts = {}) {
      try {
        await refresh(draft, opts.except);
      } catch (err) {
        onError(err, `cards of draft ${draft} not updated`);
      }
    },
    async refreshStale() {
      const channels = [...updaters.keys()];
      if (channels.length === 0) return 0;
      const drafts = await CardRef.distinct('draft', {
        stale: true,
        channel: { $in: channels },
        failures: { $lt: MAX_FAILURES },
      });
      for (const key of drafts) await this.changed(String(key));
      return drafts.length;
    },
  };
}
