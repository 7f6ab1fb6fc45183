/**
 * Answers to the requests of intent.ts: a customer's open invoices or history, the drafts
 * waiting for approval, a letter to send or its PDF, and — for what was not understood — one
 * short line in the message's language with the three most likely commands as buttons.
 * "Which one?" questions carry one button per candidate.
 */
import Fuse from 'fuse.js';
import { invoiceFacts } from '../models/ledger/invoice-state';
import { fromStored } from '../models/rules/dates';
import { outstanding } from '../models/rules/invoice-facts';
import { loadNoteDirectory } from './call-note/directory';
import { findCustomer, findInvoices } from './call-note/directory-match';
import { undoLastNote } from './call-note/undo';
import { draftsQueueReply } from './communications/queue';
import { customerCard } from './customer';
import { day, money } from './i18n';
import type { MoreRequest } from './intent';
import type { Action, ActionPayload, Reply } from './reply';
import { textReply, titledReply } from './reply';
import type { DialogServices } from './services';
import type { Lang, Turn } from './turn';
import { say } from './words/ledger-answers';

/** A sentence and its buttons. */
function askWith(text: string, actions: Action[]): Reply {
  return {
    summary: text,
    sections: [
      {
        blocks: [
          { kind: 'text', text },
          { kind: 'actions', actions },
        ],
      },
    ],
  };
}

type Resolved = { customer: string; name: string } | { reply: Reply };

/** The customer a request names, or the reply to give instead (which one? / not found). */
export async function resolveCustomer(
  target: string,
  lang: Lang,
  services: DialogServices,
  then: 'invoices' | 'history' | 'card' | 'letter',
): Promise<Resolved> {
  const dir = await loadNoteDirectory(services.models, services.today());
  const match = findCustomer(target, dir, findInvoices(target, dir).known);
  if (match.kind === 'one')
    return {
      customer: match.customer,
      name: dir.customers.find((c) => c.reference === match.customer)!.name,
    };
  if (match.kind === 'several') return { reply: whichCustomer(match.candidates, lang, then) };
  return { reply: textReply(say(lang, 'noCustomer', { target })) };
}

/** "Lequel ?" with one button per candidate; the answer goes on with the same request. */
export function whichCustomer(
  candidates: Array<{ reference: string; name: string }>,
  lang: Lang,
  then: 'invoices' | 'history' | 'card' | 'letter',
): Reply {
  const names = candidates.map((c) => `${c.name} (${c.reference})`);
  const text = say(lang, 'whichOne', { names: names.join(say(lang, 'or')) });
  return askWith(
    text,
    candidates.map((c) => ({
      label: `${c.name} (${c.reference})`,
      payload: { type: 'customer_request', request: then, customer: c.reference } as ActionPayload,
    })),
  );
}

export async function invoicesOf(
  customer: string,
  name: string,
  lang: Lang,
  services: DialogServices,
): Promise<Reply> {
  const invoices = await services.models.Invoice.find({
    customer,
    status: { $in: ['open', 'partially_paid'] },
  })
    .sort({ dueDate: 1 })
    .lean();
  if (invoices.length === 0) return textReply(say(lang, 'noOpenInvoice', { name }));
  const today = services.today();
  const lines = invoices.map((i) => {
    const due = fromStored(i.dueDate);
    // The shared rule: payments and credit notes both reduce what is owed.
    const left = outstanding(invoiceFacts(i));
    return say(lang, 'invoiceLine', {
      number: i.number,
      amount: money(left, i.currency, lang),
      day: day(due, lang),
      late: due < today ? say(lang, 'overdue') : '',
      disputed: (i.disputedAmount ?? 0) > 0 ? say(lang, 'disputed') : '',
    });
  });
  return titledReply(say(lang, 'openInvoices', { name, customer }), [
    { kind: 'text', text: lines.join('\n') },
    { kind: 'actions', actions: [showCustomer(customer, lang)] },
  ]);
}

export async function historyOf(
  customer: string,
  name: string,
  lang: Lang,
  services: DialogServices,
): Promise<Reply> {
  const activities = await services.models.Activity.find({ customer }).sort({ at: -1 }).limit(12).lean();
  if (activities.length === 0) return textReply(say(lang, 'noHistory', { name }));
  const lines = activities.map(
    (a) =>
      `${day(a.at.toISOString().slice(0, 10), lang)} · ${a.kind}${a.outcome ? ` (${a.outcome})` : ''} · ${a.author} — ${a.summary ?? ''}`,
  );
  return titledReply(say(lang, 'history', { name, customer }), [
    { kind: 'text', text: lines.join('\n') },
    { kind: 'actions', actions: [showCustomer(customer, lang)] },
  ]);
}

/**
 * "Envoie la lettre à Dubois par email": the customer's latest letter. Sending happens on
 * approval of the draft (the drafting dialog); an approved or sent letter is said so.
 */
export async function letterFor(
  customer: string,
  name: string,
  lang: Lang,
  services: DialogServices,
  want: { pdf?: boolean; channel?: 'email' | 'post' },
): Promise<Reply> {
  const draft = await services.models.Draft.findOne({ customer, kind: { $ne: 'call_script' } })
    .sort({ updatedAt: -1 })
    .lean();
  if (!draft)
    return askWith(say(lang, 'noLetter', { name }), [
      { label: say(lang, 'draftLetter'), payload: { type: 'draft_next', customer } },
    ]);
  const how = say(
    lang,
    want.channel === 'post' ? 'byPost' : want.channel === 'email' ? 'byEmail' : 'forSending',
  );
  const state =
    draft.status === 'sent'
      ? say(lang, 'stateSent')
      : draft.status === 'approved'
        ? say(lang, 'stateApproved')
        : say(lang, 'stateWaiting', { how });
  const text = say(lang, want.pdf ? 'letterPdf' : 'letter', { name, step: draft.step, state });
  return askWith(text, [{ label: say(lang, 'open'), payload: { type: 'show_draft', draft: draft.key } }]);
}

/** The letter last drafted by this person, when "the PDF of the last letter" names nobody. */
export async function lastLetterCustomer(
  staff: string,
  services: DialogServices,
): Promise<{ customer: string; name: string } | null> {
  const draft = await services.models.Draft.findOne({ owner: staff, kind: { $ne: 'call_script' } })
    .sort({ updatedAt: -1 })
    .lean();
  if (!draft) return null;
  const c = await services.models.Customer.findOne({ reference: draft.customer }, { name: 1 }).lean();
  return { customer: draft.customer, name: c?.name ?? draft.customer };
}

function showCustomer(customer: string, lang: Lang): Action {
  return {
    label: say(lang, 'customerCard'),
    payload: { type: 'show_customer', customer },
  };
}

/** The commands offered when a message is not understood, with what people type for them. */
const COMMANDS = (
  [
    ['worklist', 'qui appeler aujourd hui appels who should i call today my calls worklist liste'],
    ['drafts', 'brouillons valider lettres courriers drafts approve letters'],
    ['digest', 'résumé point du jour synthèse digest summary morning récap portefeuille'],
    ['help', 'aide help commandes commands que sais-tu faire what can you do'],
    ['undo', 'annuler supprimer dernière note undo last note cancel delete'],
  ] as const
).map(([command, says]) => ({
  command,
  says,
  fr: say('fr', `cmd_${command}`),
  en: say('en', `cmd_${command}`),
}));
const commandFuse = new Fuse(COMMANDS, {
  keys: ['says', 'fr', 'en'],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.6,
});

/** One short line in the message's language, and the three most likely commands as buttons. */
export function notUnderstood(text: string, lang: Lang): Reply {
  const ranked = new Map<string, number>();
  for (const word of text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((x) => x.length >= 3))
    for (const r of commandFuse.search(word))
      ranked.set(r.item.command, Math.min(ranked.get(r.item.command) ?? 1, r.score ?? 1));
  const order = [...COMMANDS].sort(
    (a, b) =>
      (ranked.get(a.command) ?? 1) - (ranked.get(b.command) ?? 1) ||
      COMMANDS.indexOf(a) - COMMANDS.indexOf(b),
  );
  return askWith(
    say(lang, 'notUnderstood'),
    order.slice(0, 3).map((c) => ({
      label: c[lang],
      payload: { type: 'command', command: c.command } as ActionPayload,
    })),
  );
}

/** Thanks and greetings: a word back, nothing recorded. */
export function smallTalkReply(text: string, lang: Lang): Reply {
  const thanks = /merci|thank|thx|cheers|\bta\b|\bty\b/i.test(text);
  const hello = /bonjour|bonsoir|salut|hello|\bhi\b|hey|coucou|good (?:morning|afternoon|evening)/i.test(
    text,
  );
  return textReply(say(lang, thanks ? 'thanks' : hello ? 'hello' : 'noted'));
}

/** The requests of intent.ts, answered. */
export async function answerMore(turn: Turn, r: MoreRequest, services: DialogServices): Promise<Reply> {
  switch (r.kind) {
    case 'drafts':
      return draftsQueueReply({ staff: turn.staff, lang: r.lang }, services);
    case 'undo':
      return undoLastNote(turn, r.lang, services);
    case 'invoices':
    case 'history': {
      const found = await resolveCustomer(r.target, r.lang, services, r.kind);
      if ('reply' in found) return found.reply;
      return r.kind === 'invoices'
        ? invoicesOf(found.customer, found.name, r.lang, services)
        : historyOf(found.customer, found.name, r.lang, services);
    }
    case 'send_letter': {
      const found = await resolveCustomer(r.target, r.lang, services, 'letter');
      if ('reply' in found) return found.reply;
      return letterFor(found.customer, found.name, r.lang, services, {
        ...(r.channel ? { channel: r.channel } : {}),
      });
    }
    case 'letter_pdf': {
      const found = r.target
        ? await resolveCustomer(r.target, r.lang, services, 'letter')
        : await lastLetterCustomer(turn.staff, services);
      if (!found) return textReply(say(r.lang, 'noLetterYet'));
      if ('reply' in found) return found.reply;
      return letterFor(found.customer, found.name, r.lang, services, { pdf: true });
    }
  }
}

/** A "which one?" button pressed: the same request, for that customer. */
export async function answerCustomerRequest(
  turn: Turn,
  request: 'invoices' | 'history' | 'card' | 'letter',
  customer: string,
  services: DialogServices,
): Promise<Reply> {
  const c = await services.models.Customer.findOne({ reference: customer }, { name: 1 }).lean();
  if (!c) return textReply(say(turn.lang, 'customerNotFound', { customer }));
  if (request === 'invoices') return invoicesOf(customer, c.name, turn.lang, services);
  if (request === 'history') return historyOf(customer, c.name, turn.lang, services);
  if (request === 'letter') return letterFor(customer, c.name, turn.lang, services, {});
  return customerCard(customer, turn.lang, services);
}
