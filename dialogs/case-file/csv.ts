/**
 * The case file's invoices as CSV, one row per open invoice, for the agency's or the commissaire
 * de justice's own system. Amounts in major units with a dot ("1234.56"), dates ISO: what a
 * spreadsheet or an import reads without guessing. The header is a contract (README).
 */
import { minorDigits } from '../../models/rules/money';
import type { CaseFile } from './build';

export const CASE_FILE_CSV_HEADERS = [
  'customer_reference',
  'customer_name',
  'legal_id',
  'invoice_number',
  'issue_date',
  'due_date',
  'currency',
  'amount',
  'paid',
  'credited',
  'remaining',
  'disputed',
  'days_late',
  'interest',
  'indemnity_eur',
  'as_of',
] as const;

export function major(minor: number, currency: string): string {
  return (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));
}

function cell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function caseFileCsv(cf: CaseFile): string {
  const rows = cf.invoices.map((i) =>
    [
      cf.debtor.reference,
      cf.debtor.name,
      cf.debtor.legalId ?? '',
      i.number,
      i.issueDate,
      i.dueDate,
      i.currency,
      major(i.amount, i.currency),
      major(i.paid, i.currency),
      major(i.credited, i.currency),
      major(i.remaining, i.currency),
      major(i.disputed, i.currency),
      String(i.daysLate),
      major(i.interest, i.currency),
      major(i.indemnity, 'EUR'),
      cf.asOf,
    ]
      .map(cell)
      .join(','),
  );
  return `${[CASE_FILE_CSV_HEADERS.join(','), ...rows].join('\n')}\n`;
}
