/**
 * The note directory of the demo ledger as it stands on the corpus's day (Monday 23 November
 * 2026): the demo portfolio's customers with their contacts, and their open invoices with what
 * is left to pay. Built from the pure demo rows, so the corpus needs no database.
 */
import type { NoteDirectory } from '../../dialogs/call-note/note';
import { demoPortfolio } from '../../integrations/demo/portfolio';

export const CORPUS_DAY = '2026-11-23';
/** 09:15 in Paris: when every note of the corpus is written. */
export const CORPUS_NOW = new Date('2026-11-23T08:15:00Z');

const minor = (major: string) => Math.round(Number(major) * 100);

export function demoNoteDirectory(): NoteDirectory {
  const p = demoPortfolio(CORPUS_DAY);
  const paid = new Map<string, number>();
  for (const pay of p.payments)
    for (const n of (pay.invoice_numbers ?? '').split(/[;,]/).filter(Boolean))
      paid.set(n, (paid.get(n) ?? 0) + minor(pay.amount!));
  return {
    customers: p.customers.map((c) => ({
      reference: c.reference!,
      name: c.name!,
      currency: c.currency!,
      contacts: [{ name: c.contact_name!, role: c.contact_role }],
    })),
    invoices: p.invoices
      .map((i) => ({
        number: i.number!,
        customer: i.customer_reference!,
        currency: i.currency!,
        outstanding: minor(i.amount!) - (paid.get(i.number!) ?? 0),
      }))
      .filter((i) => i.outstanding > 0),
  };
}
