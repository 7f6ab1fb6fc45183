/**
 * One Slack turn, whatever brought it (a DM, a mention, /relance, a button, a modal): the
 * person is mapped to Staff by Slack user id (an unknown user is refused and nothing else), a
 * redelivery or a second click is recognised and skipped, the dialogs answer, and the answer
 * goes out through an Outlet that knows where "here" is. Slow work (LLM drafting) shows a
 * placeholder first, replaced when done; a decision replaces the message its button was on.
 * A failure is logged with its code and answered with a short apology, never retried by Slack.
 */
import type { ChatServices } from '../../dialogs/conversation';
import { respond } from '../../dialogs/conversation';
import { staffLang } from '../../dialogs/i18n';
import { type ActionPayload, DECISION_ACTIONS, type Reply, textReply } from '../../dialogs/reply';
import { detectLang } from '../../dialogs/requests';
import type { Lang, Turn } from '../../dialogs/turn';
import type { Logger } from '../../integrations/logger';
import { normalizeError, userMessage } from '../../models/errors';
import { formModal, formOf } from '../render/block-kit';

/** Decisions replace the message they came from; in Slack, so does a saved edit (from its modal). */
const REPLACES_ORIGIN = new Set<ActionPayload['type']>([...DECISION_ACTIONS, 'edit_draft']);

/**
 * Presses that must count once, however often the button is clicked: a second click on the
 * same button of the same message is skipped (Edit buttons are not here: closing the modal
 * and pressing Edit again must work).
 */
export const ONCE = new Set<ActionPayload['type']>([
  ...[...DECISION_ACTIONS].filter((t) => t !== 'edit_note'),
  'snooze',
]);

/** Where replies go: a new message here, an update of one of ours, the message a button was on. */
export interface Outlet {
  post(reply: Reply): Promise<MessageRef | undefined>;
  update(ref: MessageRef, reply: Reply): Promise<void>;
  /** Replaces the message the button was on (absent when the turn did not come from a button). */
  replaceOrigin?(reply: Reply): Promise<void>;
  /** Opens a modal (a button click's trigger_id is valid for 3 seconds). */
  openModal?(view: Record<string, unknown>): Promise<void>;
  /** Where a form's modal should send its result back (kept in the modal's metadata). */
  origin?: { channel?: string; ts?: string; responseUrl?: string };
}

export interface MessageRef {
  channel: string;
  ts: string;
}

export interface SlackStaff {
  handle: string;
  lang: Lang;
}

export interface SlackTurnDeps {
  services: ChatServices;
  logger: Logger;
  /** After this long without an answer, a placeholder is shown. */
  placeholderAfterMs: number;
}

export async function staffOfSlackUser(services: ChatServices, userId: string): Promise<SlackStaff | null> {
  const s = await services.models.Staff.findOne(
    { slackUserId: userId, active: { $ne: false } },
    { handle: 1, language: 1 },
  ).lean();
  return s ? { handle: s.handle, lang: staffLang(s, services.policy.defaultLocale) } : null;
}

/** The language to answer in before the dialogs have: the message's own, else the person's. */
const langOf = (turn: Turn): Lang => (turn.text ? detectLang(turn.text, turn.lang) : turn.lang);

function placeholder(turn: Turn): Reply {
  const fr = langOf(turn) === 'fr';
  const drafting =
    (turn.action && ['draft_next', 'call_script', 'regenerate_draft'].includes(turn.action.type)) ||
    /\b(draft|letter|script|notice|lettre|courrier|brouillon|mise en demeure|relance pour)\b/i.test(
      turn.text ?? '',
    );
  return textReply(
    drafting ? (fr ? '⏳ Rédaction en cours…' : '⏳ Drafting…') : fr ? '⏳ Je regarde…' : '⏳ Working on it…',
  );
}

/** Runs the turn and delivers its replies through the outlet. Never throws. */
export async function runSlackTurn(turn: Turn, out: Outlet, deps: SlackTurnDeps): Promise<void> {
  const { services, logger } = deps;
  let shown: Promise<MessageRef | undefined> | undefined;
  const timer = setTimeout(() => {
    shown = out.post(placeholder(turn)).catch((err) => {
      logger.warn({ err: normalizeError(err) }, 'could not show the placeholder');
      return undefined;
    });
  }, deps.placeholderAfterMs);
  try {
    let replies: Reply[];
    try {
      replies = await respond(turn, services);
    } finally {
      clearTimeout(timer);
    }
    const placeholderRef = shown ? await shown : undefined;
    for (const [i, reply] of replies.entries()) {
      const form = formOf(reply);
      if (form && out.openModal) {
        const origin = JSON.stringify({ p: form.submit.payload, ...out.origin });
        await out.openModal(formModal(reply.title ?? reply.summary, form, origin, turn.lang));
        continue;
      }
      if (i === 0 && turn.action && REPLACES_ORIGIN.has(turn.action.type) && out.replaceOrigin) {
        await out.replaceOrigin(reply);
      } else if (i === 0 && placeholderRef) {
        await out.update(placeholderRef, reply);
      } else {
        await out.post(reply);
      }
    }
  } catch (err) {
    const e = normalizeError(err);
    logger.error({ code: e.code, err: e.cause ?? e, turn: turn.id }, 'Slack turn failed');
    try {
      const ref = shown ? await shown : undefined;
      const apology = textReply(userMessage(e, langOf(turn)));
      if (ref) await out.update(ref, apology);
      else await out.post(apology);
    } catch (sendErr) {
      logger.warn({ err: normalizeError(sendErr) }, 'could not send the apology');
    }
  }
}
