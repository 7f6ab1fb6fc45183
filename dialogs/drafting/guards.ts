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
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** Dates written in words or numbers (day first), as YYYY-MM-DD. */
export function datesWritten(text: string): Array<{ found: string; date: string }> {
  const f = fold(text);
  const iso = (y: string | number, m: string | number, d: string | number) =>
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const out: Array<{ found: string; date: string }> = [];
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
const DAYS_LATE = /(\d+)\s*(?:jours? de retard|days? late|days? overdue)/gi;
const REFERENCE = /\b[A-Z]{1,6}[-/]?\d{2,}(?:[-/]\d+)*\b/g;
/** Article numbers of the law the letters cite, which look like references. */
const LAW_ARTICLES = new Set(['L441-10', 'D441-5', 'L110-4', 'L218-2', 'L441-6']);

export function factGuard(d: DraftContent, f: DraftFacts): GuardResult {
  const problems: GuardProblem[] = [];
  let checked = 0;
  const problem = (kind: string, found: string, message: string) =>
    problems.push({ guard: 'facts', kind, found, message });

  const allowedAmounts = new Set<string>();
  const allow = (currency: string, amount: number) => allowedAmounts.add(`${currency}:${amount}`);
  for (const i of f.invoices) {
    allow(i.currency, i.amount);
    allow(i.currency, i.interest);
    allow('EUR', i.indemnity);
  }
  allow('EUR', 4000);
  allow('EUR', f.indemnityTotal);
  for (const t of f.totals) {
    allow(t.currency, t.owed);
    allow(t.currency, t.interest);
    allow(t.currency, t.owed + t.interest);
    if (t.currency === 'EUR') allow('EUR', t.owed + t.interest + f.indemnityTotal);
  }
  const allowedDates = new Set([f.asOf, ...f.invoices.flatMap((i) => [i.issueDate, i.dueDate])]);
  if (f.deadline) allowedDates.add(f.deadline);
  const invoiceNumbers = new Set(f.invoices.map((i) => i.number));
  const references = new Set([
    ...invoiceNumbers,
    ...LAW_ARTICLES,
    f.customer.reference,
    ...[f.company.iban, f.company.legalId].filter((x): x is string => !!x).map((x) => x.replace(/\s/g, '')),
  ]);
  const rates = f.rates.map((r) => r.toFixed(2));
  const late = new Set(f.invoices.map((i) => i.daysLate));

  for (const text of textsOf(d)) {
    for (const a of amountsWritten(text)) {
      checked++;
      if (a.amount === null || !allowedAmounts.has(`${a.currency}:${a.amount}`))
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
    for (const m of text.matchAll(RATE)) {
      checked++;
      const pct = Number(m[1]!.replace(',', '.')).toFixed(2);
      if (!rates.includes(pct))
        problem(
          'rate',
          m[0],
          `the rate ${m[0]} is not the penalty rate applied (${rates.join(', ') || 'none'})`,
        );
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
    for (const m of text.matchAll(DAYS_LATE)) {
      checked++;
      if (!late.has(Number(m[1]))) problem('days_late', m[0], `no invoice is ${m[1]} days late`);
    }
  }

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
    for (const dispute of f.disputes)
      for (const inv of dispute.invoice.split(', '))
        if (text.includes(inv))
          problem('disputed', inv, `invoice ${inv} is under dispute: a draft never presses it`);
  }
  const ending = fold([d.closing, d.script?.closing ?? ''].join(' '));
  if (!COURTEOUS_CLOSING.test(ending)) problem('closing', d.closing, 'the draft does not close courteously');
  return { ok: problems.length === 0, problems, checked: texts.length };
}
