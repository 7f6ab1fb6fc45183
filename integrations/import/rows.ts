/**
 * One zod schema per import kind, over the canonical column names. The CSV import and the
 * ingest API validate the same rows with them. Amounts come out in minor units.
 */
import { z } from 'zod';
import { MAX_AMOUNT_MINOR } from '../../models/rules/currencies';
import { formatMoney, parseAmount } from '../../models/rules/money';
import type { ImportKind } from './headers';
import {
  amountText,
  currencyCode,
  MAX_ID,
  optionalText,
  optionalTextOf,
  requiredDate,
  requiredText,
  timeZoneText,
  wholeDays,
  yesNo,
} from './values';

function minor(text: string | undefined, currency: string): number | undefined {
  return text === undefined ? undefined : (parseAmount(text, currency) ?? undefined);
}

/** Bounded so that no total of a portfolio can leave the integers a double holds exactly. */
const withinBound = (v: number | undefined) => v === undefined || Math.abs(v) <= MAX_AMOUNT_MINOR;
const boundMessage = (what: string, currency: string) =>
  `${what} is larger than the largest amount accepted (${formatMoney({ amount: MAX_AMOUNT_MINOR, currency }, 'en')})`;

const email = optionalTextOf('email', 254).refine(
  (v) => v === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
  {
    message: 'not an email address',
  },
);

export const StaffRow = z.object({
  handle: requiredText('handle', MAX_ID).refine((v) => /^[a-zA-Z0-9._-]+$/.test(v), {
    message: 'handle may hold letters, digits, dot, dash and underscore only',
  }),
  name: requiredText('name'),
  email: requiredText('email', 254).refine((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), {
    message: 'not an email address',
  }),
  role: optionalText.transform((v, ctx) => {
    const s = (v ?? 'credit_controller').toLowerCase().replace(/[\s-]+/g, '_');
    const map: Record<string, 'credit_controller' | 'manager' | 'admin'> = {
      credit_controller: 'credit_controller',
      controller: 'credit_controller',
      charge_de_recouvrement: 'credit_controller',
      gestionnaire: 'credit_controller',
      manager: 'manager',
      responsable: 'manager',
      admin: 'admin',
      administrateur: 'admin',
    };
    const role = map[s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')];
    if (!role) {
      ctx.addIssue({ code: 'custom', message: 'role must be credit_controller, manager or admin' });
      return z.NEVER;
    }
    return role;
  }),
  time_zone: timeZoneText,
  slack_user_id: optionalTextOf('slack_user_id', MAX_ID),
  teams_user_id: optionalTextOf('teams_user_id', MAX_ID),
});

export const CustomerRow = z
  .object({
    reference: requiredText('reference', MAX_ID),
    name: requiredText('name'),
    language: optionalText.transform((v, ctx) => {
      const s = (v ?? 'fr').toLowerCase();
      if (['fr', 'fre', 'francais', 'français', 'french'].includes(s)) return 'fr' as const;
      if (['en', 'eng', 'anglais', 'english'].includes(s)) return 'en' as const;
      ctx.addIssue({ code: 'custom', message: 'language must be fr or en' });
      return z.NEVER;
    }),
    time_zone: timeZoneText,
    owner: requiredText('owner', 254),
    credit_limit: amountText('credit_limit', false),
    currency: currencyCode,
    payment_terms_days: wholeDays('payment_terms_days', 30),
    strategic: yesNo,
    contact_name: optionalTextOf('contact_name', 200),
    contact_role: optionalTextOf('contact_role', 200),
    contact_email: email,
    contact_phone: optionalTextOf('contact_phone', 40),
    /** Street lines, separated by "|" when there are several. */
    address: optionalTextOf('address'),
    postal_code: optionalTextOf('postal_code', 20),
    city: optionalTextOf('city', 100),
    country: optionalText.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const s = v.toUpperCase();
      if (/^[A-Z]{2}$/.test(s)) return s;
      ctx.addIssue({ code: 'custom', message: 'country must be an ISO code such as FR or GB' });
      return z.NEVER;
    }),
    /** SIREN (9 digits), SIRET (14) or an intra-EU VAT number; spaces are dropped. */
    legal_id: optionalTextOf('legal_id', 40).transform((v, ctx) => {
      if (v === undefined) return undefined;
      const s = v.replace(/[\s.]/g, '').toUpperCase();
      if (/^\d{9}$|^\d{14}$|^[A-Z]{2}[0-9A-Z]{2,13}$/.test(s)) return s;
      ctx.addIssue({
        code: 'custom',
        message:
          'legal_id must be a SIREN (9 digits), a SIRET (14 digits) or a VAT number such as FR40303265045',
      });
      return z.NEVER;
    }),
    /** How letters greet the contact: M., Monsieur, Mr → mr; Mme, Madame, Mrs, Ms → ms. */
    civility: optionalText.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const s = v.toLowerCase().replace(/[.\s]/g, '');
      if (['m', 'mr', 'monsieur', 'mister', 'sir'].includes(s)) return 'mr' as const;
      if (['mme', 'madame', 'mrs', 'ms', 'miss', 'mlle', 'mademoiselle'].includes(s)) return 'ms' as const;
      ctx.addIssue({ code: 'custom', message: 'civility must be M., Monsieur, Mme, Madame, Mr, Mrs or Ms' });
      return z.NEVER;
    }),
    /** The customer's sales rep: a staff handle or email (brought in before the formal notice). */
    sales_rep: optionalTextOf('sales_rep', 254),
  })
  .transform((r, ctx) => {
    const limit = minor(r.credit_limit, r.currency);
    // Written but not representable (too many decimals for the currency, or too large): said, not dropped.
    if (r.credit_limit !== undefined && limit === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: boundMessage('credit_limit', r.currency),
        path: ['credit_limit'],
      });
      return z.NEVER;
    }
    return { ...r, credit_limit: limit };
  })
  .refine((r) => r.credit_limit === undefined || r.credit_limit >= 0, {
    message: 'credit_limit cannot be negative',
    path: ['credit_limit'],
  })
  .superRefine((r, ctx) => {
    if (!withinBound(r.credit_limit))
      ctx.addIssue({
        code: 'custom',
        message: boundMessage('credit_limit', r.currency),
        path: ['credit_limit'],
      });
  });

export const InvoiceRow = z
  .object({
    number: requiredText('number', MAX_ID),
    customer_reference: requiredText('customer_reference', MAX_ID),
    issue_date: requiredDate('issue_date'),
    due_date: requiredDate('due_date'),
    currency: currencyCode,
    amount: amountText('amount', true),
    amount_paid: amountText('amount_paid', false),
  })
  .transform((r, ctx) => {
    const amount = minor(r.amount, r.currency);
    const paid = minor(r.amount_paid, r.currency) ?? 0;
    if (amount === undefined) {
      const huge = (r.amount ?? '').replace(/\D/g, '').length > 15;
      ctx.addIssue({
        code: 'custom',
        message: huge
          ? boundMessage('amount', r.currency)
          : `amount has more decimals than ${r.currency} allows`,
        path: ['amount'],
      });
      return z.NEVER;
    }
    return { ...r, amount, amount_paid: paid };
  })
  .superRefine((r, ctx) => {
    if (!withinBound(r.amount))
      ctx.addIssue({ code: 'custom', message: boundMessage('amount', r.currency), path: ['amount'] });
    if (r.amount <= 0)
      ctx.addIssue({
        code: 'custom',
        message: 'amount must be positive (import credit notes separately)',
        path: ['amount'],
      });
    if (r.amount_paid < 0)
      ctx.addIssue({ code: 'custom', message: 'amount_paid cannot be negative', path: ['amount_paid'] });
    if (r.amount > 0 && r.amount_paid > r.amount)
      ctx.addIssue({
        code: 'custom',
        message: 'amount_paid is larger than the amount',
        path: ['amount_paid'],
      });
    if (r.due_date < r.issue_date)
      ctx.addIssue({ code: 'custom', message: 'due_date is before issue_date', path: ['due_date'] });
  });

export const PaymentRow = z
  .object({
    reference: requiredText('reference', MAX_ID),
    customer_reference: requiredText('customer_reference', MAX_ID),
    date: requiredDate('date'),
    currency: currencyCode,
    amount: amountText('amount', true),
    invoice_numbers: optionalTextOf('invoice_numbers', 4000).transform((v) =>
      (v ?? '')
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  })
  .transform((r, ctx) => {
    const amount = minor(r.amount, r.currency);
    if (amount === undefined || amount <= 0) {
      ctx.addIssue({ code: 'custom', message: 'amount must be a positive amount', path: ['amount'] });
      return z.NEVER;
    }
    if (!withinBound(amount)) {
      ctx.addIssue({ code: 'custom', message: boundMessage('amount', r.currency), path: ['amount'] });
      return z.NEVER;
    }
    return { ...r, amount };
  });

export type StaffRowT = z.output<typeof StaffRow>;
export type CustomerRowT = z.output<typeof CustomerRow>;
export type InvoiceRowT = z.output<typeof InvoiceRow>;
export type PaymentRowT = z.output<typeof PaymentRow>;

export const ROW_SCHEMAS = {
  staff: StaffRow,
  customers: CustomerRow,
  invoices: InvoiceRow,
  payments: PaymentRow,
} as const satisfies Record<ImportKind, z.ZodType>;
