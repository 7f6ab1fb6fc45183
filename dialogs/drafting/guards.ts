/**
 * The guards a draft passes before anyone can approve it.
 * - Fact guard: every amount, invoice number, date, rate, number of days and the deadline in
 *   the draft is extracted and must be one the ledger and the rules support (the facts of
 *   `loadDraftFacts`). Anything else — a wrong amount, an invented invoice, a date nobody
 *   set — is a problem, and a draft with a problem is never approvable.
 * - Tone guard: no threat the step does not allow (no court in a first reminder), no insult,
 *   no pressure on a disputed invoice, a courteous closing.
 */
import { DateTime } from 'luxon';
import { parseAmount } from '../../models/rules/money';
import type { DraftContent } from '../../prompts/draft';
import { fold } from '../call-note/lexicon';
import type { DraftFacts, DraftKind } from './facts';

export interface GuardProblem {
  guard: 'facts' | 'tone';
  /** What kind of fact or rule. */
  kind: string;
  /** The text found. */
  found: string;
  message: string;
}

export interface GuardResult {
  ok: boolean;
  problems: GuardProblem[];
  /** How many figures were checked (amounts, invoices, dates, rates, days). */
  checked: number;
}

/** Every string of a draft, with where it is. */
export function textsOf(d: DraftContent): string[] {
  const s = d.script;
  return [
    d.subject,
    d.greeting,
    ...d.paragraphs,
    d.closing,
    d.signature,
    ...(s
      ? [
          s.opening,
          ...s.facts,
          ...s.questions,
          ...s.objections.flatMap((o) => [o.objection, o.answer]),
          ...s.proposals,
          s.closing,
        ]
      : []),
  ];
}

const SYMBOL = { '€': 'EUR', $: 'USD', '£': 'GBP' } as Record<string, string>;
const NUM = String.raw`\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const PREFIXED = new RegExp(String.raw`([€$£]|\b(?:EUR|USD|GBP))\s?(${NUM})`, 'g');
const SUFFIXED = new RegExp(String.raw`(?<![\d.,])(${NUM})\s?(€|\$|£|EUR\b|USD\b|GBP\b)`, 'g');

/** Amounts written with a currency, as minor units. */
export function amountsWritten(
  text: string,
): Array<{ found: string; currency: string; amount: number | null }> {
  const out: Array<{ found: string; currency: string; amount: number | null }> = [];
  const seen = new Set<number>();
  for (const re of [PREFIXED, SUFFIXED])
    for (const m of text.matchAll(re)) {
      if (seen.has(m.index!)) continue;
      seen.add(m.index!);
      const [sym, num] = re === PREFIXED ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
      const currency = SYMBOL[sym] ?? sym;
      out.push({ found: m[0].trim(), currency, amount: parseAmount(num.trim(), currency) });
    }
  return out;
}

const MONTHS: Record<string, number> = {};
for (const lang of ['fr', 'en'])
  for (let m = 1; m <= 12; m++) {
    const name = DateTime.fromObject({ year: 2026, month: m, day: 1 }).setLocale(lang).toFormat('LLLL');
    MONTHS[fold(name)] = m;
  }
const MONTH_NAMES = Object.keys(MONTHS).join('|');
const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:er)?\s+(${MONTH_NAMES})\s+(\d{4})\b`, 'g');
const MONTH_DAY_YEAR = new RegExp(String.raw`\b(${MONTH_NAMES})\s+(\d{1,2}),?\s+(\d{4})\b`, 'g');
/** "du 16 mai au 30 juin 2025", "from 16 May to 30 June 2025": the first date takes the second's year. */
const RANGE = new RegExp(
  String.raw`\b(?:du|from)\s+(\d{1,2})(?:er)?\s+(${MONTH_NAMES})\s+(?:au|to)\s+\d{1,2}(?:er)?\s+(?:${MONTH_NAMES})\s+(\d{4})\b`,
  'g',
);
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** Dates written in words or numbers (day first), as YYYY-MM-DD. */
export function datesWritten(text: string): Array<{ found: string; date: string }> {
  const f = fold(text);
  const iso = (y: string | number, m: string | number, d: string | number) =>
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const out: Array<{ found: string; date: string }> = [];
  for (const m of f.matchAll(RANGE)) out.push({ found: m[0], date: iso(m[3]!, MONTHS[m[2]!]!, m[1]!) });
  for (const m of f.matchAll(DAY_MONTH_YEAR))
    out.push({ found: m[0], date: iso(m[3]!, MONTHS[m[2]!]!, m[1]!) });
  for (const m of f.matchAll(MONTH_DAY_YEAR))
    out.push({ found: m[0], date: iso(m[3]!, MONTHS[m[1]!]!, m[2]!) });
  for (const m of f.matchAll(NUMERIC))
    out.push(
      m[4] ? { found: m[0], date: iso(m[4], m[5]!, m[6]!) } : { found: m[0], date: iso(m[3]!, m[2]!, m[1]!) },
    );
  return out;
}

const RATE = /(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g;
const BUSINESS_DAYS = /(\d+)\s*(?:jours? ouvr[ée]s|business days|working days)/gi;
const FROM_RECEIPT =
  /(\d+)\s*(?:jours?\s+(?:à compter de|a compter de|après|apres|suivant)\s+(?:la\s+)?r[ée]ception|days\s+(?:of|from|after)\s+(?:receiving|receipt))/gi;
const DAYS_LATE = /(\d+)\s*(?:jours? de retard|days? late|days? overdue)/gi;
const REFERENCE = /\b[A-Z]{1,6}[-/]?\d{2,}(?:[-/]\d+)*\b/g;
/** Article numbers of the law the letters cite, which look like references. */
const LAW_ARTICLES = new Set(['L441-10', 'D441-5', 'L110-4', 'L218-2', 'L441-6', 'L125-1', 'L313-2']);
/** A sentence ends at a full stop, a semicolon or a line break: what an invoice's dates belong to. */
const SENTENCE_END = /[.;](?=\s|$)|\n/;
const INTEREST_WORDS = /p[ée]nalit|int[ée]r[êe]ts?|interest/i;

/** Pieces of text after each mention of an invoice, up to the end of the sentence. */
function afterEachInvoice(text: string, numbers: Set<string>): Array<{ invoice: string; text: string }> {
  const hits = [...text.matchAll(REFERENCE)].filter((m) => numbers.has(m[0]));
  return hits.map((m, k) => {
    const from = m.index! + m[0].length;
    const next = hits[k + 1]?.index ?? text.length;
    const rest = text.slice(from, next);
    const stop = rest.search(SENTENCE_END);
    return { invoice: m[0], text: stop >= 0 ? rest.slice(0, stop) : rest };
  });
}

/** Pieces of text after each rate, up to the next rate or the end of the sentence. */
function afterEachRate(text: string): Array<{ found: string; pct: string; text: string }> {
  const hits = [...text.matchAll(RATE)];
  return hits.map((m, k) => {
    const from = m.index! + m[0].length;
    const rest = text.slice(from, hits[k + 1]?.index ?? text.length);
    const stop = rest.search(/\.(?=\s|$)|\n/);
    return {
      found: m[0],
      pct: Number(m[1]!.replace(',', '.')).toFixed(2),
      text: stop >= 0 ? rest.slice(0, stop) : rest,
    };
  });
}

export function factGuard(d: DraftContent, f: DraftFacts): GuardResult {
  const problems: GuardProblem[] = [];
  let checked = 0;
  const problem = (kind: string, found: string, message: string) =>
    problems.push({ guard: 'facts', kind, found, message });

  const allowedAmounts = new Set<string>();
  const allow = (currency: string, amount: number | null | undefined) => {
    if (typeof amount === 'number') allowedAmounts.add(`${currency}:${amount}`);
  };
  for (const i of f.invoices) {
    for (const x of [i.amount, i.interest, i.original, i.paid, i.credited, i.disputed]) allow(i.currency, x);
    allow('EUR', i.indemnity);
  }
  allow('EUR', 4000);
  allow('EUR', f.indemnityTotal);
  for (const e of f.indemnityEquivalents ?? []) {
    allow(e.currency, e.per);
    allow(e.currency, e.total);
  }
  for (const t of f.totals) {
    allow(t.currency, t.owed);
    allow(t.currency, t.interest);
    allow(t.currency, t.owed + t.interest);
    if (t.currency === 'EUR') allow('EUR', t.owed + t.interest + f.indemnityTotal);
  }
  if (f.brokenPromise) allow(f.brokenPromise.currency, f.brokenPromise.amount);
  // The tell of interest counted on a disputed part: what the interest would be with it.
  const disputedTells = new Map<string, string>();
  for (const i of f.invoices) {
    if (i.interestIfDisputedCounted != null)
      disputedTells.set(`${i.currency}:${i.interestIfDisputedCounted}`, i.number);
    if (i.disputed > 0) disputedTells.set(`base:${i.currency}:${i.original}`, i.number);
  }
  const generalDates = new Set<string>(
    [
      f.asOf,
      f.deadline,
      f.callBackOn,
      f.formalNoticeOn,
      f.brokenPromise?.givenOn,
      f.brokenPromise?.date,
      ...(f.previousReminders ?? []).map((r) => r.on),
      ...(f.ratePeriods ?? []).flatMap((p) => [p.from, p.to]),
    ].filter((x): x is string => !!x),
  );
  const allowedDates = new Set([...generalDates, ...f.invoices.flatMap((i) => [i.issueDate, i.dueDate])]);
  const invoiceNumbers = new Set(f.invoices.map((i) => i.number));
  const byNumber = new Map(f.invoices.map((i) => [i.number, i]));
  const references = new Set([
    ...invoiceNumbers,
    ...LAW_ARTICLES,
    f.customer.reference,
    ...[f.company.iban, f.company.bic, f.company.legalId]
      .filter((x): x is string => !!x)
      .map((x) => x.replace(/\s/g, '')),
  ]);
  const rates = f.rates.map((r) => r.toFixed(2));
  const periods = (f.ratePeriods ?? []).map((p) => ({ ...p, pct: p.ratePct.toFixed(2) }));
  const late = new Set(f.invoices.map((i) => i.daysLate));

  for (const text of textsOf(d)) {
    const aboutInterest = INTEREST_WORDS.test(text);
    for (const a of amountsWritten(text)) {
      checked++;
      const key = `${a.currency}:${a.amount}`;
      // Interest computed with the disputed part, or an interest sentence resting on the full amount.
      const tell = disputedTells.get(key) ?? (aboutInterest ? disputedTells.get(`base:${key}`) : undefined);
      if (tell)
        problem(
          'disputed_interest',
          a.found,
          `${a.found} counts interest on the disputed part of invoice ${tell}: interest runs only on what is owed and not disputed`,
        );
      else if (a.amount === null || !allowedAmounts.has(key))
        problem('amount', a.found, `the amount ${a.found} is not one the ledger supports`);
    }
    for (const m of text.matchAll(REFERENCE)) {
      checked++;
      const token = m[0];
      if (references.has(token)) continue;
      // An IBAN or legal id split by spaces is checked whole above; its pieces are fine.
      if ([f.company.iban, f.company.legalId].some((x) => x?.replace(/\s/g, '').includes(token))) continue;
      const disputed = f.disputes.some((x) => x.invoice.split(', ').includes(token));
      problem(
        'invoice',
        token,
        disputed
          ? `invoice ${token} is under dispute: a draft never presses it`
          : `${token} is not an open, undisputed invoice of ${f.customer.reference}`,
      );
    }
    for (const x of datesWritten(text)) {
      checked++;
      if (!allowedDates.has(x.date))
        problem('date', x.found, `the date ${x.found} is neither an invoice date, today nor the deadline`);
    }
    // Each invoice's own dates: a date written after an invoice, in its sentence, must be its own.
    for (const piece of afterEachInvoice(text, invoiceNumbers)) {
      const inv = byNumber.get(piece.invoice)!;
      for (const x of datesWritten(piece.text)) {
        checked++;
        if (
          x.date !== inv.issueDate &&
          x.date !== inv.dueDate &&
          !generalDates.has(x.date) &&
          allowedDates.has(x.date)
        )
          problem(
            'date',
            x.found,
            `${x.found} is not a date of invoice ${inv.number} (issued ${inv.issueDate}, due ${inv.dueDate})`,
          );
      }
    }
    for (const r of afterEachRate(text)) {
      checked++;
      if (!rates.includes(r.pct)) {
        problem(
          'rate',
          r.found,
          `the rate ${r.found} is not the penalty rate applied (${rates.join(', ') || 'none'})`,
        );
        continue;
      }
      // A rate with dates: each date must fall in a period where that rate applied.
      const mine = periods.filter((p) => p.pct === r.pct);
      for (const x of datesWritten(r.text)) {
        if (x.date === f.asOf || x.date === f.deadline) continue;
        checked++;
        if (!mine.some((p) => x.date >= p.from && x.date <= p.to))
          problem(
            'rate_period',
            `${r.found} ${x.found}`,
            `${r.found} did not apply on ${x.date}: ${periods.map((p) => `${p.pct} % from ${p.from} to ${p.to}`).join(', ')}`,
          );
      }
    }
    for (const m of text.matchAll(BUSINESS_DAYS)) {
      checked++;
      if (Number(m[1]) !== f.deadlineBusinessDays)
        problem(
          'deadline',
          m[0],
          `the deadline is ${f.deadlineBusinessDays ?? 'not'} business days, not ${m[1]}`,
        );
    }
    for (const m of text.matchAll(FROM_RECEIPT)) {
      checked++;
      if (Number(m[1]) !== f.deadlineDaysFromReceipt)
        problem(
          'deadline',
          m[0],
          `the time to pay is ${f.deadlineDaysFromReceipt ?? 'not counted'} days from receipt, not ${m[1]}`,
        );
    }
    for (const m of text.matchAll(DAYS_LATE)) {
      checked++;
      if (!late.has(Number(m[1]))) problem('days_late', m[0], `no invoice is ${m[1]} days late`);
    }
  }
  if (f.kind === 'formal_notice') checked += formalNoticeDemand(d, f, problem);

  // The table and the deadline must be the ledger's, exactly.
  checked += d.invoices.length + 1;
  for (const row of d.invoices) {
    const inv = f.invoices.find((i) => i.number === row.number);
    if (!inv) {
      problem(
        'invoice',
        row.number,
        `${row.number} in the table is not an open, undisputed invoice of ${f.customer.reference}`,
      );
      continue;
    }
    for (const k of ['issueDate', 'dueDate', 'amount', 'currency', 'daysLate'] as const)
      if (row[k] !== inv[k])
        problem('table', `${row.number} ${k}: ${row[k]}`, `${row.number}: ${k} is ${inv[k]} in the ledger`);
  }
  if (d.deadline !== f.deadline)
    problem('deadline', String(d.deadline), `the deadline is ${f.deadline ?? 'none'} for this step`);
  return { ok: problems.length === 0, problems, checked };
}

/**
 * A formal notice demands the principal and, between businesses, the penalties "arrêtées au
 * <date>, à parfaire jusqu'au complet paiement" and the indemnities; against a consumer, it
 * starts legal interest (Code civil 1231-6). Returns how many things were checked.
 */
function formalNoticeDemand(
  d: DraftContent,
  f: DraftFacts,
  problem: (kind: string, found: string, message: string) => void,
): number {
  const all = textsOf(d).join('\n');
  const folded = fold(all);
  const amounts = new Set(amountsWritten(all).map((a) => `${a.currency}:${a.amount}`));
  const missing: string[] = [];
  if (!/mise en demeure|formal notice/.test(folded)) missing.push('the words "mise en demeure"');
  for (const t of f.totals)
    if (!amounts.has(`${t.currency}:${t.owed}`)) missing.push(`the principal (${t.currency})`);
  if (f.customer.consumer) {
    if (!/taux legal|legal rate/.test(folded))
      missing.push('legal interest from the notice (art. 1231-6 C. civ.)');
  } else {
    const asOf = datesWritten(all).some((x) => x.date === f.asOf);
    const stated = /arretees au|calculated to|as at/.test(folded) && asOf;
    const accruing = /a parfaire|until payment in full|continu\w* to accrue/.test(folded);
    if (!stated || !accruing)
      missing.push('the penalties "arrêtées au <date>, à parfaire jusqu’au complet paiement"');
    for (const t of f.totals)
      if (t.interest > 0 && !amounts.has(`${t.currency}:${t.interest}`))
        missing.push(`the penalties' amount (${t.currency})`);
    if (f.indemnityTotal > 0 && !amounts.has(`EUR:${f.indemnityTotal}`))
      missing.push('the recovery indemnities');
  }
  if (missing.length)
    problem('formal_notice', missing.join('; '), `a formal notice must demand ${missing.join(', ')}`);
  return 1;
}

/** Words of legal action, by how far up the ladder they may appear. */
const FORMAL_NOTICE_WORDS = /mise en demeure|formal notice|mettons en demeure/;
const LEGAL_ACTION_WORDS =
  /tribunal|injonction de payer|poursuites?|proc[eé]dure (?:judiciaire|de recouvrement judiciaire)|commissaire de justice|huissier|contentieux|court\b|legal action|proceedings|bailiff|judicial officer|lawsuit|sue\b/;
const INSULTS =
  /\b(?:escroc|voleur|voleurs|malhonn[eê]te|mauvaise foi|menteur|incompetent|incompetents|idiot|crook|thief|thieves|liar|dishonest|bad faith|incompetent|stupid|deadbeat)\b/;
const COURTEOUS_CLOSING =
  /cordialement|salutations|sinc[eè]res|respectueuses|merci|regards|faithfully|sincerely|thank you|courteous|courtois|stay courteous/;

/** Which threats each kind may make. */
const MAY: Record<DraftKind, { formalNotice: boolean; legalAction: boolean }> = {
  preventive_reminder: { formalNotice: false, legalAction: false },
  call_script: { formalNotice: false, legalAction: false },
  reminder_letter: { formalNotice: false, legalAction: false },
  second_reminder: { formalNotice: true, legalAction: false },
  formal_notice: { formalNotice: true, legalAction: true },
  handover: { formalNotice: true, legalAction: true },
};

export function toneGuard(d: DraftContent, f: DraftFacts): GuardResult {
  const problems: GuardProblem[] = [];
  const problem = (kind: string, found: string, message: string) =>
    problems.push({ guard: 'tone', kind, found, message });
  // A manager call may announce the formal notice, as a second reminder does.
  const may = f.step === 'manager_call' ? MAY.second_reminder : MAY[f.kind];
  const texts = textsOf(d);
  for (const text of texts) {
    const t = fold(text);
    const notice = t.match(FORMAL_NOTICE_WORDS);
    if (notice && !may.formalNotice)
      problem('threat', notice[0], `a ${f.step.replace(/_/g, ' ')} may not threaten a formal notice`);
    const legal = t.match(LEGAL_ACTION_WORDS);
    if (legal && !may.legalAction)
      problem('threat', legal[0], `a ${f.step.replace(/_/g, ' ')} may not threaten legal action`);
    const insult = t.match(INSULTS);
    if (insult) problem('insult', insult[0], `"${insult[0]}" is not how Relance speaks to a customer`);
    // A partly disputed invoice is still chased for its undisputed part; a wholly disputed one never.
    for (const dispute of f.disputes)
      for (const inv of dispute.invoice.split(', '))
        if (text.includes(inv) && !f.invoices.some((i) => i.number === inv))
          problem('disputed', inv, `invoice ${inv} is under dispute: a draft never presses it`);
  }
  const ending = fold([d.closing, d.script?.closing ?? ''].join(' '));
  if (!COURTEOUS_CLOSING.test(ending)) problem('closing', d.closing, 'the draft does not close courteously');
  return { ok: problems.length === 0, problems, checked: texts.length };
}
