/**
 * Applying payments: how a payment is spread over invoices (decided once, stored on the
 * payment), and applying that spread to the invoices idempotently — each allocation is pushed
 * only if that payment is not there yet, so a re-import or a retry after a crash completes
 * the work instead of counting the money twice.
 */
import type { Models } from '../index';
import { RECOMPUTE_INVOICE } from './invoice-state';

export interface OpenInvoice {
  number: string;
  outstanding: number;
}

/** Spreads `amount` over invoices in the order given, never past what each still owes. */
export function allocate(
  amount: number,
  invoices: OpenInvoice[],
): { allocations: Array<{ invoice: string; amount: number }>; unallocated: number } {
  let left = amount;
  const allocations: Array<{ invoice: string; amount: number }> = [];
  for (const inv of invoices) {
    if (left <= 0) break;
    const part = Math.min(left, Math.max(0, inv.outstanding));
    if (part > 0) {
      allocations.push({ invoice: inv.number, amount: part });
      left -= part;
    }
  }
  return { allocations, unallocated: left };
}

/**
 * What payments have not covered yet on an invoice. The export's undated "amount paid" and the
 * payments feed describe the same money (an invoice's paid amount is the larger of the two,
 * never their sum), so a new payment is spread over what earlier payments left, not over
 * what the export says is left.
 */
export function uncoveredByPayments(inv: {
  amount: number;
  allocations?: Array<{ amount: number }>;
  credits?: Array<{ amount: number }>;
}): number {
  const sum = (xs?: Array<{ amount: number }>) => (xs ?? []).reduce((n, x) => n + x.amount, 0);
  return Math.max(0, inv.amount - sum(inv.allocations) - sum(inv.credits));
}

export interface StoredPayment {
  reference: string;
  date: Date;
  allocations: Array<{ invoice?: string | null; amount?: number | null }>;
}

/** Applies a stored payment's allocations to its invoices (safe to repeat). Returns invoices changed. */
export async function applyPayment(models: Models, payment: StoredPayment): Promise<number> {
  let changed = 0;
  for (const a of payment.allocations) {
    if (!a.invoice || !a.amount) continue;
    const res = await models.Invoice.collection.updateOne(
      { number: a.invoice, 'allocations.payment': { $ne: payment.reference } },
      {
        $push: { allocations: { payment: payment.reference, date: payment.date, amount: a.amount } },
      } as never,
    );
    if (res.modifiedCount > 0) changed++;
    // Always recompute: a crash may have come between the push and this.
    await models.Invoice.collection.updateOne({ number: a.invoice }, RECOMPUTE_INVOICE as never);
  }
  return changed;
}
