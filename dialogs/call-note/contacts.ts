/**
 * The customer's own people in a note: "spoke to Julien Garnier", "M. Garnier", "Julien", "le
 * DAF", "the bookkeeper". Names come from the directory (the ledger's contacts); a role or a
 * first name alone counts only for a customer already known. A name the ledger does not list
 * ("spoke to Kevin in accounts") is kept as written. Mentions are also returned as spans, so
 * that a contact's surname is not read as a customer's name ("Garnier" is both).
 */
import { fold, HONORIFIC } from './lexicon';
import type { NoteDirectory } from './note';

type Customer = NoteDirectory['customers'][number];

export interface ContactMention {
  /** The directory's name of the person, or the name as written. */
  name: string;
  /** The customers who have this person (several when two share a name). */
  customers: string[];
  /** Where the mention is in the folded text. */
  start: number;
  end: number;
  /** How it was recognised: a full name is certain, a surname after an honorific nearly so. */
  by: 'full' | 'honorific' | 'first' | 'role' | 'written';
}

/** Roles as people say them, matched against the role the ledger records. */
const ROLES: Array<[RegExp, RegExp]> = [
  [
    /(?<![\p{L}])(?:daf|directeur financier|directrice financiere|finance director|financial director|fd|cfo)(?![\p{L}])/u,
    /financ/,
  ],
  [
    /(?<![\p{L}])(?:gerante?|the md|managing director|le patron|la patronne|dirigeante?)(?![\p{L}])/u,
    /gerant|managing/,
  ],
  [/(?<![\p{L}])(?:bookkeeper|book-keeper|bk)(?![\p{L}])/u, /bookkeeper/],
  [/(?<![\p{L}])(?:accounts payable|the ap)(?![\p{L}])/u, /accounts payable/],
  [/(?<![\p{L}])(?:(?:la |le )?comptable|la compta|compta fournisseurs)(?![\p{L}])/u, /compta/],
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HON = '(?:m\\.?|mr\\.?|mrs\\.?|ms\\.?|mme\\.?|mlle\\.?|monsieur|madame|mister)';

interface Person {
  name: string;
  first: string;
  last: string;
  customers: Customer[];
  roles: string[];
  forms?: Array<[RegExp, ContactMention['by']]>;
  firstName?: RegExp;
}
interface PersonIndex {
  people: Person[];
}
const indexes = new WeakMap<NoteDirectory, PersonIndex>();

function peopleOf(dir: NoteDirectory): PersonIndex {
  let idx = indexes.get(dir);
  if (!idx) {
    const byName = new Map<string, PersonIndex['people'][number]>();
    for (const c of dir.customers)
      for (const k of c.contacts ?? []) {
        const parts = fold(k.name).split(/\s+/);
        const key = fold(k.name);
        const person = byName.get(key) ?? {
          name: k.name,
          first: parts[0]!,
          last: parts.slice(1).join(' ') || parts[0]!,
          customers: [],
          roles: [],
        };
        person.customers.push(c);
        person.roles.push(fold(k.role ?? ''));
        byName.set(key, person);
      }
    idx = { people: [...byName.values()] };
    indexes.set(dir, idx);
  }
  return idx;
}

/** Every mention of a directory contact in the note, full names first. */
export function contactMentions(text: string, dir: NoteDirectory): ContactMention[] {
  const f = fold(text);
  const out: ContactMention[] = [];
  // Two people may share a surname ("Mme Laurent"): each keeps the mention, the customer decides.
  const taken = (m: ContactMention) =>
    out.some(
      (o) => m.start < o.end && m.end > o.start && (o.name === m.name || o.by === 'full' || m.by === 'first'),
    );
  const add = (m: ContactMention) => {
    if (!taken(m)) out.push(m);
  };
  const { people } = peopleOf(dir);
  for (const p of people) {
    const refs = p.customers.map((c) => c.reference);
    const initial = esc(p.first[0]!);
    // "Julien Garnier", "J. Garnier", "M. Garnier", "Mr Hughes" (compiled once per directory).
    p.forms ??= [
      [new RegExp(`(?<![\\p{L}])(?:${HON}\\s+)?${esc(p.first)}\\s+${esc(p.last)}(?![\\p{L}])`, 'gu'), 'full'],
      [new RegExp(`(?<![\\p{L}])${initial}\\.?\\s+${esc(p.last)}(?![\\p{L}])`, 'gu'), 'full'],
      [new RegExp(`(?<![\\p{L}])${HON}\\s+${esc(p.last)}(?![\\p{L}])`, 'gu'), 'honorific'],
    ];
    if (!f.includes(p.last)) continue;
    for (const [re, by] of p.forms)
      for (const m of f.matchAll(re))
        add({ name: p.name, customers: refs, start: m.index!, end: m.index! + m[0].length, by });
  }
  // First names alone ("spoke to Julien"): only as capitalised words or after a verb of speaking.
  for (const p of people) {
    if (!f.includes(p.first)) continue;
    p.firstName ??= new RegExp(`(?<![\\p{L}])${esc(p.first)}(?![\\p{L}])`, 'gu');
    for (const m of f.matchAll(p.firstName)) {
      const written = text.slice(m.index!, m.index! + m[0].length);
      if (
        written[0] !== written[0]!.toUpperCase() &&
        !/(?:to|with|a|avec|eu|joint)\s+$/.test(f.slice(0, m.index!))
      )
        continue;
      add({
        name: p.name,
        customers: p.customers.map((c) => c.reference),
        start: m.index!,
        end: m.index! + m[0].length,
        by: 'first',
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** People the ledger does not list, named after a verb of speaking ("spoke to Kevin Marsh"). */
const WRITTEN =
  /(?<![\p{L}])(?i:spoke (?:to|with)|talked (?:to|with)|speaking (?:to|with)|got hold of|got through to|got|reached|parl[ée] (?:à|a|avec)|eu|joint|échangé avec|echange avec|au t[ée]l(?:[ée]phone)? avec)\s+((?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Monsieur|Madame)?\s*\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)/u;

/**
 * The contact the note is about, for a known customer (or null): a mention of one of its
 * people, else its person of the role named, else a name written after "spoke to".
 */
export function contactFor(
  text: string,
  customer: string | null,
  mentions: ContactMention[],
  dir: NoteDirectory,
): string | null {
  const own = mentions.find((m) => customer !== null && m.customers.includes(customer));
  if (own) return own.name;
  const sure = mentions.filter((m) => m.by !== 'first');
  if (customer === null && sure.length > 0 && new Set(sure.map((m) => m.name)).size === 1)
    return sure[0]!.name;
  const c = customer ? dir.customers.find((x) => x.reference === customer) : undefined;
  if (c?.contacts?.length) {
    const f = fold(text);
    const nameWords = new Set(fold(c.name).split(/[^\p{L}]+/u));
    // The customer's own people however they are written: "george", "Garnier dit", "Isabelle C.", "hh".
    for (const k of c.contacts) {
      const [first, ...rest] = fold(k.name).split(/\s+/);
      const last = rest.join(' ');
      const forms = [
        esc(first!),
        `${esc(first!)}\\s+${esc(last[0] ?? '')}\\.?`,
        `${esc(first![0]!)}${esc(last[0] ?? '')}`,
        ...(last && !nameWords.has(last) ? [esc(last)] : []),
      ];
      if (new RegExp(`(?<![\\p{L}])(?:${forms.join('|')})(?![\\p{L}])`, 'u').test(f)) return k.name;
    }
    for (const [said, recorded] of ROLES)
      if (said.test(f)) {
        const k = c.contacts.find((x) => recorded.test(fold(x.role ?? '')));
        if (k) return k.name;
      }
  }
  const w = WRITTEN.exec(text);
  if (!w) return null;
  const name = w[1]!.replace(HONORIFIC, '').trim();
  if (/^(the|la|le|les|reception|accounts)$/i.test(name)) return null;
  // A person named who is another customer's contact is not this customer's.
  if (mentions.some((m) => m.by !== 'first' && fold(name) === fold(m.name))) return null;
  return name;
}
