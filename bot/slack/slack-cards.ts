/**
 * Draft cards on Slack (see dialogs/communications/live-cards.ts): where one was posted (the
 * message's channel and ts, its place `<channel>:<ts>`), and `chat.update` to bring it up to
 * date when the draft is decided elsewhere. A letter's card also gets its PDF in chat: uploaded
 * (files.uploadV2) in the card's thread when the card is posted — the signed link on the card
 * stays, and is said in the thread when the upload fails.
 */
import type { webApi } from '@slack/bolt';
import { letterPdf, pdfName } from '../../dialogs/communications/documents';
import type { CardUpdater, LiveCards } from '../../dialogs/communications/live-cards';
import type { DraftServices, StoredDraft } from '../../dialogs/drafting/drafts';
import type { Reply } from '../../dialogs/reply';
import type { Logger } from '../../integrations/logger';
import { normalizeError } from '../../models/errors';
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

const PDF_TITLE = { fr: 'Lettre PDF', en: 'Letter PDF' } as const;

/**
 * The PDF of the letter a newly posted card shows, uploaded in the card's thread; if Slack
 * refuses it (no files:write scope, a file limit, an outage), the signed link is said there
 * instead. Call scripts have no letter. Never throws: the card is already posted.
 */
export async function uploadLetter(
  client: webApi.WebClient,
  services: Pick<DraftServices, 'models' | 'links'>,
  reply: Reply,
  at: SlackMessageRef | undefined,
  log: Logger,
): Promise<void> {
  if (!reply.card || !at) return;
  const lang = reply.lang ?? 'fr';
  let d: StoredDraft | null = null;
  try {
    d = await services.models.Draft.findOne({ key: reply.card.draft }).lean<StoredDraft>();
    if (!d || d.kind === 'call_script') return;
    const n = d.approvedVersion ?? d.versions.length;
    await client.files.uploadV2({
      channel_id: at.channel,
      thread_ts: at.ts,
      file: await letterPdf(d, n),
      filename: pdfName(d, n),
      title: `${PDF_TITLE[lang]} (v${n})`,
    });
  } catch (err) {
    log.warn({ code: normalizeError(err).code, err }, 'the letter PDF could not be uploaded to Slack');
    if (!d || !services.links) return;
    const n = d.approvedVersion ?? d.versions.length;
    await client.chat
      .postMessage({
        channel: at.channel,
        thread_ts: at.ts,
        text: `${PDF_TITLE[lang]} (v${n}): ${services.links.pdf(d.key, n)}`,
      })
      .catch(() => undefined);
  }
}
