/**
 * Invoice state kept by the database itself: `amountPaid` and `status` are recomputed by one
 * pipeline update from what the invoice holds, so every writer (import, API, payment) stays
 * consistent without reading first, and a retried write lands on the same result.
 */
import { fromStored } from '../rules/dates';
import type { InvoiceFacts } from '../rules/invoice-facts';

const sumOf = (path: string) => ({ $sum: { $ifNull: [path, []] } });

/** Pipeline stages that derive amountPaid and status; append them to any invoice update. */
export const RECOMPUTE_INVOICE = [
  {
    $set: {
      allocations: { $ifNull: ['$allocations', []] },
      credits: { $ifNull: ['$credits', []] },
      exportedPaid: { $ifNull: ['$exportedPaid', 0] },
      disputedAmount: { $ifNull: ['$disputedAmount', 0] },
    },
  },
  { $set: { amountPaid: { $max: ['$exportedPaid', sumOf('$allocations.amount')] } } },
  {
    // $cond's array form: [if, then, else] (no "then" keys, which tools mistake for promises).
    $set: {
      status: {
        $cond: [
          { $eq: ['$status', 'written_off'] },
          'written_off',
          {
            $cond: [
              { $gte: [{ $add: ['$amountPaid', sumOf('$credits.amount')] }, '$amount'] },
              'paid',
              { $cond: [{ $gt: ['$amountPaid', 0] }, 'partially_paid', 'open'] },
            ],
          },
        ],
      },
    },
  },
];

/** The status RECOMPUTE_INVOICE derives, for an invoice written whole (a new one). */
export function derivedStatus(
  amount: number,
  amountPaid: number,
  credited: number,
): 'open' | 'partially_paid' | 'paid' {
  if (amountPaid + credited >= amount) return 'paid';
  return amountPaid > 0 ? 'partially_paid' : 'open';
}

/** The shape of a stored invoice that rules need (a lean document). */
export interface StoredInvoice {
  number: string;
  currency: string;
  amount: number;
  issueDate: Date;
  dueDate: Date;
  amountPaid?: number;
  allocations?: Array<{ date: Date; amount: number }>;
  credits?: Array<{ date: Date; amount: number }>;
  status?: string;
  disputedAmount?: number;
}

export function invoiceFacts(doc: StoredInvoice): InvoiceFacts {
  return {
    number: doc.number,
    currency: doc.currency,
    amount: doc.amount,
    issueDate: fromStored(doc.issueDate),
    dueDate: fromStored(doc.dueDate),
    paidTotal: doc.amountPaid ?? 0,
    payments: (doc.allocations ?? []).map((a) => ({ date: fromStored(a.date), amount: a.amount })),
    credits: (doc.credits ?? []).map((c) => ({ date: fromStored(c.date), amount: c.amount })),
    status: (doc.status ?? 'open') as InvoiceFacts['status'],
    disputedAmount: doc.disputedAmount ?? 0,
  };
}
