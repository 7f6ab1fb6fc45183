/**
 * The one turn pipeline every channel goes through (Slack, Teams, the web chat, the CLI):
 *
 * 1. who is this — one staff look-up (active people only); a stranger is told how to get in;
 * 2. was this already handled — one idempotency scheme, keyed on the platform's own id of the
 *    message or press (`<channel>:<id>`, remembered with a TTL); a press that decides counts
 *    once per button of a message, and a *refused* decision gives its key back;
 * 3. which language — detected once (the message's own words, else the language of the card
 *    whose button was pressed, carried in its payload, else the person's) and carried on the
 *    turn and on every reply, and stamped into every button so the next press answers in it;
 * 4. the inbox handed over (what could not reach them), in a personal conversation;
 * 5. the dialogs;
 * 6. replies that declare their delivery (`replacesOrigin`, `once`, `ephemeral`, `refused`).
 *
 * Edges only translate the platform's request into an Arrival and render what comes back.
 */

import type { ChatServices } from '../dialogs/conversation';
import { respond, staleButtonReply, unknownUserReply } from '../dialogs/conversation';
import { ActionPayload, DECISION_ACTIONS, type Reply, type Section } from '../dialogs/reply';
import { detectLang } from '../dialogs/requests';
import type { Lang, Turn } from '../dialogs/turn';
import type { Logger } from '../integrations/logger';
import { takeInbox } from '../jobs/inbox';
import { firstTime, forget } from '../models/ledger/processed-events';
import { type KnownStaff, type PlatformUser, resolveStaff } from './identity';
import { t } from './words';

/** What an edge hands over: the platform's request, translated but not interpreted. */
export interface Arrival {
  channel: Turn['channel'];
  who: PlatformUser;
  /**
   * The platform's own id of this message or press (Slack `event_id` or `trigger_id`, Teams
   * activity id, Direct Line `clientActivityID`): a redelivery carries the same one.
   */
  eventId: string;
  /** For a press: the message its button was on (Slack `ts`, Teams `replyToId`). */
  origin?: string;
  text?: string;
  /** A button's raw payload (validated here). */
  payload?: unknown;
  /** A personal conversation (DM, 1:1 chat, the web chat): the inbox is handed over there. */
  personal: boolean;
}

export type Outcome =
  /** Not (or no longer) on the team: told how to get in, nothing else happens. */
  | { kind: 'stranger'; lang: Lang; replies: Reply[] }
  /** Already handled (a redelivery, a second press of a decided button): nothing to say. */
  | { kind: 'duplicate'; lang: Lang; replies: [] }
  | { kind: 'answered'; lang: Lang; staff: KnownStaff; turn: Turn; replies: Reply[] };

/** Decisions replace the message they came from; so does a saved edit (its form was that message's). */
const REPLACES_ORIGIN = new Set<ActionPayload['type']>([...DECISION_ACTIONS, 'edit_draft']);

/**
 * Presses that count once per button, however often it is clicked (Edit buttons are not here:
 * closing the form and pressing Edit again must work).
 */
export const ONCE = new Set<ActionPayload['type']>([
  ...[...DECISION_ACTIONS].filter((type) => type !== 'edit_note'),
  'snooze',
]);

/** Work that usually takes an LLM's time: its placeholder says "drafting". */
const DRAFTING = new Set<ActionPayload['type']>(['draft_next', 'call_script', 'regenerate_draft']);

const PLATFORM: Partial<Record<Turn['channel'], 'Slack' | 'Teams'>> = { slack: 'Slack', teams: 'Teams' };

/** The language a card was written in, carried in its buttons' payloads. */
function cardLang(payload: unknown): Lang | undefined {
  const lang = (payload as { lang?: unknown } | null)?.lang;
  return lang === 'fr' || lang === 'en' ? lang : undefined;
}

function only(reply: Reply, lang: Lang): Reply {
  return { ...reply, lang, delivery: { ...reply.delivery, ephemeral: true } };
}

export interface PipelineDeps {
  services: ChatServices;
  logger: Logger;
  /** Shows a placeholder when the dialogs take longer than `slowAfterMs` (SLOW_AFTER_MS). */
  onSlow?: (placeholder: Reply) => Promise<void>;
  slowAfterMs?: number;
}

export async function runTurn(arrival: Arrival, deps: PipelineDeps): Promise<Outcome> {
  const { services, logger } = deps;
  const now = services.clock.now();
  const staff = await resolveStaff(services, arrival.who);
  const fallback = cardLang(arrival.payload) ?? staff?.lang ?? services.policy.defaultLocale;
  const lang = arrival.text ? detectLang(arrival.text, fallback) : fallback;
  if (!staff) {
    logger.warn({ channel: arrival.channel, who: arrival.who }, 'message from an unknown user');
    return {
      kind: 'stranger',
      lang,
      replies: [only(unknownUserReply(lang, PLATFORM[arrival.channel]), lang)],
    };
  }
  const eventKey = `${arrival.channel}:${arrival.eventId}`;
  if (!(await firstTime(services.models, eventKey, now))) {
    logger.info({ key: eventKey }, 'event already handled: skipped');
    return { kind: 'duplicate', lang, replies: [] };
  }
  let action: ActionPayload | undefined;
  if (arrival.payload !== undefined && arrival.payload !== null) {
    const parsed = ActionPayload.safeParse(arrival.payload);
    if (!parsed.success)
      return {
        kind: 'answered',
        lang,
        staff,
        turn: turnOf(eventKey),
        replies: [only(staleButtonReply(lang), lang)],
      };
    action = parsed.data;
  }
  // The same button of the same message: one decision, however many presses or retries.
  const onceKey =
    action && ONCE.has(action.type) && arrival.origin
      ? `${arrival.channel}:${arrival.origin}:${pressKey(action)}`
      : undefined;
  if (onceKey && !(await firstTime(services.models, onceKey, now))) {
    logger.info({ key: onceKey }, 'button already pressed: skipped');
    return { kind: 'duplicate', lang, replies: [] };
  }
  const turn = turnOf(onceKey ?? eventKey);
  const inbox = arrival.personal ? await takeInbox(services, staff.handle, arrival.channel) : [];
  let replies: Reply[];
  try {
    const answer = respond(turn, services);
    replies = deps.onSlow
      ? (await watchSlow(answer, deps.slowAfterMs ?? SLOW_AFTER_MS, () => deps.onSlow!(placeholder(turn))))
          .value
      : await answer;
  } catch (err) {
    // Nothing was decided: the press may be tried again.
    if (onceKey) await forget(services.models, onceKey);
    throw err;
  }
  const refused = replies[0]?.delivery?.refused === true;
  if (onceKey && refused) await forget(services.models, onceKey);
  const declared = replies.map((reply, i) =>
    declare(reply, lang, {
      ...(i === 0 && action && REPLACES_ORIGIN.has(action.type) && !refused ? { replacesOrigin: true } : {}),
      ...(i === 0 && onceKey && !refused ? { once: true } : {}),
    }),
  );
  return {
    kind: 'answered',
    lang,
    staff,
    turn,
    replies: [...inbox.map((r) => declare(r, r.lang ?? lang, {})), ...declared],
  };

  function turnOf(id: string): Turn {
    return {
      id,
      channel: arrival.channel,
      staff: staff!.handle,
      lang,
      at: now,
      ...(action ? { action } : { text: (arrival.text ?? '').trim() }),
      ...(arrival.origin ? { origin: arrival.origin } : {}),
    };
  }
}

/** What identifies a press, whatever else its payload carries (a form's fields, the card's language). */
function pressKey(action: ActionPayload): string {
  const { type, ...rest } = action as ActionPayload & Record<string, unknown>;
  const target = ['draft', 'log', 'customer', 'until'].map((k) => rest[k]).filter((v) => v !== undefined);
  return [type, ...target].join(':');
}

/** The reply's language and delivery set, and every button stamped with the language it was shown in. */
function declare(reply: Reply, lang: Lang, delivery: Reply['delivery']): Reply {
  const l = reply.lang ?? lang;
  return {
    ...reply,
    lang: l,
    sections: reply.sections.map((s) => stampSection(s, l)),
    delivery: { ...reply.delivery, ...delivery },
  };
}

function stampSection(section: Section, lang: Lang): Section {
  const stamp = <A extends { payload: ActionPayload }>(a: A): A => ({
    ...a,
    payload: { ...a.payload, lang },
  });
  return {
    ...section,
    blocks: section.blocks.map((b) => {
      if (b.kind === 'actions') return { ...b, actions: b.actions.map(stamp) };
      if (b.kind === 'list')
        return { ...b, entries: b.entries.map((e) => ({ ...e, actions: e.actions.map(stamp) })) };
      if (b.kind === 'form') return { ...b, submit: stamp(b.submit) };
      return b;
    }),
  };
}

/** What to show while slow work runs. */
export function placeholder(turn: Pick<Turn, 'lang' | 'text' | 'action'>): Reply {
  const drafting =
    (turn.action && DRAFTING.has(turn.action.type)) ||
    /\b(draft|letter|script|notice|lettre|courrier|brouillon|mise en demeure|relance pour)\b/i.test(
      turn.text ?? '',
    );
  const text = t(turn.lang, drafting ? 'drafting' : 'working');
  return { summary: text, lang: turn.lang, sections: [{ blocks: [{ kind: 'text', text }] }] };
}

/** How long work may take before the edge shows a placeholder or a typing indicator. */
export const SLOW_AFTER_MS = 1500;

/**
 * Calls `onSlow` once if `work` has not settled after `ms`; resolves with the work's result
 * and whether it was slow (so the edge finishes the placeholder it showed).
 */
export async function watchSlow<T>(
  work: Promise<T>,
  ms: number,
  onSlow: () => void | Promise<void>,
): Promise<{ value: T; slow: boolean }> {
  let slow = false;
  let shown: Promise<void> | undefined;
  const timer = setTimeout(() => {
    slow = true;
    shown = Promise.resolve()
      .then(onSlow)
      .catch(() => undefined);
  }, ms);
  try {
    const value = await work;
    return { value, slow };
  } finally {
    clearTimeout(timer);
    if (shown) await shown;
  }
}
