/**
 * Logging a call by message: the person types what happened; Relance shows exactly what it
 * will record (Confirm / Edit / Cancel), or asks one precise question instead of guessing;
 * the answer, a corrected note or a button moves the same note on. Every state lives in the
 * CallLog document keyed by the message's id, so retries and restarts pick up where it was.
 */
import type { Models } from '../../models';
import { fromStored, type LocalDate } from '../../models/rules/dates';
import type { CallLog } from '../../models/schemas/call-log';
import { day, money, OUTCOME_LABELS } from '../i18n';
import { saysNoteThings } from '../intent';
import type { Action, Fact, Reply } from '../reply';
import { textReply, titledReply } from '../reply';
import { detectLang } from '../requests';
import type { DialogServices } from '../services';
import type { Lang, Turn } from '../turn';
import { say } from '../words/call-note';
import { loadNoteDirectory } from './directory';
import { findCustomer, findInvoices } from './directory-match';
import { fold } from './lexicon';
import { CallNote, type NoteContext } from './note';
import { type NoteParser, type NoteUnderstanding, offlineNoteParser } from './note-parser';
import { promiseInstalments, type Recorded, recordCallLog } from './record';

/** How long a question or an Edit waits for its answer before a message is read afresh. */
const PENDING_FOR_MS = 2 * 60 * 60 * 1000;
const WAITING = ['awaiting_answer', 'editing', 'awaiting_note'] as const;

type Log = CallLog & { _id: unknown };

export interface NoteServices extends DialogServices {
  noteParser?: NoteParser;
}

/** Does this text read like a call note at all (an outcome, a promise, a dispute, a call-back)? */
export function hasNoteSignals(text: string): boolean {
  return saysNoteThings(text);
}

/** The note this person is answering a question about (or editing), if any. */
export async function waitingNote(turn: Turn, services: DialogServices): Promise<Log | null> {
  return services.models.CallLog.findOne({
    staff: turn.staff,
    status: { $in: WAITING },
    writtenAt: { $gte: new Date(turn.at.getTime() - PENDING_FOR_MS) },
  })
    .sort({ writtenAt: -1 })
    .lean<Log>();
}

/**
 * A new message read as a call note. Returns null when it is not one: nothing understood, or
 * no customer named when `requireCustomer` (an answer that may or may not be a new note).
 */
export async function takeNote(
  turn: Turn,
  services: NoteServices,
  opts: { requireCustomer?: boolean } = {},
): Promise<Reply | null> {
  const text = turn.text ?? '';
  const existing = await services.models.CallLog.findOne({ key: turn.id }).lean<Log>();
  if (existing) return present(existing, services); // a retried delivery of the same message
  const reading = await read(text, turn, services, {});
  const n = reading.note;
  // A customer's name alone is not a call note: something about the call must be said.
  const understood =
    n.outcome || n.promises.length || n.disputes.length || n.callback || (n.question && hasNoteSignals(text));
  if (!understood || (opts.requireCustomer && !n.customer)) return null;
  const log = await services.models.CallLog.findOneAndUpdate(
    { key: turn.id },
    {
      $setOnInsert: {
        staff: turn.staff,
        channel: turn.channel,
        lang: detectLang(text, turn.lang),
        text,
        writtenAt: turn.at,
        ...stateOf(reading),
      },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<Log>();
  return present(log!, services);
}

/** A message answering the waiting note's question, or replacing it after Edit. */
export async function continueNote(turn: Turn, log: Log, services: NoteServices): Promise<Reply> {
  const answer = (turn.text ?? '').trim();
  const lang = log.lang as Lang;
  // A whole new note about a customer is not an answer: it replaces the waiting one.
  if (log.status === 'awaiting_answer' && hasNoteSignals(answer)) {
    const fresh = await takeNote(turn, services, { requireCustomer: true });
    if (fresh) {
      await services.models.CallLog.updateOne(
        { key: log.key, status: 'awaiting_answer' },
        { $set: { status: 'superseded' } },
      );
      return fresh;
    }
  }
  if (log.status === 'awaiting_note')
    return reread(log, answer, { customer: log.customer ?? undefined }, turn, services);
  if (log.status === 'editing') return reread(log, answer, {}, turn, services);
  switch (log.questionKind) {
    case 'customer': {
      const all = await loadNoteDirectory(services.models, services.today());
      // "Textiles Dubois" answering "Textiles Dubois SAS (FR004) or Imprimerie Dubois SARL (FR020)?":
      // read among the customers offered first, then among all.
      const offered = log.candidates ?? [];
      const among = offered.length
        ? { customers: all.customers.filter((c) => offered.includes(c.reference)), invoices: all.invoices }
        : all;
      const first = findCustomer(answer, among, findInvoices(answer, among).known);
      const dir = all;
      const match = first.kind === 'one' ? first : findCustomer(answer, dir, findInvoices(answer, dir).known);
      if (match.kind === 'one') return reread(log, log.text, { customer: match.customer }, turn, services);
      if (hasNoteSignals(answer)) return reread(log, answer, {}, turn, services);
      return textReply(say(lang, 'notAmongCustomers', { answer, question: log.note?.question ?? '' }).trim());
    }
    case 'amount':
      if (
        /^(?:oui|yes|ok|okay|yep|correct|exact|c.est (?:bon|ca|ça)|confirm|right|that.s right|bien)\b/i.test(
          fold(answer),
        )
      )
        return reread(
          log,
          log.text,
          { customer: log.customer ?? undefined, accepted: ['amount'] },
          turn,
          services,
        );
      await setState(services.models, log.key, { status: 'editing' });
      return textReply(say(lang, 'sendCorrected'));
    default:
      // A date, an invoice number, "Thursday": read as the end of the note.
      return reread(log, `${log.text} ${answer}`, { customer: log.customer ?? undefined }, turn, services);
  }
}

/**
 * The person moved on to another request while Relance's question waited: the note is left
 * unrecorded, and the reply says so ("I left the note on Textiles Dubois unrecorded").
 */
export async function abandonNote(log: Log, services: DialogServices): Promise<string> {
  await services.models.CallLog.updateOne(
    { key: log.key, status: { $in: [...WAITING] } },
    { $set: { status: 'abandoned' } },
  );
  const lang = log.lang as Lang;
  const ref = log.customer ?? log.note?.customer ?? null;
  const name = ref ? ((await customerNames(services.models, [ref])).get(ref) ?? ref) : null;
  if (name) return say(lang, 'leftNamed', { name });
  const quoted = log.text ? say(lang, 'leftQuoted', { text: log.text.slice(0, 60) }) : '';
  return say(lang, 'leftWaiting', { quoted });
}

export async function chooseCustomer(
  turn: Turn,
  key: string,
  customer: string,
  services: NoteServices,
): Promise<Reply> {
  const log = await ownLog(turn, key, services);
  if ('reply' in log) return log.reply;
  if (!['awaiting_answer', 'awaiting_confirmation'].includes(log.status)) return present(log, services);
  return reread(log, log.text, { customer }, turn, services);
}

export async function confirmNote(
  turn: Turn,
  key: string,
  services: NoteServices,
  promiseMode?: 'replace' | 'add',
): Promise<Reply> {
  const found = await ownLog(turn, key, services);
  if ('reply' in found) return found.reply;
  if (found.status === 'recorded') return textReply(say(found.lang as Lang, 'alreadyRecordedNothingAdded'));
  if (found.status !== 'awaiting_confirmation' && found.status !== 'confirmed')
    return present(found, services);
  // Confirmed before anything is written: an interrupted recording is finished on restart.
  await services.models.CallLog.updateOne(
    { key, status: 'awaiting_confirmation' },
    {
      $set: {
        status: 'confirmed',
        confirmedBy: turn.staff,
        confirmedAt: turn.at,
        ...(promiseMode ? { promiseMode } : {}),
      },
    },
  );
  const recorded = await finishRecording(services, {
    ...found,
    promiseMode: found.promiseMode ?? promiseMode,
  });
  return recordedReply(recorded, found.lang as Lang, services);
}

export async function editNote(turn: Turn, key: string, services: NoteServices): Promise<Reply> {
  const log = await ownLog(turn, key, services);
  if ('reply' in log) return log.reply;
  if (!['awaiting_confirmation', 'awaiting_answer'].includes(log.status)) return present(log, services);
  await setState(services.models, key, { status: 'editing', writtenAt: turn.at });
  return textReply(say(log.lang as Lang, 'editPrompt', { text: log.text }));
}

export async function cancelNote(turn: Turn, key: string, services: NoteServices): Promise<Reply> {
  const log = await ownLog(turn, key, services);
  if ('reply' in log) return log.reply;
  const res = await services.models.CallLog.updateOne(
    { key, status: { $in: ['awaiting_confirmation', ...WAITING] } },
    { $set: { status: 'cancelled' } },
  );
  if (res.modifiedCount === 0) return present(log, services);
  return textReply(say(log.lang as Lang, 'cancelled'));
}

/** "Log outcome" on a customer: the next message is the note about them. */
export async function askForNote(turn: Turn, customer: string, services: NoteServices): Promise<Reply> {
  const found = await services.models.Customer.findOne({ reference: customer }, { name: 1 }).lean();
  if (!found) return textReply(say(turn.lang, 'customerNotFound', { customer }));
  await services.models.CallLog.updateOne(
    { key: turn.id },
    {
      $setOnInsert: {
        staff: turn.staff,
        channel: turn.channel,
        lang: turn.lang,
        customer,
        status: 'awaiting_note',
        writtenAt: turn.at,
      },
    },
    { upsert: true },
  );
  return textReply(say(turn.lang, 'askForNote', { name: found.name }));
}

/** Completes recordings a crash interrupted (status "confirmed"): run at start. */
export async function finishInterruptedNotes(services: DialogServices): Promise<number> {
  const logs = await services.models.CallLog.find({ status: 'confirmed' }).lean<Log[]>();
  for (const log of logs) await finishRecording(services, log);
  return logs.length;
}

async function finishRecording(services: DialogServices, log: Log): Promise<Recorded> {
  const recorded = await recordCallLog(services.models, services.policy, log);
  await services.models.CallLog.updateOne(
    { key: log.key, status: { $in: ['confirmed', 'recorded'] } },
    { $set: { status: 'recorded', recordedAt: services.clock.now(), result: recorded } },
  );
  return recorded;
}

/** Reads a note with what is already known (the customer): also the sales rep's report. */
export async function read(
  text: string,
  turn: Turn,
  services: NoteServices,
  known: Pick<NoteContext, 'customer' | 'accepted'>,
): Promise<NoteUnderstanding> {
  const ctx: NoteContext = {
    now: turn.at,
    timeZone: services.policy.timeZone,
    country: services.policy.country,
    lang: turn.lang,
    directory: await loadNoteDirectory(services.models, services.today()),
    ...known,
  };
  return (services.noteParser ?? offlineNoteParser).read(text, ctx);
}

async function reread(
  log: Log,
  text: string,
  known: Pick<NoteContext, 'customer' | 'accepted'>,
  turn: Turn,
  services: NoteServices,
): Promise<Reply> {
  const accepted = [...new Set([...(log.accepted ?? []), ...(known.accepted ?? [])])];
  const reading = await read(text, turn, services, { customer: known.customer, accepted });
  const updated = await setState(services.models, log.key, {
    text,
    accepted,
    customer: known.customer ?? reading.note.customer ?? undefined,
    ...stateOf(reading),
  });
  return present(updated ?? log, services);
}

export function stateOf(reading: NoteUnderstanding) {
  return {
    note: CallNote.parse(reading.note),
    source: reading.source,
    fallback: reading.fallback,
    status: reading.question ? ('awaiting_answer' as const) : ('awaiting_confirmation' as const),
    questionKind: reading.question?.kind,
    candidates: reading.question?.candidates ?? [],
  };
}

async function setState(models: Models, key: string, set: Record<string, unknown>): Promise<Log | null> {
  return models.CallLog.findOneAndUpdate({ key }, { $set: set }, { returnDocument: 'after' }).lean<Log>();
}

/** The note's log, if it is this person's (a colleague cannot confirm someone else's call). */
async function ownLog(turn: Turn, key: string, services: DialogServices): Promise<Log | { reply: Reply }> {
  const log = await services.models.CallLog.findOne({ key }).lean<Log>();
  if (!log) return { reply: textReply(say(turn.lang, 'noteNotFound')) };
  if (log.staff !== turn.staff) return { reply: textReply(say(turn.lang, 'onlyWriter')) };
  return log;
}

/** What the person sees of a note in its current state. */
export async function present(log: Log, services: DialogServices): Promise<Reply> {
  const lang = log.lang as Lang;
  switch (log.status) {
    case 'recorded':
      return textReply(say(lang, 'alreadyRecorded'));
    case 'cancelled':
    case 'superseded':
    case 'abandoned':
    case 'reversed':
      return textReply(say(lang, 'cancelledOrReplaced'));
    case 'editing':
      return textReply(say(lang, 'waitingCorrected'));
    case 'awaiting_note':
      return textReply(say(lang, 'waitingNote'));
    case 'awaiting_answer':
      return questionReply(log, lang, services);
    default:
      return confirmationReply(log, lang, services);
  }
}

async function questionReply(log: Log, lang: Lang, services: DialogServices): Promise<Reply> {
  const names = await customerNames(services.models, log.candidates ?? []);
  const actions: Action[] = (log.candidates ?? []).map((ref) => ({
    label: `${names.get(ref) ?? ref} (${ref})`,
    payload: { type: 'note_customer', log: log.key, customer: ref },
  }));
  actions.push(cancelAction(log.key, lang));
  const question = log.note?.question ?? '';
  return {
    summary: question,
    sections: [
      { blocks: [{ kind: 'text', text: question }] },
      {
        blocks: [
          { kind: 'text', text: `> ${log.text}` },
          { kind: 'actions', actions },
        ],
      },
    ],
  };
}

async function confirmationReply(log: Log, lang: Lang, services: DialogServices): Promise<Reply> {
  const note = CallNote.parse(log.note);
  const ref = note.customer!;
  const name = (await customerNames(services.models, [ref])).get(ref) ?? ref;
  const facts: Fact[] = [];
  const label = (k: string) => OUTCOME_LABELS[lang][k] ?? k;
  if (note.outcome || note.contact)
    facts.push({
      label: say(lang, 'factCall'),
      value: [note.outcome ? label(note.outcome) : null, note.contact].filter(Boolean).join(' — '),
    });
  const disputed = new Set(note.disputes.map((d) => d.invoice));
  const instalments = await promiseInstalments(services.models, ref, note.promises, disputed);
  for (const i of instalments)
    facts.push({
      label: say(lang, 'factPromise'),
      value: instalment(i.amount, i.currency, i.date, lang),
    });
  // A pending promise of this customer: said before Confirm, and the person chooses.
  const pending =
    instalments.length > 0
      ? await services.models.PaymentPromise.find({
          customer: ref,
          status: 'pending',
          operationKey: { $ne: `${log.key}#promise` },
        }).lean()
      : [];
  if (pending.length > 0)
    facts.push({
      label: say(lang, 'factPending'),
      value: `${pending
        .flatMap((p) => p.instalments)
        .map((i) => instalment(i.amount, i.currency, fromStored(i.date), lang))
        .join(' + ')} — ${say(lang, 'pendingChoice')}`,
    });
  for (const d of note.disputes)
    facts.push({
      label: say(lang, 'factDispute'),
      value: say(lang, 'disputeFact', {
        invoice: d.invoice,
        reason: label(d.reason),
        detail: d.detail ? say(lang, 'disputeDetail', { detail: d.detail }) : '',
      }),
    });
  if (note.callback)
    facts.push({ label: say(lang, 'factCallBack'), value: day(note.callback as LocalDate, lang) });
  facts.push({ label: say(lang, 'factNote'), value: log.text });
  const by =
    log.source === 'offline'
      ? log.fallback
        ? say(lang, 'offlineRulesBecause', { why: log.fallback })
        : say(lang, 'offlineRules')
      : (log.source ?? '');
  facts.push({ label: say(lang, 'factReadBy'), value: by });
  const title = say(lang, 'toRecord', { name, ref });
  return titledReply(title, [
    { kind: 'facts', facts },
    {
      kind: 'actions',
      actions: [
        ...(pending.length > 0
          ? [
              {
                label: say(lang, 'confirmReplace'),
                style: 'primary' as const,
                payload: { type: 'confirm_note' as const, log: log.key, promise: 'replace' as const },
              },
              {
                label: say(lang, 'confirmAdd'),
                payload: { type: 'confirm_note' as const, log: log.key, promise: 'add' as const },
              },
            ]
          : [
              {
                label: say(lang, 'confirm'),
                style: 'primary' as const,
                payload: { type: 'confirm_note' as const, log: log.key },
              },
            ]),
        { label: say(lang, 'edit'), payload: { type: 'edit_note', log: log.key } },
        cancelAction(log.key, lang),
      ],
    },
  ]);
}

function cancelAction(key: string, lang: Lang): Action {
  return {
    label: say(lang, 'cancel'),
    style: 'danger',
    payload: { type: 'cancel_note', log: key },
  };
}

async function customerNames(models: Models, refs: string[]): Promise<Map<string, string>> {
  const found = await models.Customer.find({ reference: { $in: refs } }, { reference: 1, name: 1 }).lean();
  return new Map(found.map((c) => [c.reference, c.name]));
}

async function recordedReply(r: Recorded, lang: Lang, services: DialogServices): Promise<Reply> {
  const name = (await customerNames(services.models, [r.customer])).get(r.customer) ?? r.customer;
  const parts: string[] = [say(lang, 'recordedCall')];
  if (r.instalments.length > 0)
    parts.push(
      say(lang, 'recordedPromise', {
        instalments: r.instalments.map((i) => instalment(i.amount, i.currency, i.date, lang)).join(' + '),
      }),
    );
  for (const d of r.disputes)
    parts.push(say(lang, 'recordedDispute', { invoice: d.invoice, day: day(d.reviewOn, lang) }));
  if (r.callback) parts.push(say(lang, 'recordedCallBack', { day: day(r.callback, lang) }));
  const text = say(lang, 'recorded', { name, parts: parts.join(', ') });
  return textReply(text + (r.superseded > 0 ? say(lang, 'previousReplaced') : ''));
}

/** "5 000,00 € le lun. 23 nov." / "€5,000.00 by Mon 23 Nov". */
function instalment(amount: number, currency: string, date: LocalDate, lang: Lang): string {
  return say(lang, 'instalment', { amount: money(amount, currency, lang), day: day(date, lang) });
}
