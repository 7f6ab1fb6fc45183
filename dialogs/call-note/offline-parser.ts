/**
 * The offline call-note parser: rules, the lexicon and chrono-node, no network. It reads a
 * note the way a colleague would — which customer, who was reached, what was promised for
 * when, which invoice is disputed and why, when to call back — and when something needed is
 * missing or ambiguous it sets `question` rather than guessing.
 */
import { formatMoney } from '../../models/rules/money';
import { detectLang } from '../requests';
import { amountIn, currencyIn } from '../spoken-amount';
import type { Lang } from '../turn';
import { type CustomerMatch, findCustomer, findInvoices } from './directory-match';
import {
  CALLBACK_WORDS,
  DISPUTE_REASON_WORDS,
  DISPUTE_WORDS,
  fold,
  HONORIFIC,
  NO_PROMISE,
  OUTCOME_WORDS,
  PAY_WORDS,
  REACHED_WORDS,
  REST_WORDS,
} from './lexicon';
import {
  CallNote,
  type NoteContext,
  type NoteDispute,
  type NotePromise,
  type NoteQuestion,
  type NoteReading,
} from './note';
import { noteDate } from './note-dates';

export function parseNoteOffline(text: string, ctx: NoteContext): CallNote {
  return readNoteOffline(text, ctx).note;
}

/** The note and, when something is missing or ambiguous, the question to ask (with its kind). */
export function readNoteOffline(text: string, ctx: NoteContext): NoteReading {
  const lang = detectLang(text, ctx.lang);
  const invoices = findInvoices(text, ctx.directory);
  const match: CustomerMatch = ctx.customer
    ? { kind: 'one', customer: ctx.customer }
    : findCustomer(text, ctx.directory, invoices.known);
  const customer = match.kind === 'one' ? match.customer : null;
  const currency =
    ctx.directory.customers.find((c) => c.reference === customer)?.currency ??
    invoices.known[0]?.currency ??
    'EUR';
  const segments = segmentsOf(text);

  const disputes: NoteDispute[] = [];
  const disputed = new Set<string>();
  let disputeWithoutInvoice = false;
  /** Segments read as the detail of a dispute before them. */
  const consumed = new Set<number>();
  segments.forEach((seg, i) => {
    const f = fold(seg);
    if (consumed.has(i) || !DISPUTE_WORDS.test(f)) return;
    const found = findInvoices(seg, ctx.directory).known;
    // "call back Monday if not received" is a condition, not a dispute.
    if (found.length === 0 && CALLBACK_WORDS.test(f)) return;
    // "INV-1042 disputed, pallets arrived damaged": the reason may come in the next segment.
    const next = segments[i + 1];
    const detailNext =
      !!next &&
      !PAY_WORDS.test(fold(next)) &&
      !CALLBACK_WORDS.test(fold(next)) &&
      findInvoices(next, ctx.directory).known.length === 0;
    if (detailNext) consumed.add(i + 1);
    const detailText = detailNext ? `${seg}, ${next}` : seg;
    const targets =
      found.length > 0
        ? found
        : openInvoicesOf(customer, ctx).length === 1
          ? openInvoicesOf(customer, ctx)
          : [];
    if (targets.length === 0) disputeWithoutInvoice = true;
    for (const inv of targets) {
      if (disputed.has(inv.number)) continue;
      disputed.add(inv.number);
      disputes.push({ invoice: inv.number, reason: reasonOf(detailText), detail: detailOf(detailText) });
    }
  });

  const promises: NotePromise[] = [];
  segments.forEach((seg, i) => {
    const f = fold(seg);
    if (consumed.has(i) || NO_PROMISE.test(f) || OUTCOME_WORDS.refused.test(f)) return;
    // "a déjà réglé la FA-… par virement" is a dispute; a dispute segment promises only an amount.
    const disputeSeg = DISPUTE_WORDS.test(f);
    for (const part of promiseParts(seg)) {
      const pf = fold(part);
      const amount = amountIn(part, currency);
      if (disputeSeg && amount === null) continue;
      const rest = amount === null && REST_WORDS.test(pf);
      if (!PAY_WORDS.test(pf) && amount === null && !rest) continue;
      if (!PAY_WORDS.test(pf) && !PAY_WORDS.test(f) && promises.length === 0) continue;
      if (CALLBACK_WORDS.test(pf) && amount === null && !rest) continue;
      promises.push({
        amount,
        currency: currencyIn(part) ?? currency,
        // A promise to pay with no amount said is a promise of the whole balance.
        rest: amount === null,
        date: noteDate(part, 'promise', ctx),
        invoices: findInvoices(part, ctx.directory)
          .known.map((i) => i.number)
          .filter((n) => !disputed.has(n)),
      });
    }
  });

  const callbackSegs = segments.filter((s) => CALLBACK_WORDS.test(fold(s)));
  const callback = callbackSegs.map((s) => noteDate(s, 'callback', ctx)).find((d) => d !== null) ?? null;
  const contact = contactIn(text);
  const outcome = outcomeOf(text, { contact, promises });

  const question = questionFor(lang, {
    match,
    unknownInvoices: invoices.unknown,
    promises,
    disputeWithoutInvoice,
    callbackWithoutDate: callbackSegs.length > 0 && !callback && promises.length === 0,
    balance: balanceOf(customer, ctx),
    accepted: ctx.accepted ?? [],
  });
  return {
    note: CallNote.parse({
      customer,
      outcome,
      contact,
      promises,
      disputes,
      callback,
      question: question?.text ?? null,
    }),
    question,
  };
}

/** Sentences and comma-separated parts; a comma between digits ("5,000") does not split. */
function segmentsOf(text: string): string[] {
  return text
    .split(/[.;!?\n]+(?=\s|$)|,(?!\d)|\s[-–—]\s/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "5k Friday and the rest end of month": one part per amount or "rest", split on and/et/puis/then. */
function promiseParts(seg: string): string[] {
  const parts = seg.split(/\s+(?:and|et|puis|then|plus|\+)\s+/i);
  if (parts.length === 1) return parts;
  const out: string[] = [];
  for (const p of parts) {
    const carries = amountIn(p, 'EUR') !== null || REST_WORDS.test(fold(p));
    if (carries || out.length === 0) out.push(p);
    else out[out.length - 1] = `${out[out.length - 1]} and ${p}`;
  }
  return out;
}

function reasonOf(text: string): NoteDispute['reason'] {
  const f = fold(text);
  return DISPUTE_REASON_WORDS.find(([, re]) => re.test(f))?.[0] ?? 'other';
}

/** The why of a dispute, as written: after a colon, else the segment less invoice numbers. */
function detailOf(text: string): string {
  const colon = text.indexOf(':');
  const raw = colon >= 0 ? text.slice(colon + 1) : text;
  return raw
    .replace(/\b[A-Z]{1,5}[-\s]?\d[\d-]*\b/gi, '')
    .replace(/\b(disputed?|en litige|litige|contest[eé]e?)\b/gi, '')
    .replace(/^[\s,:;-]+|[\s,:;-]+$/g, '')
    .replace(/\s{2,}/g, ' ');
}

const CONTACT =
  /(?i:spoke (?:to|with)|talked (?:to|with)|speaking (?:to|with)|reached|got hold of|got|parl[ée] (?:à|a|avec)|eu|joint|échangé avec|echange avec|au t[ée]l(?:[ée]phone)? avec|with)\s+((?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Monsieur|Madame)?\s*\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)/u;

function contactIn(text: string): string | null {
  const m = CONTACT.exec(text);
  if (!m) return null;
  const name = m[1]!.replace(HONORIFIC, '').trim();
  return /^(the|la|le|les)$/i.test(name) ? null : name;
}

function outcomeOf(
  text: string,
  got: { contact: string | null; promises: NotePromise[] },
): CallNote['outcome'] {
  const f = fold(text);
  for (const o of ['wrong_number', 'voicemail', 'no_answer', 'refused', 'call_back_requested'] as const)
    if (OUTCOME_WORDS[o].test(f)) return o;
  // A dispute or a refusal is something the customer said: they were reached.
  if (got.contact || got.promises.length > 0 || REACHED_WORDS.test(f) || DISPUTE_WORDS.test(f))
    return 'reached';
  return null;
}

function openInvoicesOf(customer: string | null, ctx: NoteContext) {
  return customer ? ctx.directory.invoices.filter((i) => i.customer === customer && i.outstanding > 0) : [];
}

export function balanceOf(customer: string | null, ctx: NoteContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of openInvoicesOf(customer, ctx)) out[i.currency] = (out[i.currency] ?? 0) + i.outstanding;
  return out;
}

/**
 * The one question to ask before anything can be recorded, most fundamental first. Shared by
 * both parsers: whatever understood the note, the ledger checks are these.
 */
export function questionFor(
  lang: Lang,
  s: {
    match: CustomerMatch;
    unknownInvoices: string[];
    promises: NotePromise[];
    disputeWithoutInvoice: boolean;
    callbackWithoutDate: boolean;
    balance: Record<string, number>;
    /** Checks the person already overrode ("yes, that amount is right"). */
    accepted: string[];
  },
): NoteQuestion | null {
  const fr = lang === 'fr';
  const ask = (kind: NoteQuestion['kind'], text: string, candidates: string[] = []) => ({
    kind,
    text,
    candidates,
  });
  if (s.match.kind === 'none')
    return ask('customer', fr ? 'De quel client s’agit-il ?' : 'Which customer is this about?');
  if (s.match.kind === 'several') {
    const names = s.match.candidates.map((c) => `${c.name} (${c.reference})`);
    return ask(
      'customer',
      fr ? `Quel client : ${names.join(' ou ')} ?` : `Which customer: ${names.join(' or ')}?`,
      s.match.candidates.map((c) => c.reference),
    );
  }
  if (s.match.kind === 'conflict')
    return ask(
      'customer',
      fr
        ? `La facture ${s.match.invoice} est celle de ${s.match.owner}, pas de ${s.match.named} : de quel client s’agit-il ?`
        : `Invoice ${s.match.invoice} belongs to ${s.match.owner}, not ${s.match.named}: which customer is this about?`,
    );
  if (s.unknownInvoices.length > 0)
    return ask(
      'invoice',
      fr
        ? `Je ne trouve pas la facture ${s.unknownInvoices[0]} : quel est son numéro exact ?`
        : `I can't find invoice ${s.unknownInvoices[0]}: what is its exact number?`,
    );
  const undated = s.promises.find((p) => !p.date);
  if (undated) {
    const what = undated.amount
      ? formatMoney({ amount: undated.amount, currency: undated.currency }, lang)
      : fr
        ? 'le solde'
        : 'the balance';
    return ask(
      'date',
      fr
        ? `Pour quelle date le paiement de ${what} est-il promis ?`
        : `By what date did they promise to pay ${what}?`,
    );
  }
  for (const p of s.accepted.includes('amount') ? [] : s.promises) {
    const owed = s.balance[p.currency] ?? 0;
    const promised = s.promises
      .filter((q) => q.currency === p.currency)
      .reduce((n, q) => n + (q.amount ?? 0), 0);
    if (p.amount && promised > owed) {
      const a = formatMoney({ amount: promised, currency: p.currency }, lang);
      const b = formatMoney({ amount: owed, currency: p.currency }, lang);
      return ask(
        'amount',
        fr
          ? `${a} promis, mais le client ne doit que ${b} : est-ce bien le montant ?`
          : `${a} promised, but they only owe ${b}: is that the right amount?`,
      );
    }
  }
  if (s.disputeWithoutInvoice)
    return ask('dispute_invoice', fr ? 'Quelle facture est contestée ?' : 'Which invoice is disputed?');
  if (s.callbackWithoutDate)
    return ask('callback', fr ? 'Quand faut-il rappeler ?' : 'When should we call back?');
  return null;
}
