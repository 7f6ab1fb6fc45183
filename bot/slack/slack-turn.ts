/**
 * One Slack turn, whatever brought it (a DM, a mention, /relance, a button, a modal): the turn
 * pipeline decides (who, already handled, language, dialogs) and this only delivers, as each
 * reply declares, through an Outlet that knows where "here" is: a placeholder first when the
 * work is slow (updated when done), the message a button was on replaced by a decision, a
 * refusal said to the presser only. A failure is logged with its code and answered with a
 * short apology, never retried by Slack.
 */
import type { ModalView } from '@slack/types';
import type { ChatServices } from '../../dialogs/conversation';
import { type Reply, textReply } from '../../dialogs/reply';
import { detectLang } from '../../dialogs/requests';
import type { Lang } from '../../dialogs/turn';
import type { Logger } from '../../integrations/logger';
import { normalizeError, userMessage } from '../../models/errors';
import { type Arrival, runTurn } from '../../pipeline/turn-pipeline';
import { formModal, formOf } from '../render/block-kit';

/** Where replies go: a new message here, an update of one of ours, the message a button was on. */
export interface Outlet {
  post(reply: Reply): Promise<MessageRef | undefined>;
  update(ref: MessageRef, reply: Reply): Promise<void>;
  /** Replaces the message the button was on (absent when the turn did not come from a button). */
  replaceOrigin?(reply: Reply): Promise<void>;
  /** To the person who acted only (absent: a new message here, which in a DM is theirs alone). */
  ephemeral?(reply: Reply): Promise<void>;
  /** Opens a modal (a button click's trigger_id is valid for 3 seconds). */
  openModal?(view: ModalView): Promise<void>;
  /** Where a form's modal should send its result back (kept in the modal's metadata). */
  origin?: { channel?: string; ts?: string; responseUrl?: string };
}

export interface MessageRef {
  channel: string;
  ts: string;
}

export interface SlackTurnDeps {
  services: ChatServices;
  logger: Logger;
  /** After this long without an answer, a placeholder is shown. */
  placeholderAfterMs: number;
}

/** Runs the turn through the pipeline and delivers its replies through the outlet. Never throws. */
export async function runSlackTurn(
  arrival: Arrival,
  out: Outlet,
  deps: SlackTurnDeps,
  after?: () => Promise<void>,
): Promise<void> {
  const { services, logger } = deps;
  let shown: Promise<MessageRef | undefined> | undefined;
  try {
    const outcome = await runTurn(arrival, {
      services,
      logger,
      slowAfterMs: deps.placeholderAfterMs,
      onSlow: async (placeholder) => {
        shown = out.post(placeholder).catch((err) => {
          logger.warn({ err: normalizeError(err) }, 'could not show the placeholder');
          return undefined;
        });
        await shown;
      },
    });
    const placeholderRef = shown ? await shown : undefined;
    let placeholderUsed = false;
    for (const reply of outcome.replies) {
      const form = formOf(reply);
      if (form && out.openModal) {
        const origin = JSON.stringify({ p: form.submit.payload, ...out.origin });
        await out.openModal(
          formModal(reply.title ?? reply.summary, form, origin, reply.lang ?? outcome.lang),
        );
        continue;
      }
      const d = reply.delivery ?? {};
      if (d.replacesOrigin && out.replaceOrigin) await out.replaceOrigin(reply);
      else if (d.ephemeral && out.ephemeral) await out.ephemeral(reply);
      else if (placeholderRef && !placeholderUsed) {
        placeholderUsed = true;
        await out.update(placeholderRef, reply);
      } else await out.post(reply);
    }
    if (outcome.kind === 'answered' && after) await after();
  } catch (err) {
    const e = normalizeError(err);
    logger.error({ code: e.code, err: e.cause ?? e, event: arrival.eventId }, 'Slack turn failed');
    try {
      const ref = shown ? await shown : undefined;
      const lang: Lang = detectLang(arrival.text ?? '', services.policy.defaultLocale);
      const apology = textReply(userMessage(e, lang));
      if (ref) await out.update(ref, apology);
      else await out.post(apology);
    } catch (sendErr) {
      logger.warn({ err: normalizeError(sendErr) }, 'could not send the apology');
    }
  }
}
