/**
 * The one dialog entry point every channel calls: (turn, services) → replies.
 * Typed requests ("who should I call today", the digest, help) and button payloads
 * (validated by zod in the channel edge) are routed here.
 */
import { markDirty } from '../models/ledger/summaries';
import { type LocalDate, toStored } from '../models/rules/dates';
import {
  abandonNote,
  askForNote,
  cancelNote,
  chooseCustomer,
  confirmNote,
  continueNote,
  editNote,
  hasNoteSignals,
  type NoteServices,
  takeNote,
  waitingNote,
} from './call-note/log-call';
import { answerCaseFileAsk, type ChatCaseFileServices } from './case-file/case-file-dialog';
import { answerPostedNumber } from './communications/posted-ask';
import { draftsQueueReply, isDraftsQueueAsk } from './communications/queue';
import { customerAsk, customerCard, lookUpCustomer } from './customer';
import { answerDigest, answerDigestList } from './digest';
import {
  acknowledge,
  answerDraftAsk,
  type ChatDraftServices,
  decide,
  draftFor,
  edit,
  posted,
  regenerate,
  showDraft,
  withCompany,
} from './drafting/draft-dialog';
import { day } from './i18n';
import { classify } from './intent';
import { answerCustomerRequest, answerMore, notUnderstood, smallTalkReply } from './ledger-answers';
import { listPage } from './pages';
import type { Reply } from './reply';
import { textReply } from './reply';
import { detectLang, type Request } from './requests';
import { takeRepReport } from './sales-rep/rep-report';
import type { DialogServices } from './services';
import type { Lang, Turn } from './turn';
import { say } from './words/conversation';
import { trailLang, trailSay } from './words/trail';
import { answerWorklist } from './worklist';

export function helpReply(lang: Lang): Reply {
  return textReply(say(lang, 'help'));
}

/** Someone the team does not list: told how to get in, and nothing else happens. */
export function unknownUserReply(lang: Lang, platform?: 'Slack' | 'Teams'): Reply {
  const id = platform ? say(lang, 'platformId', { platform }) : say(lang, 'userId');
  return textReply(say(lang, 'unknownUser', { id }));
}

/** A button or form whose payload is not (or no longer) one of ours. */
export function staleButtonReply(lang: Lang, what: 'button' | 'form' = 'button'): Reply {
  return textReply(say(lang, what === 'form' ? 'staleForm' : 'staleButton'));
}

async function snooze(turn: Turn, customer: string, until: string, services: DialogServices): Promise<Reply> {
  const found = await services.models.Customer.findOneAndUpdate(
    { reference: customer },
    { $set: { snoozedUntil: toStored(until) } },
    { returnDocument: 'after' },
  ).lean();
  if (!found) return textReply(say(turn.lang, 'customerNotFound', { customer }));
  // One activity per button press, whatever the retries (its key is the turn's id).
  await services.models.Activity.updateOne(
    { key: `${turn.id}:snooze` },
    {
      $setOnInsert: {
        customer,
        kind: 'note',
        channel: 'chat',
        author: turn.staff,
        at: turn.at,
        outcome: 'snoozed',
        summary: trailSay(services.policy, 'snoozed', {
          day: day(until as LocalDate, trailLang(services.policy)),
        }),
      },
    },
    { upsert: true },
  );
  await markDirty(services.models, [{ customer }]);
  return textReply(say(turn.lang, 'snoozed', { name: found.name, day: day(until, turn.lang) }));
}

/** What the conversation runs on: the ledger, and optionally the LLM-backed parser and drafter. */
export type ChatServices = NoteServices & ChatDraftServices & Pick<ChatCaseFileServices, 'caseFileLinks'>;

export async function respond(turn: Turn, services: ChatServices): Promise<Reply[]> {
  const today = services.today();
  if (turn.action) {
    const a = turn.action;
    switch (a.type) {
      case 'worklist':
        return [
          (
            await answerWorklist(
              {
                kind: 'worklist',
                date: a.date ?? today,
                top: a.top,
                forPerson: a.forStaff,
                minOverdue: a.minOverdue,
                lang: turn.lang,
              },
              turn,
              services,
            )
          ).reply,
        ];
      case 'digest_details':
        return [(await answerDigest(a.staff, a.date, turn.lang, services, true)).reply];
      case 'digest_list':
        return [(await answerDigestList(turn, a.staff, a.date, a.list, services)).reply];
      case 'page': {
        // The request that made the list, asked again: its answer from the entry asked for.
        const [source] = await respond({ ...turn, action: a.source }, services);
        return [listPage(source ?? helpReply(turn.lang), a.list, a.offset, turn.lang)];
      }
      case 'snooze':
        return [await snooze(turn, a.customer, a.until, services)];
      case 'log_outcome':
        return [await askForNote(turn, a.customer, services)];
      case 'confirm_note':
        return [await confirmNote(turn, a.log, services, a.promise)];
      case 'command':
        return [await answerCommand(turn, a.command, services)];
      case 'customer_request':
        return [await answerCustomerRequest(turn, a.request, a.customer, services)];
      case 'edit_note':
        return [await editNote(turn, a.log, services)];
      case 'cancel_note':
        return [await cancelNote(turn, a.log, services)];
      case 'note_customer':
        return [await chooseCustomer(turn, a.log, a.customer, services)];
      case 'show_customer':
        return [await customerCard(a.customer, turn.lang, services)];
      case 'draft_next':
        return [await draftFor(turn, a.customer, services)];
      case 'call_script':
        return [await draftFor(turn, a.customer, services, { script: true })];
      case 'show_draft':
        return [await showDraft(turn, a.draft, services)];
      case 'approve_draft':
        return [await decide(turn, a.draft, 'approve', services, { version: a.version })];
      case 'reject_draft':
        return [await decide(turn, a.draft, 'reject', services, { version: a.version, reason: a.reason })];
      case 'posted_draft':
        return [await posted(turn, a.draft, a.number, services)];
      case 'drafts_queue':
        return [await draftsQueueReply(turn, services, a.status)];
      case 'regenerate_draft':
        return [await regenerate(turn, a.draft, services)];
      case 'acknowledge_warnings':
        return [await acknowledge(turn, a.draft, services)];
      case 'edit_draft':
        return [await edit(turn, a, services)];
      default:
        return [helpReply(turn.lang)];
    }
  }
  const text = turn.text ?? '';
  // "drafts to approve" / "brouillons à valider", and a registered-mail number typed in chat.
  const queueLang = isDraftsQueueAsk(text);
  if (queueLang) return [await draftsQueueReply({ ...turn, lang: queueLang }, services)];
  const postedReply = await answerPostedNumber(turn, withCompany(services), (draft, number) =>
    posted(turn, draft, number, services),
  );
  if (postedReply) return [postedReply];
  const lang = detectLang(text, turn.lang);
  // Intent first: a request, small talk, a call note — or nothing Relance understood.
  const { more, request, smallTalk, noteLike } = classify(text, {
    lang: turn.lang,
    today,
    timeZone: services.policy.timeZone,
    now: services.clock.now(),
  });
  const waiting = await waitingNote(turn, services);
  const newRequest = more !== null || (request !== null && request.kind !== 'help' && !hasNoteSignals(text));
  if (waiting && newRequest) {
    // Moving on while Relance's question waits leaves that note unrecorded, and says so.
    const line = await abandonNote(waiting, services);
    const reply = more
      ? await answerMore(turn, more, services)
      : await answerRequest(turn, request!, services);
    return [withNotice(line, reply)];
  }
  // Thanks or a greeting while a question waits is not its answer ("yes", "ok" are).
  const politeness =
    smallTalk && !/(?<![\p{L}])(?:oui|yes|ok|okay|yep|non|no|nope|d'accord|correct)(?![\p{L}])/iu.test(text);
  if (waiting && !politeness && request?.kind !== 'help')
    return [await continueNote(turn, waiting, services)];
  if (more) return [await answerMore(turn, more, services)];
  if (request && !hasNoteSignals(text)) return [await answerRequest(turn, request, services)];
  // A sales rep answering Relance's ask for a visit: their report goes to the owner to confirm.
  const report = noteLike || hasNoteSignals(text) ? await takeRepReport(turn, services) : null;
  if (report) return [report];
  if (smallTalk) return [smallTalkReply(text, lang)];
  if (!noteLike) {
    // "Dubois?", "fiche FR004", "Textiles Dubois": the customer card, when a customer is named.
    const asked = customerAsk(text) ?? (text.trim().split(/\s+/).length <= 5 ? text.trim() : null);
    const card = asked ? await lookUpCustomer(asked, lang, services) : null;
    if (card) return [card];
    if (request) return [await answerRequest(turn, request, services)];
    return [notUnderstood(text, lang)];
  }
  const note = await takeNote(turn, services);
  if (note) return [note];
  if (request) return [await answerRequest(turn, request, services)];
  return [notUnderstood(text, lang)];
}

/** A command offered as a button when a message was not understood. */
async function answerCommand(
  turn: Turn,
  command: 'worklist' | 'drafts' | 'digest' | 'help' | 'undo',
  services: ChatServices,
): Promise<Reply> {
  const today = services.today();
  if (command === 'worklist')
    return answerRequest(turn, { kind: 'worklist', date: today, lang: turn.lang }, services);
  if (command === 'digest')
    return answerRequest(turn, { kind: 'digest', date: today, lang: turn.lang }, services);
  if (command === 'help') return helpReply(turn.lang);
  return answerMore(turn, { kind: command, lang: turn.lang }, services);
}

/** A reply with a line before it ("I left the note on X unrecorded."). */
function withNotice(line: string, reply: Reply): Reply {
  return {
    ...reply,
    summary: `${line} ${reply.summary}`,
    sections: [{ blocks: [{ kind: 'text', text: line }] }, ...reply.sections],
  };
}

async function answerRequest(turn: Turn, request: Request, services: ChatServices): Promise<Reply> {
  const today = services.today();
  switch (request.kind) {
    case 'worklist':
      return (await answerWorklist(request, turn, services)).reply;
    case 'digest':
      // Asked for in chat, today's digest is delivered: the next one's changes start from it.
      return (
        await answerDigest(turn.staff, request.date, request.lang, services, false, {
          record: request.date === today,
        })
      ).reply;
    case 'draft':
      return answerDraftAsk(turn, request, services);
    case 'case_file':
      return answerCaseFileAsk(turn, request, services);
    case 'help':
      return helpReply(request.lang);
  }
}
