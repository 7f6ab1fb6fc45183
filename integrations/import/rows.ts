/**
 * One zod schema per import kind, over the canonical column names. The CSV import and the
 * ingest API validate the same rows with them. Amounts come out in minor units.
 */
import { z } from 'zod';
import { parseAmount } from '../../models/rules/money';
import type { ImportKind } from './headers';
import {
  amountText,
  currencyCode,
  optionalText,
  requiredDate,
  requiredText,
  timeZoneText,
  wholeDays,
  yesNo,
} from './values';

function minor(text: string | undefined, currency: string): number | undefined {
  return text === undefined ? undefined : (parseAmount(text, currency) ?? undefined);
}

const email = optionalText.refine((v) => v === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), {
  message: 'not an email address',
});

export const StaffRow = z.object({
  handle: requiredText('handle').refine((v) => /^[a-zA-Z0-9._-]+$/.test(v), {
    message: 'handle may hold letters, digits, dot, dash and underscore only',
  }),
  name: requiredText('name'),
  email: requiredText('email').refine((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), {
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
  slack_user_id: optionalText,
  teams_user_id: optionalText,
});

export const CustomerRow = z
  .object({
    reference: requiredText('reference'),
    name: requiredText('name'),
    language: optionalText.transform((v, ctx) => {
      const s = (v ?? 'fr').toLowerCase();
      if (['fr', 'fre', 'francais', 'français', 'french'].includes(s)) return 'fr' as const;
      if (['en', 'eng', 'anglais', 'english'].includes(s)) return 'en' as const;
      ctx.addIssue({ code: 'custom', message: 'language must be fr or en' });
      return z.NEVER;
    }),
    time_zone: timeZoneText,
    owner: requiredText('owner'),
    credit_limit: amountText('credit_limit', false),
    currency: currencyCode,
    payment_terms_days: wholeDays('payment_terms_days', 30),
    strategic: yesNo,
    contact_name: optionalText,
    contact_role: optionalText,
    contact_email: email,
    contact_phone: optionalText,
    /** Street lines, separated by "|" when there are several. */
    address: optionalText,
    postal_code: optionalText,
    city: optionalText,
    country: optionalText.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const s = v.toUpperCase();
      if (/^[A-Z]{2}$/.test(s)) return s;
      ctx.addIssue({ code: 'custom', message: 'country must be an ISO code such as FR or GB' });
      return z.NEVER;
    }),
  })
  .transform((r) => ({ ...r, credit_limit: minor(r.credit_limit, r.currency) }))
  .refine((r) => r.credit_limit === undefined || r.credit_limit >= 0, {
    message: 'credit_limit cannot be negative',
    path: ['credit_limit'],
  });

export const InvoiceRow = z
  .object({
    number: requiredText('number'),
    customer_reference: requiredText('customer_reference'),
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
      ctx.addIssue({
        code: 'custom',
        message: `amount has more decimals than ${r.currency} allows`,
        path: ['amount'],
      });
      return z.NEVER;
    }
    return { ...r, amount, amount_paid: paid };
  })
  .superRefine((r, ctx) => {
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
    reference: requiredText('reference'),
    customer_reference: requiredText('customer_reference'),
    date: requiredDate('date'),
    currency: currencyCode,
    amount: amountText('amount', true),
    invoice_numbers: optionalText.transform((v) =>
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
