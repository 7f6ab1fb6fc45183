/**
 * The demo portfolio: a few dozen French and English customers with contacts, a few hundred
 * invoices over every aging bucket in two currencies, payments, disputes, promises kept,
 * broken and pending, and the calls and letters already made — two credit controllers and a
 * manager. Deterministic for a seed and dated relative to `today`, so it always looks alive.
 * Pure: it returns rows; integrations/demo/load.ts stores them.
 */
import { addBusinessDays, lastBusinessDayOnOrBefore, onOrNextBusinessDay } from '../../models/rules/calendar';
import { addDays, compareDates, daysBetween, type LocalDate } from '../../models/rules/dates';
import type { StepKey } from '../../models/rules/policy';
import { Random } from './random';

export interface DemoPortfolio {
  staff: Array<Record<string, string>>;
  customers: Array<Record<string, string>>;
  invoices: Array<Record<string, string>>;
  payments: Array<Record<string, string>>;
  disputes: Array<{
    customer: string;
    invoice: string;
    reason: string;
    detail: string;
    reviewOn: LocalDate;
    recordedBy: string;
    openedOn: LocalDate;
  }>;
  promises: Array<{
    customer: string;
    invoices: string[];
    instalments: Array<{ date: LocalDate; amount: number; currency: string }>;
    givenOn: LocalDate;
    recordedBy: string;
  }>;
  activities: Array<{
    customer: string;
    invoices: string[];
    kind: string;
    channel: string;
    author: string;
    on: LocalDate;
    outcome: string;
    summary: string;
    step?: StepKey;
  }>;
}

export const DEMO_STAFF = [
  {
    handle: 'marie',
    name: 'Marie Lambert',
    email: 'marie.lambert@relance.demo',
    role: 'credit_controller',
    time_zone: 'Europe/Paris',
    slack_user_id: 'U0DEMOMARIE',
    teams_user_id: '00000000-0000-4000-8000-00000000000a',
  },
  {
    handle: 'tom',
    name: 'Tom Fletcher',
    email: 'tom.fletcher@relance.demo',
    role: 'credit_controller',
    time_zone: 'Europe/London',
    slack_user_id: 'U0DEMOTOM',
    teams_user_id: '00000000-0000-4000-8000-00000000000b',
  },
  {
    handle: 'claire',
    name: 'Claire Moreau',
    email: 'claire.moreau@relance.demo',
    role: 'manager',
    time_zone: 'Europe/Paris',
    slack_user_id: 'U0DEMOCLAIRE',
    teams_user_id: '00000000-0000-4000-8000-00000000000c',
  },
];

const FR_TRADES = [
  'Transports',
  'Boulangerie',
  'Menuiserie',
  'Imprimerie',
  'Garage',
  'Laboratoires',
  'Éditions',
  'Brasserie',
  'Fonderie',
  'Textiles',
  'Pharmacie',
  'Bâtiment',
];
const FR_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  'Moreau',
  'Laurent',
  'Girard',
  'Roux',
  'Fournier',
  'Mercier',
  'Blanc',
  'Faure',
  'Chevalier',
  'Garnier',
];
const FR_FORMS = ['SARL', 'SAS', 'SA'];
const FR_FIRST = [
  'Jeanne',
  'Luc',
  'Sophie',
  'Nicolas',
  'Camille',
  'Julien',
  'Isabelle',
  'Thomas',
  'Claire',
  'Antoine',
];
const EN_STEMS = [
  'Harbour',
  'Northfield',
  'Kestrel',
  'Ashford',
  'Bramble',
  'Oakridge',
  'Silverline',
  'Redwood',
  'Fenwick',
  'Marlow',
];
const EN_TRADES = ['Foods', 'Logistics', 'Engineering', 'Textiles', 'Print', 'Supplies'];
const EN_FIRST = ['Emma', 'James', 'Olivia', 'Harry', 'Sophie', 'George', 'Amelia', 'Jack'];
const EN_LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Walker', 'Hughes'];
const ROLES_FR = ['Comptable', 'Responsable comptabilité fournisseurs', 'Directeur financier', 'Gérant'];
const ROLES_EN = ['Accounts payable', 'Finance director', 'Bookkeeper', 'Managing director'];

const DISPUTE_DETAILS: Array<[string, string, string]> = [
  ['quality', 'palettes arrivées endommagées', 'pallets arrived damaged'],
  ['quantity', 'il manque 3 cartons sur la livraison', '3 boxes missing from the delivery'],
  ['price', 'le tarif appliqué ne correspond pas au devis', 'price does not match the quote'],
  ['not_received', 'marchandise jamais reçue', 'goods never received'],
  ['billing_error', 'facture adressée à la mauvaise entité', 'invoice addressed to the wrong entity'],
  [
    'already_paid',
    'payé par virement le mois dernier selon le client',
    'customer says it was paid by transfer last month',
  ],
];

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** "1234.56" from minor units: the import reads it in either convention. */
function major(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** The demo's reminder cap, as the default policy: 3 letters or emails per customer in 30 days. */
export const DEMO_REMINDER_CAP = { max: 3, withinDays: 30 };

/** True when one more reminder on `on` keeps every `withinDays` window at `max` or fewer. */
export function withinReminderCap(on: LocalDate, sent: LocalDate[], cap = DEMO_REMINDER_CAP): boolean {
  for (
    let start = addDays(on, -(cap.withinDays - 1));
    compareDates(start, on) <= 0;
    start = addDays(start, 1)
  ) {
    const end = addDays(start, cap.withinDays - 1);
    const inWindow = sent.filter((d) => compareDates(d, start) >= 0 && compareDates(d, end) <= 0).length;
    if (inWindow + 1 > cap.max) return false;
  }
  return true;
}

/**
 * Realism rules, so the demo looks like a real team's file: calls and letters only on working
 * days (no weekend, no public holiday of `country`), never after today; at most three
 * reminders per customer in 30 days; a dispute reviewed after it was opened; a few customers
 * over their credit limit. The random stream is the same as before the rules, so the
 * portfolio keeps its shape.
 */
export function demoPortfolio(today: LocalDate, seed = 42, country = 'FR'): DemoPortfolio {
  /** The working day a person would have done it: that day, or the next working one. */
  const workday = (d: LocalDate) => onOrNextBusinessDay(d, country);
  const done = (d: LocalDate) => compareDates(workday(d), today) <= 0;
  const rnd = new Random(seed);
  const out: DemoPortfolio = {
    staff: DEMO_STAFF,
    customers: [],
    invoices: [],
    payments: [],
    disputes: [],
    promises: [],
    activities: [],
  };
  const usedNames = new Set<string>();
  let invoiceSeq = 1000;
  let paymentSeq = 500;

  for (let c = 0; c < 36; c++) {
    const english = c % 3 === 2;
    let name: string;
    do {
      name = english
        ? `${rnd.pick(EN_STEMS)} ${rnd.pick(EN_TRADES)} ${rnd.pick(['Ltd', 'plc'])}`
        : `${rnd.pick(FR_TRADES)} ${rnd.pick(FR_NAMES)} ${rnd.pick(FR_FORMS)}`;
    } while (usedNames.has(name));
    usedNames.add(name);
    const reference = `${english ? 'UK' : 'FR'}${String(c + 1).padStart(3, '0')}`;
    const currency = english ? 'GBP' : 'EUR';
    const owner = english ? 'tom' : c % 5 === 4 ? 'tom' : 'marie';
    const first = english ? rnd.pick(EN_FIRST) : rnd.pick(FR_FIRST);
    const last = english ? rnd.pick(EN_LAST) : rnd.pick(FR_NAMES);
    const domain = `${slug(name.split(' ').slice(0, 2).join(''))}.example`;
    const phone = english
      ? `+44 20 ${rnd.int(7000, 7999)} ${rnd.int(1000, 9999)}`
      : `+33 ${rnd.pick(['1', '4', '6'])} ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}`;
    out.customers.push({
      reference,
      name,
      language: english ? 'en' : 'fr',
      time_zone: english ? 'Europe/London' : 'Europe/Paris',
      owner,
      credit_limit: major(rnd.pick([1_000_000, 2_500_000, 5_000_000, 10_000_000])),
      currency,
      payment_terms_days: String(rnd.pick([30, 30, 45, 60])),
      strategic: c % 7 === 0 ? 'yes' : 'no',
      contact_name: `${first} ${last}`,
      contact_role: english ? rnd.pick(ROLES_EN) : rnd.pick(ROLES_FR),
      contact_email: `${slug(first)}.${slug(last)}@${domain}`,
      contact_phone: phone,
      // Derived from the index, not the random stream, so the rest of the demo stays as it was.
      ...demoAddress(c, english),
      legal_id: demoSiren(c),
    });

    // A customer's history: invoices issued over the last ~200 days.
    const terms = Number(out.customers.at(-1)!.payment_terms_days);
    const lateness = rnd.pick([0, 5, 15, 40, 90]); // how this customer tends to pay
    const count = rnd.int(6, 14);
    const customerInvoices: Array<{ number: string; amount: number; due: LocalDate; open: boolean }> = [];
    for (let k = 0; k < count; k++) {
      const issued = addDays(today, -rnd.int(3, 200));
      const due = addDays(issued, terms);
      const amount = rnd.chance(0.12) ? rnd.int(1_000_000, 4_000_000) : rnd.int(30_000, 900_000);
      const number = `${english ? 'UK' : 'FA'}-2026-${invoiceSeq++}`;
      out.invoices.push({
        number,
        customer_reference: reference,
        issue_date: issued,
        due_date: due,
        currency,
        amount: major(amount),
        amount_paid: '0',
      });
      // Paid if its usual payment day has passed, with some left open to chase.
      const paidOn = addDays(due, lateness + rnd.int(-5, 10));
      const open = paidOn >= today || rnd.chance(0.25);
      customerInvoices.push({ number, amount, due, open });
      if (!open) {
        const partial = rnd.chance(0.1);
        out.payments.push({
          reference: `VIR-${paymentSeq++}`,
          customer_reference: reference,
          date: paidOn,
          currency,
          amount: major(partial ? Math.round(amount / 2) : amount),
          invoice_numbers: number,
        });
      }
    }

    const overdue = customerInvoices
      .filter((i) => i.open && i.due < today)
      .sort((a, b) => (a.due < b.due ? -1 : 1));
    const author = owner;
    const reminders: LocalDate[] = [];
    // A letter, when the cap allows it (escalate rather than repeat: the next step waits).
    const letter = (on: LocalDate) => {
      const day = workday(on);
      if (compareDates(day, today) > 0 || !withinReminderCap(day, reminders)) return null;
      reminders.push(day);
      return day;
    };
    // Steps already taken on overdue invoices, as a controller would have.
    for (const inv of overdue) {
      const late = daysBetween(inv.due, today);
      if (late >= 3 && done(addDays(inv.due, 3)))
        out.activities.push(
          activity(
            reference,
            inv.number,
            'call',
            'phone',
            author,
            workday(addDays(inv.due, 3)),
            'no_answer',
            'Appel, pas de réponse / call, no answer',
            'first_call',
          ),
        );
      const first = late >= 10 ? letter(addDays(inv.due, 10)) : null;
      if (first)
        out.activities.push(
          activity(
            reference,
            inv.number,
            'letter',
            'letter',
            author,
            first,
            'sent',
            'Lettre de relance envoyée / reminder letter sent',
            'reminder_letter',
          ),
        );
      const second = late >= 25 && rnd.chance(0.5) && first ? letter(addDays(inv.due, 20)) : null;
      if (second)
        out.activities.push(
          activity(
            reference,
            inv.number,
            'letter',
            'registered_letter',
            author,
            second,
            'sent',
            'Deuxième relance recommandée / second reminder, registered',
            'second_reminder',
          ),
        );
    }

    // Disputes, promises: a few customers each.
    if (c % 6 === 1 && overdue[0]) {
      const [reason, fr, en] = rnd.pick(DISPUTE_DETAILS);
      const review = addDays(today, rnd.int(-2, 10));
      // Noted during a call: a working day, not after today, and reviewed strictly later.
      const openedOn = lastBusinessDayOnOrBefore(addDays(today, -rnd.int(3, 20)), country);
      const reviewOn =
        compareDates(review, openedOn) > 0 ? workday(review) : addBusinessDays(openedOn, 5, country);
      out.disputes.push({
        customer: reference,
        invoice: overdue[0].number,
        reason,
        detail: english ? en : fr,
        reviewOn,
        recordedBy: author,
        openedOn,
      });
    }
    const promiseTarget = overdue.at(-1);
    if (c % 4 === 0 && promiseTarget) {
      const kind = (c / 4) % 3; // 0 kept, 1 broken, 2 pending
      // Given during a call: a working day.
      const givenOn = lastBusinessDayOnOrBefore(addDays(today, kind === 2 ? -2 : -12), country);
      // Promised for a working day (a transfer is not made on a Sunday).
      const date =
        kind === 2
          ? workday(addDays(today, rnd.int(1, 6)))
          : lastBusinessDayOnOrBefore(addDays(today, -rnd.int(4, 8)), country);
      out.promises.push({
        customer: reference,
        invoices: [promiseTarget.number],
        instalments: [{ date, amount: promiseTarget.amount, currency }],
        givenOn,
        recordedBy: author,
      });
      out.activities.push(
        activity(
          reference,
          promiseTarget.number,
          'promise',
          'phone',
          author,
          givenOn,
          'promised',
          `Promesse de paiement pour le ${date} / promised to pay by ${date}`,
        ),
      );
      if (kind === 0) {
        out.payments.push({
          reference: `VIR-${paymentSeq++}`,
          customer_reference: reference,
          date: lastBusinessDayOnOrBefore(addDays(date, -1), country),
          currency,
          amount: major(promiseTarget.amount),
          invoice_numbers: promiseTarget.number,
        });
      }
    }
    // Credit limits a credit manager would set: a margin above what the customer usually owes
    // — and a few customers over theirs (sales kept delivering), flagged on the card and in
    // the digest.
    const paid = new Map<string, number>();
    for (const p of out.payments)
      if (p.customer_reference === reference)
        paid.set(
          p.invoice_numbers!,
          (paid.get(p.invoice_numbers!) ?? 0) + Math.round(Number(p.amount) * 100),
        );
    const owed = customerInvoices.reduce((n, i) => n + Math.max(0, i.amount - (paid.get(i.number) ?? 0)), 0);
    const row = out.customers.at(-1)!;
    const picked = Math.round(Number(row.credit_limit) * 100);
    const STEP = 500_000; // limits in round thousands: multiples of 5,000
    row.credit_limit = major(
      c % 8 === 3 && owed > 2 * STEP
        ? Math.floor((owed * 0.8) / STEP) * STEP
        : Math.max(picked, Math.ceil((owed * 1.25) / STEP) * STEP),
    );
  }
  return out;
}

function activity(
  customer: string,
  invoice: string,
  kind: string,
  channel: string,
  author: string,
  on: LocalDate,
  outcome: string,
  summary: string,
  step?: StepKey,
) {
  return { customer, invoices: [invoice], kind, channel, author, on, outcome, summary, step };
}

const FR_STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'boulevard Pasteur',
  'rue du Commerce',
  'allée des Tilleuls',
];
const FR_CITIES: Array<[string, string]> = [
  ['69002', 'Lyon'],
  ['13001', 'Marseille'],
  ['31000', 'Toulouse'],
  ['44000', 'Nantes'],
  ['59000', 'Lille'],
  ['67000', 'Strasbourg'],
  ['33000', 'Bordeaux'],
];
const UK_STREETS = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane'];
const UK_CITIES: Array<[string, string]> = [
  ['M1 1AE', 'Manchester'],
  ['LS1 4DY', 'Leeds'],
  ['B2 4QA', 'Birmingham'],
  ['BS1 5TR', 'Bristol'],
];

/**
 * A valid-looking SIREN for the c-th customer: 8 digits from the index and a Luhn check digit
 * (as INSEE computes it), so the case file and letters print one. Not a real company's.
 */
export function demoSiren(c: number): string {
  const body = String(41_230_000 + c * 7_919).padStart(8, '0');
  for (let check = 0; check <= 9; check++) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable: one check digit always fits');
}

/** The Luhn checksum (SIREN, SIRET): every second digit from the right doubled. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function demoAddress(c: number, english: boolean): Record<string, string> {
  const streets = english ? UK_STREETS : FR_STREETS;
  const cities = english ? UK_CITIES : FR_CITIES;
  const [postal, city] = cities[c % cities.length]!;
  return {
    address: `${((c * 37) % 180) + 1} ${streets[c % streets.length]}`,
    postal_code: postal,
    city,
    country: english ? 'GB' : 'FR',
  };
}
