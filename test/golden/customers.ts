/**
 * Six demo-like customers as plain data, on a fixed day (Monday 24 November 2025, every rate
 * of the period published): several invoices with reminders, a sterling debt, a part payment
 * with a credit note and a broken promise, a partial and a whole dispute with a contractual
 * rate below the floor, a consumer already put on notice, and a debt over two half-years
 * with no IBAN configured. The golden test renders every step from them in both languages.
 */
import type { DraftInput } from '../../dialogs/drafting/facts';
import type { Company } from '../../integrations/config';
import type { InvoiceFacts } from '../../models/rules/invoice-facts';
import { defaultPolicy } from '../../models/rules/policy';

export const AS_OF = '2025-11-24';

export const COMPANY: Company = {
  name: 'Relance Démo SAS',
  addressLines: ['12 rue de la Paix', '75002 Paris'],
  phone: '01 84 60 12 34',
  email: 'compta@relance.demo',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP882',
  legalId: 'SIREN 912 345 678',
};

const policy = defaultPolicy({ eurExchangeRates: { GBP: 0.87 } });
const owner = { name: 'Marie Lambert', email: 'marie.lambert@relance.demo', phone: '01 84 60 12 35' };
const manager = { name: 'Claire Moreau', email: 'claire.moreau@relance.demo', phone: '01 84 60 12 30' };

function inv(
  x: Partial<InvoiceFacts> & Pick<InvoiceFacts, 'number' | 'amount' | 'issueDate' | 'dueDate'>,
): InvoiceFacts {
  return {
    currency: 'EUR',
    paidTotal: 0,
    payments: [],
    credits: [],
    status: 'open',
    disputedAmount: 0,
    ...x,
  };
}

type Base = Omit<DraftInput, 'step' | 'lang'>;

const base = (x: Omit<Base, 'asOf' | 'policy' | 'company' | 'owner' | 'manager'> & Partial<Base>): Base => ({
  asOf: AS_OF,
  policy,
  company: COMPANY,
  owner,
  manager,
  ...x,
});

export const GOLDEN_CUSTOMERS: Record<string, Base> = {
  // Several overdue invoices already reminded, two falling due this week (one large).
  FR001: base({
    customer: {
      reference: 'FR001',
      name: 'Transports Martin SAS',
      language: 'fr',
      paymentTermsDays: 30,
      contacts: [
        {
          name: 'Jeanne Martin',
          civility: 'ms',
          role: 'Comptable',
          email: 'jeanne.martin@transports-martin.example',
          phone: '04 72 10 20 30',
          usual: true,
        },
        {
          name: 'Luc Bernard',
          civility: 'mr',
          role: 'Directeur financier',
          email: 'luc.bernard@transports-martin.example',
          phone: '04 72 10 20 31',
        },
      ],
      address: { lines: ['38 rue de la République'], postalCode: '69002', city: 'Lyon', country: 'FR' },
    },
    invoices: [
      inv({ number: 'FA-2025-1101', amount: 1_250_000, issueDate: '2025-08-01', dueDate: '2025-08-31' }),
      inv({ number: 'FA-2025-1107', amount: 486_000, issueDate: '2025-08-20', dueDate: '2025-09-19' }),
      inv({ number: 'FA-2025-1115', amount: 93_600, issueDate: '2025-09-10', dueDate: '2025-10-10' }),
      inv({ number: 'FA-2025-1160', amount: 1_830_000, issueDate: '2025-10-27', dueDate: '2025-11-26' }),
      inv({ number: 'FA-2025-1163', amount: 212_400, issueDate: '2025-10-29', dueDate: '2025-11-28' }),
      inv({ number: 'FA-2025-1190', amount: 640_000, issueDate: '2025-11-20', dueDate: '2025-12-20' }),
    ],
    disputes: [],
    activities: [
      { invoices: ['FA-2025-1101'], kind: 'call', channel: 'phone', on: '2025-09-03', step: 'first_call' },
      {
        invoices: ['FA-2025-1101'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-09-10',
        step: 'reminder_letter',
      },
      {
        invoices: ['FA-2025-1107'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-09-29',
        step: 'reminder_letter',
      },
      {
        invoices: ['FA-2025-1101', 'FA-2025-1107'],
        kind: 'letter',
        channel: 'registered_letter',
        on: '2025-10-09',
        step: 'second_reminder',
      },
    ],
    promises: [],
  }),
  // A sterling debt in the United Kingdom, written in English.
  UK003: base({
    customer: {
      reference: 'UK003',
      name: 'Harbour Foods Ltd',
      language: 'en',
      paymentTermsDays: 30,
      contacts: [
        {
          name: 'James Jones',
          civility: 'mr',
          role: 'Accounts payable',
          email: 'james.jones@harbourfoods.example',
          phone: '+44 161 496 0321',
          usual: true,
        },
      ],
      address: { lines: ['14 Station Road'], postalCode: 'M1 1AE', city: 'Manchester', country: 'GB' },
    },
    invoices: [
      inv({
        number: 'UK-2025-2040',
        currency: 'GBP',
        amount: 735_000,
        issueDate: '2025-08-15',
        dueDate: '2025-09-14',
      }),
      inv({
        number: 'UK-2025-2052',
        currency: 'GBP',
        amount: 218_050,
        issueDate: '2025-09-05',
        dueDate: '2025-10-05',
      }),
      inv({
        number: 'UK-2025-2077',
        currency: 'GBP',
        amount: 1_420_000,
        issueDate: '2025-10-25',
        dueDate: '2025-11-24',
      }),
    ],
    disputes: [],
    activities: [
      { invoices: ['UK-2025-2040'], kind: 'call', channel: 'phone', on: '2025-09-17', step: 'first_call' },
      {
        invoices: ['UK-2025-2040'],
        kind: 'email',
        channel: 'email',
        on: '2025-09-24',
        step: 'reminder_letter',
      },
      {
        invoices: ['UK-2025-2052'],
        kind: 'email',
        channel: 'email',
        on: '2025-10-15',
        step: 'reminder_letter',
      },
    ],
    promises: [],
  }),
  // A part payment and a credit note on one invoice, and a promise that was not kept.
  FR002: base({
    customer: {
      reference: 'FR002',
      name: 'Imprimerie Dubois SARL',
      language: 'fr',
      paymentTermsDays: 45,
      contacts: [
        {
          name: 'M. Nicolas Dubois',
          role: 'Gérant',
          email: 'n.dubois@imprimerie-dubois.example',
          phone: '02 40 11 22 33',
          usual: true,
        },
      ],
      address: {
        lines: ['5 boulevard Pasteur', 'ZA des Forges'],
        postalCode: '44000',
        city: 'Nantes',
        country: 'FR',
      },
    },
    invoices: [
      inv({
        number: 'FA-2025-0988',
        amount: 1_200_000,
        issueDate: '2025-07-15',
        dueDate: '2025-08-29',
        paidTotal: 500_000,
        payments: [{ date: '2025-09-15', amount: 500_000 }],
        credits: [{ date: '2025-09-30', amount: 50_000 }],
        status: 'partially_paid',
      }),
      inv({ number: 'FA-2025-1012', amount: 318_000, issueDate: '2025-08-25', dueDate: '2025-10-09' }),
    ],
    disputes: [],
    activities: [
      { invoices: ['FA-2025-0988'], kind: 'call', channel: 'phone', on: '2025-09-01', step: 'first_call' },
      {
        invoices: ['FA-2025-0988'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-09-08',
        step: 'reminder_letter',
      },
      {
        invoices: ['FA-2025-1012'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-10-20',
        step: 'reminder_letter',
      },
    ],
    promises: [
      {
        invoices: ['FA-2025-0988'],
        status: 'broken',
        givenOn: '2025-11-05',
        date: '2025-11-14',
        amount: 650_000,
        currency: 'EUR',
      },
    ],
  }),
  // €4,000 of a €10,000 invoice disputed, another invoice wholly disputed; a contractual
  // rate of 5 % a year, below the legal floor.
  FR005: base({
    customer: {
      reference: 'FR005',
      name: 'Menuiserie Roux SA',
      language: 'fr',
      paymentTermsDays: 30,
      penaltyRatePct: 5,
      contacts: [
        {
          name: 'Sophie Roux',
          civility: 'ms',
          role: 'Responsable comptabilité fournisseurs',
          email: 'sophie.roux@menuiserie-roux.example',
          usual: true,
        },
      ],
      address: { lines: ['2 allée des Tilleuls'], postalCode: '33000', city: 'Bordeaux', country: 'FR' },
    },
    invoices: [
      inv({
        number: 'FA-2025-1040',
        amount: 1_000_000,
        issueDate: '2025-09-01',
        dueDate: '2025-10-01',
        disputedAmount: 400_000,
      }),
      inv({
        number: 'FA-2025-1044',
        amount: 275_000,
        issueDate: '2025-09-05',
        dueDate: '2025-10-05',
        disputedAmount: 275_000,
      }),
      inv({ number: 'FA-2025-1058', amount: 164_400, issueDate: '2025-09-12', dueDate: '2025-10-12' }),
    ],
    disputes: [
      { invoices: ['FA-2025-1040'], reason: 'quantity', detail: 'il manque 40 panneaux sur la livraison' },
      { invoices: ['FA-2025-1044'], reason: 'quality', detail: 'portes arrivées rayées' },
    ],
    activities: [
      {
        invoices: ['FA-2025-1040', 'FA-2025-1058'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-10-22',
        step: 'reminder_letter',
      },
    ],
    promises: [],
  }),
  // A consumer: no L441-10 penalties nor €40; legal interest from the formal notice sent on 3 November.
  FR010: base({
    customer: {
      reference: 'FR010',
      name: 'M. Jean Dupont',
      language: 'fr',
      consumer: true,
      paymentTermsDays: 30,
      contacts: [
        {
          name: 'Jean Dupont',
          civility: 'mr',
          email: 'jean.dupont@example.fr',
          phone: '06 12 34 56 78',
          usual: true,
        },
      ],
      address: { lines: ['7 rue Victor Hugo'], postalCode: '59000', city: 'Lille', country: 'FR' },
    },
    invoices: [
      inv({ number: 'FA-2025-0950', amount: 189_000, issueDate: '2025-07-20', dueDate: '2025-08-19' }),
      inv({ number: 'FA-2025-0991', amount: 64_500, issueDate: '2025-08-10', dueDate: '2025-09-09' }),
    ],
    disputes: [],
    activities: [
      {
        invoices: ['FA-2025-0950'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-08-29',
        step: 'reminder_letter',
      },
      {
        invoices: ['FA-2025-0950', 'FA-2025-0991'],
        kind: 'letter',
        channel: 'registered_letter',
        on: '2025-09-19',
        step: 'second_reminder',
      },
      {
        invoices: ['FA-2025-0950', 'FA-2025-0991'],
        kind: 'letter',
        channel: 'registered_letter',
        on: '2025-11-03',
        step: 'formal_notice',
      },
    ],
    promises: [],
  }),
  // Interest over two half-years (13.15 % then 12.15 %); no IBAN configured; civility unknown.
  FR007: base({
    company: { ...COMPANY, iban: undefined, bic: undefined },
    customer: {
      reference: 'FR007',
      name: 'Laboratoires Girard SA',
      language: 'fr',
      paymentTermsDays: 60,
      contacts: [
        {
          name: 'Camille Girard',
          role: 'Comptabilité',
          email: 'camille.girard@labos-girard.example',
          phone: '03 88 12 34 56',
          usual: true,
        },
      ],
      address: { lines: ['21 rue du Commerce'], postalCode: '67000', city: 'Strasbourg', country: 'FR' },
    },
    invoices: [
      inv({ number: 'FA-2025-0612', amount: 850_000, issueDate: '2025-03-16', dueDate: '2025-05-15' }),
      inv({ number: 'FA-2025-0655', amount: 392_000, issueDate: '2025-04-10', dueDate: '2025-06-09' }),
    ],
    disputes: [],
    activities: [
      { invoices: ['FA-2025-0612'], kind: 'call', channel: 'phone', on: '2025-05-19', step: 'first_call' },
      {
        invoices: ['FA-2025-0612'],
        kind: 'letter',
        channel: 'letter',
        on: '2025-05-26',
        step: 'reminder_letter',
      },
      {
        invoices: ['FA-2025-0612', 'FA-2025-0655'],
        kind: 'letter',
        channel: 'registered_letter',
        on: '2025-06-30',
        step: 'second_reminder',
      },
    ],
    promises: [],
  }),
};
