/**
 * The offline call-note parser: rules, the lexicon and chrono-node, no network. It reads a
 * note the way a colleague would — which customer, who was reached, what was promised for
 * when, which invoice is disputed and why, when to call back — and when something needed is
 * missing or ambiguous it sets `question` rather than guessing.
 */
import { formatMoney } from '../../models/rules/money';
import { detectLang } from '../requests';
import { currencyIn } from '../spoken-amount';
import type { Lang } from '../turn';
import { say } from '../words/call-note';
import { type Clause, clausesOf } from './clauses';
import { type ContactMention, contactFor, contactMentions } from './contacts';
import {
  type CustomerMatch,
  findCustomer,
  findInvoices,
  invoiceNamed,
  withFullInvoiceNumbers,
} from './directory-match';
import { promisesIn } from './instalments';
import { CALLBACK_WORDS, fold, INVOICE_LIKE, PAY_WORDS } from './lexicon';
import {
  CallNote,
  type NoteContext,
  type NoteDispute,
  type NotePromise,
  type NoteQuestion,
  type NoteReading,
} from './note';
import { noteDate } from './note-dates';
import { OUTCOME_PATTERNS, PAID_ALREADY, REACHED, reasonOf, reportsDispute } from './note-facts';
import { original, originalSpan, type Rewritten } from './rewrite';
import { withSpokenNumbers } from './spoken-numbers';

export function parseNoteOffline(text: string, ctx: NoteContext): CallNote {
  return readNoteOffline(text, ctx).note;
}

/** The note and, when something is missing or ambiguous, the question to ask (with its kind). */
export function readNoteOffline(written: string, ctx: NoteContext): NoteReading {
  const lang = detectLang(written, ctx.lang);
  const dir = ctx.directory;
  // Said numbers as digits, shortened invoice numbers in full: one form for what follows.
  let rewritten = withFullInvoiceNumbers(withSpokenNumbers(original(written), lang), dir);
  let text = rewritten.text;
  const people = contactMentions(text, dir);
  // A contact's name is not a customer's ("Garage Dubois : M. Blanc …" is not Bâtiment Blanc).
  const folded = fold(text);
  let unnamed = folded;
  for (const m of people)
    unnamed = unnamed.slice(0, m.start) + ' '.repeat(m.end - m.start) + unnamed.slice(m.end);
  const match: CustomerMatch = ctx.customer
    ? { kind: 'one', customer: ctx.customer }
    : findCustomer(unnamed, dir, findInvoices(text, dir).known, people);
  const customer = match.kind === 'one' ? match.customer : null;
  if (customer) {
    rewritten = withFullInvoiceNumbers(rewritten, dir, customer);
    text = rewritten.text;
  }
  const invoices = findInvoices(text, dir);
  const candidates = match.kind === 'several' ? match.candidates : [];
  const currency =
    dir.customers.find((c) => c.reference === customer)?.currency ??
    invoices.known[0]?.currency ??
    (candidates.length > 0 && candidates.every((c) => c.currency === candidates[0]!.currency)
      ? candidates[0]!.currency
      : (currencyIn(text) ?? 'EUR'));
  const clauses = clausesOf(text);

  const { disputes, disputeClauses, disputeWithoutInvoice, told } = disputesIn(
    { note: written, rewritten },
    clauses,
    customer,
    ctx,
  );
  const disputed = new Set(disputes.map((d) => d.invoice));
  const balance = balanceOf(customer, ctx);
  const promises = promisesIn(text, clauses, ctx, { currency, balance, disputeClauses, disputed });

  const callbackClauses = clauses.filter((c) => CALLBACK.test(fold(c.text)));
  const callback =
    callbackClauses
      .map(
        (c) =>
          callbackDate(c.text, ctx) ?? (THEN.test(fold(c.text)) ? sentenceDate(text, clauses, c, ctx) : null),
      )
      .find((d) => d !== null) ?? null;
  const outcome = outcomeOf(folded, { people, promises, disputes, customer, told });
  // The person was not on the line: named, but not reached ("était absente", "was unavailable").
  const heard =
    outcome !== 'no_answer' && outcome !== 'voicemail' && outcome !== 'wrong_number' && !ABSENT.test(folded);
  const contact = heard ? contactFor(text, customer, people, dir) : null;

  const question = questionFor(lang, {
    match,
    unknownInvoices: invoices.unknown,
    promises,
    disputeWithoutInvoice,
    callbackWithoutDate:
      callbackClauses.length > 0 &&
      !callback &&
      promises.length === 0 &&
      (outcome === null || outcome === 'call_back_requested'),
    balance,
    accepted: ctx.accepted ?? [],
  });
  return {
    note: CallNote.parse({
      customer,
      outcome: outcome ?? (contact ? 'reached' : null),
      contact,
      promises,
      disputes,
      callback,
      question: question?.text ?? null,
    }),
    question,
  };
}

const ABSENT =
  /(?<![\p{L}])(?:absente?|unavailable|not available|pas dispo(?:nible)?|en conges?|on leave|off sick|not around|out (?:till|until|today|of (?:the )?office)|away (?:till|until|today))(?![\p{L}])/u;

/** The day after the words of the call-back ("absent aujourd'hui, rappeler demain": tomorrow). */
function callbackDate(clause: string, ctx: NoteContext) {
  const at = fold(clause).search(CALLBACK);
  return (at > 0 ? noteDate(clause.slice(at), 'callback', ctx) : null) ?? noteDate(clause, 'callback', ctx);
}

/** "I will call back then": the day the sentence names elsewhere ("on leave until Monday"). */
const THEN = /\b(then|ce jour-la|a ce moment-la)\b/;
function sentenceDate(text: string, clauses: Clause[], c: Clause, ctx: NoteContext) {
  const same = clauses.filter((x) => x.sentence === c.sentence);
  return noteDate(text.slice(same[0]!.start, same.at(-1)!.end), 'callback', ctx);
}

const CALLBACK = new RegExp(
  `${CALLBACK_WORDS.source}|(?<![\\p{L}])(?:cb|rdv|try|retry|retente|reessaie|essaierai|rappellerai|rappelle|rappellera|ring(?:s)? (?:us |me )?back|call (?:us |me |him |her )?back|called back|rung back|will call|try again|rappel|relance|tentative)(?![\\p{L}])`,
  'u',
);

/**
 * Disputes: a clause that reports something wrong, on the invoice it names — or on the invoice
 * named beside it in the same sentence, or the customer's only open invoice. The detail is the
 * note's own words for it, from the clause that names the invoice to the last clause telling
 * what is wrong, the customer's name before a colon left out.
 */
function disputesIn(
  src: { note: string; rewritten: Rewritten },
  clauses: Clause[],
  customer: string | null,
  ctx: NoteContext,
) {
  const disputes: NoteDispute[] = [];
  const disputeClauses = new Set<Clause>();
  let unplaced = false;
  let told = false;
  const sentences = [...new Set(clauses.map((c) => c.sentence))];
  for (const n of sentences) {
    const own = clauses.filter((c) => c.sentence === n);
    // "call back Monday if not received" is a condition of the call-back, not a dispute.
    const telling = own.filter(
      (c) =>
        reportsDispute(fold(c.text)) &&
        !promiseOnly(c, ctx) &&
        !(CALLBACK.test(fold(c.text)) && invoicesOf([c], ctx).length === 0),
    );
    if (telling.length === 0) continue;
    told = true;
    for (const c of telling) disputeClauses.add(c);
    // The invoices: in the telling clauses, else in the other clauses of the sentence that do not promise.
    let targets = invoicesOf(telling, ctx);
    if (targets.length === 0) {
      const beside = own.filter(
        (c) => !telling.includes(c) && !promiseOnly(c, ctx) && invoicesOf([c], ctx).length > 0,
      );
      targets = invoicesOf(beside, ctx);
      for (const c of beside) disputeClauses.add(c);
    }
    if (targets.length === 0) {
      const open = openInvoicesOf(customer, ctx);
      if (open.length === 1) targets = [open[0]!.number];
    }
    if (targets.length === 0) {
      unplaced = true;
      continue;
    }
    const cs = own.filter((c) => disputeClauses.has(c));
    const start = Math.min(...cs.map((c) => c.start));
    const end = Math.max(...cs.map((c) => c.end));
    const detail = detailOf(originalSpan(src.note, src.rewritten, start, end));
    const reason = reasonOf(fold(cs.map((c) => c.text).join(' ')));
    for (const invoice of targets)
      if (!disputes.some((d) => d.invoice === invoice)) disputes.push({ invoice, reason, detail });
  }
  // Something wrong was told but on no invoice we can tell: asked, unless the note placed one.
  return { disputes, disputeClauses, disputeWithoutInvoice: unplaced && disputes.length === 0, told };
}

/** A clause that only promises a payment ("il règle la FA-2026-1026 mardi") reports nothing wrong. */
function promiseOnly(c: Clause, ctx: NoteContext): boolean {
  const f = fold(c.text);
  return (
    PAY_WORDS.test(f) &&
    noteDate(c.text, 'promise', ctx) !== null &&
    !/(?:ne|won.t|will not|refus|pas|not|until|tant que|qu.apres)/.test(f) &&
    !PAID_ALREADY.test(f) &&
    !/\b(?:twice|deux fois|double)\b/.test(f)
  );
}

function invoicesOf(cs: Clause[], ctx: NoteContext): string[] {
  return [...new Set(cs.flatMap((c) => listedInvoices(c.text, ctx)))];
}

/**
 * The invoices a clause is about: the first named, and those listed with it ("FA-1066 and
 * FA-1067"); one it is compared with ("a duplicate of UK-1292", "en double avec la 1205") is not.
 */
function listedInvoices(text: string, ctx: NoteContext): string[] {
  const found = [...text.matchAll(INVOICE_LIKE)].filter((m) => invoiceNamed(ctx.directory, m[0]));
  const out: string[] = [];
  found.forEach((m, i) => {
    const between = i === 0 ? '' : text.slice(found[i - 1]!.index! + found[i - 1]![0].length, m.index!);
    if (i === 0 || /^\s*(?:,|and|et|&|\+|ou|or)\s*$/i.test(between))
      out.push(invoiceNamed(ctx.directory, m[0])!.number);
  });
  return [...new Set(out)];
}

/** The note's words from the first to the last clause of the dispute, verbatim. */
function detailOf(span: string): string {
  let raw = span;
  // "Pharmacie Roux : FA-2026-1215 …": the customer's name before the colon is not the detail.
  const colon = /^[^:]{0,40}:\s+/.exec(raw);
  if (colon && !/\d/.test(colon[0])) raw = raw.slice(colon[0].length);
  // "FA-2026-1028 disputed: rolls arrived damaged": the why is what follows the label.
  const label =
    /^(?:(?:the |la |l'|invoice |facture |fact\.? |inv\.? )*)[A-Z]{1,6}[-/]?\d[\d/-]*\s+(?:is |est )?(?:disputed|contest[ée]e?|en litige|litigieuse)\s*[:,–—-]\s*(?=\S)/iu.exec(
      raw,
    );
  if (label) raw = raw.slice(label[0].length);
  return raw.trim();
}

function outcomeOf(
  f: string,
  got: {
    people: ContactMention[];
    promises: NotePromise[];
    disputes: NoteDispute[];
    customer: string | null;
    told: boolean;
  },
): CallNote['outcome'] {
  for (const [outcome, re] of OUTCOME_PATTERNS) {
    if (!re.test(f)) continue;
    // "refus de payer cette facture" with a dispute is the dispute: the customer was reached.
    if (outcome === 'refused' && got.disputes.length > 0) return 'reached';
    return outcome;
  }
  const ours = got.people.some((p) => got.customer === null || p.customers.includes(got.customer));
  // A dispute told, a payment spoken of: something the customer said.
  if (ours || got.promises.length > 0 || got.told || PAY_WORDS.test(f) || REACHED.test(f)) return 'reached';
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
  const ask = (kind: NoteQuestion['kind'], text: string, candidates: string[] = []) => ({
    kind,
    text,
    candidates,
  });
  if (s.match.kind === 'none') return ask('customer', say(lang, 'whichCustomer'));
  if (s.match.kind === 'several') {
    const names = s.match.candidates.map((c) => `${c.name} (${c.reference})`);
    return ask(
      'customer',
      say(lang, 'whichOfCustomers', { names: names.join(say(lang, 'or')) }),
      s.match.candidates.map((c) => c.reference),
    );
  }
  if (s.match.kind === 'conflict')
    return ask(
      'customer',
      say(lang, 'invoiceOfOther', { invoice: s.match.invoice, owner: s.match.owner, named: s.match.named }),
    );
  if (s.unknownInvoices.length > 0)
    return ask('invoice', say(lang, 'unknownInvoice', { invoice: s.unknownInvoices[0]! }));
  const undated = s.promises.find((p) => !p.date);
  if (undated) {
    const what = undated.amount
      ? formatMoney({ amount: undated.amount, currency: undated.currency }, lang)
      : say(lang, 'theBalance');
    return ask('date', say(lang, 'promiseDate', { what }));
  }
  for (const p of s.accepted.includes('amount') ? [] : s.promises) {
    const owed = s.balance[p.currency] ?? 0;
    const promised = s.promises
      .filter((q) => q.currency === p.currency)
      .reduce((n, q) => n + (q.amount ?? 0), 0);
    if (p.amount && promised > owed) {
      const a = formatMoney({ amount: promised, currency: p.currency }, lang);
      const b = formatMoney({ amount: owed, currency: p.currency }, lang);
      return ask('amount', say(lang, 'tooMuch', { promised: a, owed: b }));
    }
  }
  if (s.disputeWithoutInvoice) return ask('dispute_invoice', say(lang, 'whichDisputed'));
  if (s.callbackWithoutDate) return ask('callback', say(lang, 'whenCallBack'));
  return null;
}
