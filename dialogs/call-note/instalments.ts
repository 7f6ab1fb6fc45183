/**
 * Payment promises in every common form: one amount and a date; several ("5k Friday and the
 * rest end of month"); an instalment plan with a date per amount ("10 000 € le 15 décembre,
 * 10 000 € le 15 janvier et le solde le 15 février"); one amount on a list of dates ("3 chq de
 * 1000e : 30/11, 31/12, 29/01"); a recurrence ("four monthly payments of £1,200 from January",
 * "2 000 € par mois de décembre à mars", "5 000 € par semaine pendant quatre semaines à partir
 * de vendredi"); halves ("moitié maintenant, moitié fin janvier"). Amounts left unsaid are the
 * balance ("the rest", "le solde", "will pay Friday").
 */
import { lastBusinessDayOnOrBefore } from '../../models/rules/calendar';
import { addDays, endOfMonth, type LocalDate } from '../../models/rules/dates';
import { amountsIn, currencyIn } from '../spoken-amount';
import type { Clause } from './clauses';
import { findInvoices } from './directory-match';
import { fold, NO_PROMISE, PAY_WORDS, REST_WORDS } from './lexicon';
import type { NoteContext, NotePromise } from './note';
import { monthNamed, monthStart, noteDate } from './note-dates';
import { PAID_ALREADY } from './note-facts';

const w = (alternatives: string[]) =>
  new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'u');

/** Words of a plan or a payment that PAY_WORDS, verbs mostly, does not carry. */
const PLAN_WORDS = w([
  'echeancier',
  'payment plan',
  'plan',
  'instal?lments?',
  'mensualites?',
  'versements?',
  'virements?',
  'vir\\.?',
  'chq',
  'cheques?',
  'payments?',
  'paiements?',
  'pymt',
  'bacs',
  'transfer',
  'clear',
  'tranches?',
  'reglera',
  'regle',
  'regl\\.?',
  'regler',
  'regleront',
  'reglement',
  'integral',
  'ok pour',
  'ok for',
  'promisd',
  'pay(?:ing)?',
]);
/** A promise that depends on something else is not one ("will pay when their customer pays"). */
const CONDITIONAL = w(['when', 'once', 'quand', 'lorsque', 'des que', 'if', 'si', 'maybe', 'peut-etre']);
const NEGATED = w([
  "won'?t",
  'will not',
  'ne (?:la |le |les )?paiera (?:pas|rien)',
  'ne paiera',
  'ne veu(?:t|lent)',
  'refus\\w*',
  'pas avant',
  "qu'apres",
  'not before',
  'until',
  'tant que',
  "can'?t pay",
  'cannot pay',
  'ne peut (?:pas|rien) payer',
]);
const HALF = w(['moitie', 'half', '50 ?%', '1/2']);
const REST = new RegExp(
  `${REST_WORDS.source}|${w(['bal', 'remaining', 'outstanding', 'the lot', 'everything', 'integral(?:e|ite)?', 'in full', 'tout regler', 'tout']).source}`,
  'u',
);

const MONTHLY = w([
  'par mois',
  'a month',
  'monthly',
  'mensuel(?:le)?s?',
  'chaque mois',
  'per month',
  'every month',
  'mensualites?',
]);
const WEEKLY = w(['par semaine', 'a week', 'weekly', 'chaque semaine', 'per week', 'every week']);
const FORTNIGHTLY = w(['tous les (?:15|quinze) jours', 'every (?:two|2) weeks', 'fortnightly']);
const COUNT =
  /(?<![\p{L}\d])(\d{1,2})\s*(?:x(?![\p{L}])|fois|(?:monthly |weekly )?(?:chq|cheques?|versements?|virements?|mensualites?|echeances?|instal?lments?|payments?|paiements?|traites?|tranches?)|months|mois|semaines|weeks)/u;

interface Part {
  text: string;
  clause: Clause;
  amount: number | null;
  rest: boolean;
  half: boolean;
}

export function promisesIn(
  text: string,
  clauses: Clause[],
  ctx: NoteContext,
  s: {
    currency: string;
    balance: Record<string, number>;
    disputeClauses: Set<Clause>;
    disputed: Set<string>;
  },
): NotePromise[] {
  const out: NotePromise[] = [];
  const sentences = [...new Set(clauses.map((c) => c.sentence))];
  for (const n of sentences) {
    const own = clauses.filter((c) => c.sentence === n && !s.disputeClauses.has(c));
    const all = clauses.filter((c) => c.sentence === n);
    const sentence = text.slice(all[0]!.start, all.at(-1)!.end);
    const sf = fold(sentence);
    const paying = PAY_WORDS.test(sf) || PLAN_WORDS.test(sf);
    if (NO_PROMISE.test(sf)) continue;
    const usable = own.filter((c) => {
      const f = fold(c.text);
      return (
        !NO_PROMISE.test(f) &&
        !PAID_ALREADY.test(f) &&
        !(NEGATED.test(f) && !/(?:le |the )?(?:reste|rest|solde)/.test(f))
      );
    });
    if (usable.length === 0) continue;
    const recurring = recurrence(sentence, usable, ctx, s.currency);
    if (recurring) {
      out.push(...recurring);
      continue;
    }
    const parts = usable.flatMap((c) => partsOf(c, s.currency, ctx));
    // "Règlement du solde en deux fois, moitié … et moitié …": a balance named before the
    // amounts that divide it is their total, not a further instalment.
    while (parts.length > 1 && parts[0]!.rest && parts.slice(1).some((p) => p.amount !== null || p.half))
      parts.shift();
    const amountsSaid = parts.some((p) => p.amount !== null || p.half || p.rest);
    const shared = sharedAmount(parts, usable, ctx, s.currency);
    if (shared) {
      out.push(...shared);
      continue;
    }
    for (const p of parts) {
      const pf = fold(p.text);
      const cf = fold(p.clause.text);
      if (CONDITIONAL.test(cf) && !p.amount) continue;
      const date =
        noteDate(p.text, 'promise', ctx) ??
        (p.amount !== null || p.half ? null : noteDate(p.clause.text, 'promise', ctx));
      const says = p.amount !== null || p.rest || p.half;
      const promising = paying || PAY_WORDS.test(pf) || PLAN_WORDS.test(cf) || out.length > 0;
      if (p.amount !== null && !promising && !date) continue;
      if (!says && !(PAY_WORDS.test(pf) || PLAN_WORDS.test(pf))) continue;
      if (!says && (!promising || amountsSaid)) continue;
      out.push({
        amount: p.amount,
        currency: currencyIn(p.text) ?? s.currency,
        rest: p.amount === null && !p.half,
        date: date ?? (p.amount === null && !p.half ? noteDate(sentence, 'promise', ctx) : null),
        invoices: findInvoices(p.text, ctx.directory)
          .known.map((i) => i.number)
          .filter((x) => !s.disputed.has(x)),
      });
      if (p.half) halves.add(out.at(-1)!);
    }
  }
  return resolveHalves(out, s.balance);
}

const halves = new WeakSet<NotePromise>();

/** "Moitié maintenant, moitié fin janvier": halves of the balance, the second what is left. */
function resolveHalves(promises: NotePromise[], balance: Record<string, number>): NotePromise[] {
  const marked = promises.filter((p) => halves.has(p));
  if (marked.length === 0) return promises;
  const owed = balance[marked[0]!.currency] ?? 0;
  const first = Math.round(owed / 2);
  marked.forEach((p, i) => {
    p.amount = i === 0 ? first : owed - first;
    p.rest = false;
  });
  return promises.filter((p) => p.amount === null || p.amount > 0);
}

/** One part per amount, "rest" or "half": clauses split on and/et/puis/then and between amounts. */
function partsOf(c: Clause, currency: string, ctx: NoteContext): Part[] {
  const pieces = c.text.split(/\s+(?:and|et|puis|then|plus|&)\s+/i);
  const out: Part[] = [];
  for (const piece of pieces) {
    for (const sub of splitOnAmounts(piece, currency)) {
      const f = fold(sub);
      const amounts = amountsIn(sub, currency);
      const half = HALF.test(f);
      const rest = !half && amounts.length === 0 && REST.test(f);
      // "la FA-1096 lundi et la FA-1099 le 15": an invoice with its own date is its own promise.
      const ownInvoice =
        findInvoices(sub, ctx.directory).known.length > 0 && noteDate(sub, 'promise', ctx) !== null;
      const carries = amounts.length > 0 || rest || half || ownInvoice;
      if (!carries && out.length > 0) {
        out[out.length - 1]!.text += ` ${sub}`;
        continue;
      }
      out.push({
        text: sub,
        clause: c,
        amount: half ? null : (amounts[0] ?? null),
        rest: rest || ownInvoice,
        half,
      });
    }
  }
  return out;
}

/** "2000 euros maintenant 2000 euros fin décembre": one piece per amount. */
function splitOnAmounts(piece: string, currency: string): string[] {
  if (amountsIn(piece, currency).length < 2) return [piece];
  const marks = [...piece.matchAll(/(?:[€£$]\s?)?\d[\d\s.,]*(?:k\b)?\s?(?:€|£|eur\w*|gbp|pounds?)?/giu)]
    .filter((m) => amountsIn(m[0], currency).length > 0)
    .map((m) => m.index!);
  if (marks.length < 2) return [piece];
  return marks.map((at, i) => piece.slice(i === 0 ? 0 : at, marks[i + 1] ?? piece.length).trim());
}

/** One amount and several dates: "3 chq de 1000e : 30/11, 31/12, 29/01", "trois mensualités de 1 000 €, le 15 …". */
function sharedAmount(
  parts: Part[],
  clauses: Clause[],
  ctx: NoteContext,
  currency: string,
): NotePromise[] | null {
  const withAmount = parts.filter((p) => p.amount !== null);
  if (withAmount.length !== 1 || parts.some((p) => p.rest || p.half)) return null;
  const f = fold(clauses.map((c) => c.text).join(' , '));
  if (!COUNT.test(f)) return null;
  const dates: LocalDate[] = [];
  for (const c of clauses)
    for (const piece of c.text.split(/\s+(?:and|et)\s+/i)) {
      const d = noteDate(piece, 'promise', ctx);
      if (d && !dates.includes(d)) dates.push(d);
    }
  const amount = withAmount[0]!.amount!;
  const listed = monthList(f, ctx);
  const days = listed.length >= 2 ? listed : dates;
  if (days.length < 2) return null;
  return days.map((date) => ({
    amount,
    currency: currencyIn(f) ?? currency,
    rest: false,
    date,
    invoices: [],
  }));
}

/** "on the 1st of December, January and February": one day of several months. */
function monthList(f: string, ctx: NoteContext): LocalDate[] {
  const m = [
    ...f.matchAll(
      /\b(\d{1,2})(?:st|nd|rd|th|er)?\s+(?:of\s+)?((?:\p{L}+(?:,\s*|\s+and\s+|\s+et\s+|\s+)){1,5}\p{L}+)/gu,
    ),
  ]
    .map((x) => ({ x, months: x[2]!.split(/,\s*|\s+and\s+|\s+et\s+|\s+/).map(monthNamed) }))
    .find((c) => c.months.length >= 2 && c.months.every((k) => k !== null));
  if (!m) return [];
  const { months } = m;
  const today = ctx.now.toISOString().slice(0, 10);
  let prev = '';
  return months.map((month) => {
    let d = `${monthStart(month!, today).slice(0, 8)}${m.x[1]!.padStart(2, '0')}`;
    if (d <= prev) d = `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
    prev = d;
    return d;
  });
}

/** A recurrence: an amount every month, week or fortnight, a number of times or until a month. */
function recurrence(
  sentence: string,
  clauses: Clause[],
  ctx: NoteContext,
  currency: string,
): NotePromise[] | null {
  const f = fold(sentence);
  const every = MONTHLY.test(f)
    ? 'month'
    : WEEKLY.test(f)
      ? 'week'
      : FORTNIGHTLY.test(f)
        ? 'fortnight'
        : null;
  if (!every) return null;
  const amounts = amountsIn(sentence, currency);
  if (amounts.length !== 1) return null;
  const amount = amounts[0]!;
  const today = ctx.now.toISOString().slice(0, 10);
  const counted = COUNT.exec(f.replace(/\d[\d\s.,]*(?:k\b)?\s?(?:€|£|eur\w*|gbp|pounds?)/g, ' '));
  const span = /\b(?:de|from)\s+(\p{L}+)\s+(?:a|to|until|jusqu'en)\s+(\p{L}+)/u.exec(f);
  const spanMonths = span ? [monthNamed(span[1]!), monthNamed(span[2]!)] : null;
  let count = counted ? Number(counted[1]) : null;
  if (spanMonths?.[0] && spanMonths[1]) count = ((spanMonths[1] - spanMonths[0] + 12) % 12) + 1;
  // "le 1er de chaque mois à partir de décembre": that day of each month.
  const dayOfEach =
    /\b(?:le|the)\s+(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de chaque mois|of (?:each|every) month)/.exec(f);
  const startMonth = spanMonths?.[0] ?? (dayOfEach ? monthNamed(f) : null);
  const first = dayOfEach
    ? startMonth
      ? `${monthStart(startMonth, today).slice(0, 8)}${dayOfEach[1]!.padStart(2, '0')}`
      : null
    : spanMonths?.[0]
      ? lastBusinessDayOnOrBefore(endOfMonth(monthStart(spanMonths[0], today)), ctx.country)
      : noteDate(
          sentence
            .replace(/(?:[€£$]\s?)?\d[\d\s.,]*(?:k\b)?\s?(?:€|£|eur\w*|gbp|pounds?)?/gi, ' ')
            .replace(
              new RegExp(
                `${MONTHLY.source}|${WEEKLY.source}|${FORTNIGHTLY.source}|\\b(?:for|pendant|during)\\s+\\S+\\s+\\S+`,
                'giu',
              ),
              ' ',
            ),
          'promise',
          ctx,
        );
  if (!first) return null;
  const n = count && count >= 1 && count <= 24 ? count : 1;
  const byMonthEnd =
    every === 'month' &&
    !/\b(?:le|the|on the)\s+\d{1,2}(?:er|st|nd|rd|th)?\b/.test(f) &&
    first === lastBusinessDayOnOrBefore(endOfMonth(first), ctx.country);
  const dates: LocalDate[] = [];
  for (let i = 0; i < n; i++) {
    if (every === 'week') dates.push(addDays(first, 7 * i));
    else if (every === 'fortnight') dates.push(addDays(first, (/15|quinze/.test(f) ? 15 : 14) * i));
    else dates.push(byMonthEnd ? monthEndAfter(first, i, ctx.country) : sameDayAfter(first, i));
  }
  void clauses;
  return dates.map((date) => ({
    amount,
    currency: currencyIn(sentence) ?? currency,
    rest: false,
    date,
    invoices: [],
  }));
}

function monthEndAfter(first: LocalDate, months: number, country: string): LocalDate {
  const [y, m] = first.split('-').map(Number) as [number, number];
  const k = m - 1 + months;
  const start = `${y + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
  return lastBusinessDayOnOrBefore(endOfMonth(start), country);
}

function sameDayAfter(first: LocalDate, months: number): LocalDate {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const k = m - 1 + months;
  const date = new Date(Date.UTC(y + Math.floor(k / 12), k % 12, d));
  return date.toISOString().slice(0, 10);
}
