/**
 * Finding the customer and invoices a note is about: invoice numbers matched exactly (case and
 * separators aside), customer names matched word by word with fuse.js, so that a typo
 * ("Durant" for Durand) still finds the customer and two equally good matches are reported.
 */
import Fuse from 'fuse.js';
import { fold, INVOICE_LIKE, NAME_NOISE } from './lexicon';
import type { NoteDirectory } from './note';
import { type Rewritten, rewrite } from './rewrite';

type Invoice = NoteDirectory['invoices'][number];
type Customer = NoteDirectory['customers'][number];

const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Invoices as colleagues shorten them — "fact. 1274", "inv 1160", "F-1028", "la 1277" — written
 * out in full when exactly one open invoice ends with those digits, so that the rest of the
 * parser sees one form. Digits without such a word before them may be an amount: left alone.
 */
export function withFullInvoiceNumbers(note: Rewritten, dir: NoteDirectory, customer?: string): Rewritten {
  const cued = rewrite(
    note,
    /(?<![\p{L}\d-])((?:fact?\.?|factures?|inv\.?|invoices?|fa|f|n°|no\.|#)\s*[-/]?\s*|(?:la|les|et|avec|with|of|and|de)\s+)(\d{4,6})(?![\d,.]*\s*(?:€|£|eur|k\b))(?![\d\p{L}]|[.,]\d)/giu,
    (m) => {
      const owners = endingWith(dir, m[2]!);
      if (owners.length !== 1) return m[0];
      const keep = /^(?:la|les|et|avec|with|of|and|de)\s+$/i.test(m[1]!) ? m[1]! : '';
      return `${keep}${owners[0]!.number}`;
    },
  );
  if (!customer) return cued;
  // Bare digits ("1185 payée 2 fois") only for an invoice of the customer named.
  return rewrite(cued, /(?<![\p{L}\d\-/.,€£$])(\d{4,6})(?![\d\-/]|[.,]\d|\s*(?:€|£|eur|k\b))/giu, (m) => {
    const own = dir.invoices.filter(
      (i) => i.customer === customer && new RegExp(`\\D${m[1]}$`).test(i.number),
    );
    return own.length === 1 ? own[0]!.number : m[0];
  });
}

const suffixIndexes = new WeakMap<NoteDirectory, Map<string, Invoice[]>>();
/** Open invoices whose number ends with these digits after a separator ("1028" → FA-2026-1028). */
function endingWith(dir: NoteDirectory, digits: string): Invoice[] {
  let idx = suffixIndexes.get(dir);
  if (!idx) {
    idx = new Map();
    for (const i of dir.invoices) {
      const tail = /\D(\d+)$/.exec(i.number)?.[1];
      if (tail) idx.set(tail, [...(idx.get(tail) ?? []), i]);
    }
    suffixIndexes.set(dir, idx);
  }
  return idx.get(digits) ?? [];
}

/** The directory's invoice for a number as written (case and separators aside), if any. */
export function invoiceNamed(dir: NoteDirectory, token: string): Invoice | undefined {
  return indexOf(dir).get(squash(token));
}

export function findInvoices(text: string, dir: NoteDirectory): { known: Invoice[]; unknown: string[] } {
  const byKey = indexOf(dir);
  const known: Invoice[] = [];
  const unknown: string[] = [];
  for (const m of text.matchAll(INVOICE_LIKE)) {
    const token = m[0];
    const inv = byKey.get(squash(token));
    if (inv) {
      if (!known.includes(inv)) known.push(inv);
    } else if (/^(?:inv|fa|fac|fact|f|uk)[-\s/]?\d/i.test(token)) {
      unknown.push(token.toUpperCase());
    }
  }
  return { known, unknown };
}

const invoiceIndexes = new WeakMap<NoteDirectory, Map<string, Invoice>>();
function indexOf(dir: NoteDirectory): Map<string, Invoice> {
  let idx = invoiceIndexes.get(dir);
  if (!idx) {
    idx = new Map(dir.invoices.map((i) => [squash(i.number), i]));
    invoiceIndexes.set(dir, idx);
  }
  return idx;
}

export type CustomerMatch =
  | { kind: 'one'; customer: string }
  | { kind: 'several'; candidates: Customer[] }
  | { kind: 'none' }
  | { kind: 'conflict'; invoice: string; owner: string; named: string };

interface NameIndex {
  /** Fuzzy search over the distinct name words (each searched once, however many customers share it). */
  fuse: Fuse<string>;
  owners: Map<string, Customer[]>;
  words: Map<Customer, string[]>;
}
const nameIndexes = new WeakMap<NoteDirectory, NameIndex>();

function namesOf(dir: NoteDirectory): NameIndex {
  let idx = nameIndexes.get(dir);
  if (!idx) {
    const words = new Map<Customer, string[]>();
    const owners = new Map<string, Customer[]>();
    for (const c of dir.customers) {
      const ws = [...new Set(fold(c.name).split(/[^\p{L}\d]+/u))].filter(
        (x) => x.length >= 3 && /\p{L}/u.test(x) && !NAME_NOISE.has(x),
      );
      words.set(c, ws);
      for (const word of ws) owners.set(word, [...(owners.get(word) ?? []), c]);
    }
    idx = { fuse: new Fuse([...owners.keys()], { threshold: 0.2 }), owners, words };
    nameIndexes.set(dir, idx);
  }
  return idx;
}

export function findCustomer(
  text: string,
  dir: NoteDirectory,
  invoices: Invoice[],
  people: Array<{ customers: string[]; by: string }> = [],
): CustomerMatch {
  const found = findCustomerByName(text, dir, invoices);
  // The people named settle between customers of the same name ("Girard : M. Garnier …"), or
  // tell the customer when only a person is named ("spoke to Jack Jones").
  const among = (refs: string[], sureOnly: boolean) => [
    ...new Set(
      people
        .filter((p) => !sureOnly || p.by !== 'first')
        .flatMap((p) => p.customers.filter((c) => refs.includes(c))),
    ),
  ];
  if (found.kind === 'several') {
    const refs = among(
      found.candidates.map((c) => c.reference),
      false,
    );
    if (refs.length === 1) return { kind: 'one', customer: refs[0]! };
  }
  if (found.kind === 'none') {
    const refs = among(
      dir.customers.map((c) => c.reference),
      true,
    );
    if (refs.length === 1) return { kind: 'one', customer: refs[0]! };
    if (refs.length > 1)
      return { kind: 'several', candidates: dir.customers.filter((c) => refs.includes(c.reference)) };
  }
  return found;
}

function findCustomerByName(text: string, dir: NoteDirectory, invoices: Invoice[]): CustomerMatch {
  const tokens = fold(text)
    .split(/[^\p{L}\d]+/u)
    .filter((t) => t.length >= 3);
  const byRef = dir.customers.find((c) => tokens.includes(fold(c.reference)));
  const named = byRef ? [byRef] : bestByName(tokens, dir);
  const ofInvoices = [...new Set(invoices.map((i) => i.customer))];
  if (named.length === 1) {
    const other = invoices.find((i) => i.customer !== named[0]!.reference);
    if (other && ofInvoices.length === 1) {
      const owner = dir.customers.find((c) => c.reference === other.customer);
      return {
        kind: 'conflict',
        invoice: other.number,
        owner: owner?.name ?? other.customer,
        named: named[0]!.name,
      };
    }
    return { kind: 'one', customer: named[0]!.reference };
  }
  if (ofInvoices.length === 1) return { kind: 'one', customer: ofInvoices[0]! };
  if (named.length > 1) return { kind: 'several', candidates: named };
  return { kind: 'none' };
}

/** Weekday and month abbreviations are never a name's ("mar" is Tuesday, not Martin). */
const CALENDAR_ABBREVIATIONS = new Set(
  'lun mar mer jeu ven sam dim mon tue tues wed weds thu thur thurs fri sat sun jan janv fev fevr feb avr apr mai may jui juin juil jul aou aug sep sept oct nov dec'.split(
    ' ',
  ),
);
const abbreviates = (t: string) => t.length >= 3 && /^\p{L}+$/u.test(t) && !CALENDAR_ABBREVIATIONS.has(t);

/** "brass" for Brasserie, "pharma" for Pharmacie; consonants alone for longer words ("txt", "trsp"). */
function isAbbreviation(token: string, word: string): boolean {
  if (word.length > token.length && word.startsWith(token)) return true;
  if (/[aeiouy]/.test(token) || token[0] !== word[0]) return false;
  let i = 0;
  for (const ch of word) if (ch === token[i]) i++;
  return i === token.length;
}

/** Customers whose distinctive name words appear in the note (fuzzily), best first; ties all kept. */
function bestByName(tokens: string[], dir: NoteDirectory): Customer[] {
  const { fuse, owners, words } = namesOf(dir);
  // Per customer, the note's tokens that match one of its words ("gar." counts once, not for Garage and Garnier).
  const hits = new Map<Customer, Set<string>>();
  for (const t of tokens) {
    if (NAME_NOISE.has(t)) continue;
    // An exact word needs no search; short words must match exactly ("rest" is not "Roux").
    const matched = owners.has(t)
      ? [t]
      : [
          ...(t.length >= 5 ? fuse.search(t).map((r) => r.item) : []),
          ...(abbreviates(t) ? [...owners.keys()].filter((word) => isAbbreviation(t, word)) : []),
        ];
    for (const word of matched)
      for (const customer of owners.get(word) ?? []) {
        const set = hits.get(customer) ?? new Set<string>();
        set.add(t);
        hits.set(customer, set);
      }
  }
  if (hits.size === 0) return [];
  // Score: share of the customer's distinctive words found, then how many.
  const scored = [...hits].map(([c, found]) => ({
    c,
    n: found.size,
    share: found.size / (words.get(c)?.length || 1),
  }));
  scored.sort((a, b) => b.n - a.n || b.share - a.share);
  const top = scored[0]!;
  return scored.filter((s) => s.n === top.n && s.share === top.share).map((s) => s.c);
}
