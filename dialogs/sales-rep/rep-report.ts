/**
 * The sales rep's reply. A rep Relance asked for a visit or a call (a sales-rep delivery in the
 * last `ASK_OPEN_DAYS`) writes what happened — "done, they'll pay Friday", "vu le client, ils
 * paient vendredi" — without naming the customer: it is read like a call note about that
 * customer, attributed to the rep, and becomes a call note **of the customer's owner** waiting
 * for their Confirm / Edit / Cancel (the normal confirmation, `dialogs/call-note/log-call.ts`).
 * The `sales-rep` job hands it to the owner through the Notifier; once confirmed it is recorded
 * as the owner's call note with the rep named. A message naming another customer, or not
 * reading like a note at all, is left to the rest of the conversation.
 */
import { customerOfKey, SALES_REP_JOB } from '../../models/ledger/sales-rep';
import type { CallLog } from '../../models/schemas/call-log';
import type { NoteServices } from '../call-note/log-call';
import { hasNoteSignals, present, read, stateOf } from '../call-note/log-call';
import { words } from '../handover/words';
import { staffLang } from '../i18n';
import type { Reply } from '../reply';
import { textReply } from '../reply';
import { detectLang } from '../requests';
import type { Lang, Turn } from '../turn';

/** How long an ask stays open for the rep's reply. */
export const ASK_OPEN_DAYS = 30;
/** The prefix of a forwarded report's note key (the rep's message id follows). */
export const REP_REPORT_PREFIX = 'rep:';

export async function takeRepReport(turn: Turn, services: NoteServices): Promise<Reply | null> {
  const text = (turn.text ?? '').trim();
  if (!text) return null;
  const { models } = services;
  const asks = await models.Delivery.find(
    {
      job: SALES_REP_JOB,
      staff: turn.staff,
      // Sent lately (the clock's time), or still waiting in their inbox.
      $or: [
        { status: 'sent', sentAt: { $gte: new Date(turn.at.getTime() - ASK_OPEN_DAYS * 86_400_000) } },
        { status: 'inbox' },
      ],
    },
    { key: 1 },
  )
    .sort({ sentAt: -1, createdAt: -1 })
    .lean();
  if (asks.length === 0) return null;
  const key = `${REP_REPORT_PREFIX}${turn.id}`;
  const existing = await models.CallLog.findOne({ key }).lean<CallLog>();
  if (existing) return thanks(existing, turn.lang, services); // the same message delivered again
  const asked = [...new Set(asks.map((a) => customerOfKey(a.key)))];
  // A note naming another customer is the rep's own note, not the report.
  const first = await read(text, turn, services, {});
  if (first.note.customer && !asked.includes(first.note.customer)) return null;
  const customer = first.note.customer ?? asked[0]!;
  const reading = first.note.customer ? first : await read(text, turn, services, { customer });
  const n = reading.note;
  const understood =
    n.outcome || n.promises.length || n.disputes.length || n.callback || hasNoteSignals(text);
  if (!understood) return null;
  const [account, rep] = await Promise.all([
    models.Customer.findOne({ reference: customer }, { owner: 1, name: 1 }).lean(),
    models.Staff.findOne({ handle: turn.staff }, { name: 1 }).lean(),
  ]);
  if (!account) return null;
  const owner = await models.Staff.findOne({ handle: account.owner }, { language: 1 }).lean();
  const log = await models.CallLog.findOneAndUpdate(
    { key },
    {
      $setOnInsert: {
        // The owner's note to confirm: theirs to Confirm, Edit or Cancel.
        staff: account.owner,
        channel: turn.channel,
        // Shown to the owner: in the owner's language.
        lang: staffLang(owner, detectLang(text, turn.lang)),
        text,
        writtenAt: turn.at,
        customer,
        reportedBy: { handle: turn.staff, name: rep?.name ?? turn.staff },
        ...stateOf(reading),
      },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<CallLog>();
  return thanks(log!, turn.lang, services);
}

/** Said to the rep, in the rep's language. */
async function thanks(log: CallLog, lang: Lang, services: NoteServices): Promise<Reply> {
  const [customer, owner] = await Promise.all([
    services.models.Customer.findOne({ reference: log.customer }, { name: 1 }).lean(),
    services.models.Staff.findOne({ handle: log.staff }, { name: 1 }).lean(),
  ]);
  return textReply(words(lang).repThanks(customer?.name ?? log.customer ?? '', owner?.name ?? log.staff));
}

/** The owner's message: who reported, what they wrote, and the note's usual confirmation card. */
export async function forwardedReport(
  log: CallLog & { _id: unknown },
  services: NoteServices,
): Promise<Reply | null> {
  if (!log.reportedBy || !['awaiting_confirmation', 'awaiting_answer'].includes(log.status)) return null;
  const card = await present(log, services);
  const w = words(log.lang as 'fr' | 'en');
  const customer = await services.models.Customer.findOne({ reference: log.customer }, { name: 1 }).lean();
  const rep = log.reportedBy.name ?? log.reportedBy.handle ?? '';
  const title = w.repForwardTitle(rep, customer?.name ?? log.customer ?? '', log.customer ?? '');
  return {
    ...card,
    title,
    summary: `${title}: « ${log.text} »`,
    sections: [
      { blocks: [{ kind: 'text', text: `${w.repForwardIntro(rep)}\n> ${log.text}` }] },
      ...card.sections,
    ],
  };
}
