/**
 * Imports a CSV file (or rows from the ingest API) of one kind: streaming, validated row by
 * row, written in batches, idempotent. Good rows are kept; each bad row is reported with its
 * line, column and reason. Memory stays flat whatever the file size: nothing is held across
 * batches but counters and the rejected rows.
 */

import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { z } from 'zod';
import type { Models } from '../../models';
import { refreshPromises } from '../../models/ledger/promises';
import type { LocalDate } from '../../models/rules/dates';
import type { Policy } from '../../models/rules/policy';
import { CANONICAL_HEADERS, type ImportKind, mapHeaders } from './headers';
import { ROW_SCHEMAS } from './rows';
import { writeCustomers } from './writers/customers';
import { writeInvoices } from './writers/invoices';
import { writePayments } from './writers/payments';
import { writeStaff } from './writers/staff';
import type { BatchOutcome, Rejected, RowRef, WriteContext, Writer } from './writers/types';

export type { Rejected } from './writers/types';

const WRITERS: Record<ImportKind, Writer<never>> = {
  staff: writeStaff as Writer<never>,
  customers: writeCustomers as Writer<never>,
  invoices: writeInvoices as Writer<never>,
  payments: writePayments as Writer<never>,
};

/** Columns a file must have; the others have defaults. */
const REQUIRED: Record<ImportKind, string[]> = {
  staff: ['handle', 'name', 'email'],
  customers: ['reference', 'name', 'owner'],
  invoices: ['number', 'customer_reference', 'issue_date', 'due_date', 'amount'],
  payments: ['reference', 'customer_reference', 'date', 'amount'],
};

export const BATCH_SIZE = 1000;

export interface ImportReport {
  kind: ImportKind;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
  /** Columns of the file that were not used. */
  ignoredColumns: string[];
  /** Promises that payments settled or broke. */
  promisesJudged: number;
}

export interface ImportOptions {
  models: Models;
  asOf: LocalDate;
  policy: Policy;
  /** Who ran it, for the activity trail. */
  author: string;
  onProgress?: (done: { bytes: number; total: number; rows: number }) => void;
}

/** Thrown when a file cannot be imported at all (missing required columns, unreadable). */
export class ImportFileError extends Error {}

function newReport(kind: ImportKind): ImportReport {
  return {
    kind,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    ignoredColumns: [],
    promisesJudged: 0,
  };
}

/** Validates one row; a failure becomes a rejection naming the first bad column. */
function validate(
  kind: ImportKind,
  row: number,
  raw: Record<string, unknown>,
): { ok: RowRef<unknown> } | { rejected: Rejected[] } {
  const result = (ROW_SCHEMAS[kind] as z.ZodType).safeParse(raw);
  if (result.success) return { ok: { row, value: result.data } };
  return {
    rejected: result.error.issues.map((issue) => ({
      row,
      column: issue.path.length > 0 ? String(issue.path[0]) : null,
      reason: issue.message,
    })),
  };
}

class Batcher {
  private batch: RowRef<unknown>[] = [];
  private readonly touched = new Set<string>();

  constructor(
    private readonly kind: ImportKind,
    private readonly ctx: WriteContext,
    private readonly report: ImportReport,
  ) {}

  async add(ref: RowRef<unknown>): Promise<void> {
    this.batch.push(ref);
    if (this.batch.length >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const out: BatchOutcome = await WRITERS[this.kind](this.batch as never[], this.ctx);
    this.batch = [];
    this.report.inserted += out.inserted;
    this.report.updated += out.updated;
    this.report.unchanged += out.unchanged;
    this.report.rejected.push(...out.rejected);
    for (const c of out.touchedCustomers ?? []) this.touched.add(c);
  }

  /** Payments may settle promises: judge the touched customers' pending promises now. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.touched.size > 0) {
      const changes = await refreshPromises(
        this.ctx.models,
        [...this.touched],
        this.ctx.asOf,
        this.ctx.policy,
      );
      this.report.promisesJudged = changes.length;
    }
  }
}

async function recordActivity(opts: ImportOptions, report: ImportReport, source: string): Promise<void> {
  await opts.models.Activity.create({
    kind: 'import',
    channel: 'system',
    author: opts.author,
    at: new Date(),
    outcome: report.rejected.length > 0 ? 'partial' : 'ok',
    summary: `${report.kind} from ${source}: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
    key: `import:${randomUUID()}`,
    data: {
      kind: report.kind,
      read: report.read,
      inserted: report.inserted,
      updated: report.updated,
      rejected: report.rejected.length,
    },
  });
}

/**
 * The separator of the header line: French spreadsheets export with ";" (the comma is their
 * decimal mark), others with "," or tabs. Values may contain the other characters.
 */
function sniffDelimiter(file: string): string {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const header = buf.toString('utf8', 0, n).split(/\r?\n/)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
}

export async function importFile(kind: ImportKind, file: string, opts: ImportOptions): Promise<ImportReport> {
  let total: number;
  try {
    total = statSync(file).size;
  } catch {
    throw new ImportFileError(`cannot read ${file}`);
  }
  const report = newReport(kind);
  const batcher = new Batcher(kind, opts, report);
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: sniffDelimiter(file),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }),
  );
  let mapping: (string | null)[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!mapping) {
      const mapped = mapHeaders(kind, record);
      const present = new Set(mapped.mapping.filter(Boolean));
      const missing = REQUIRED[kind].filter((c) => !present.has(c));
      if (missing.length > 0) {
        input.destroy();
        throw new ImportFileError(
          `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected headers: ${CANONICAL_HEADERS[kind].join(',')})`,
        );
      }
      mapping = mapped.mapping;
      report.ignoredColumns = mapped.ignored;
      continue;
    }
    report.read++;
    const raw: Record<string, unknown> = {};
    mapping.forEach((col, i) => {
      if (col) raw[col] = record[i];
    });
    const checked = validate(kind, info.lines, raw);
    if ('ok' in checked) await batcher.add(checked.ok);
    else report.rejected.push(...checked.rejected);
    if (report.read % BATCH_SIZE === 0)
      opts.onProgress?.({ bytes: input.bytesRead, total, rows: report.read });
  }
  if (!mapping) throw new ImportFileError(`${file} is empty`);
  await batcher.finish();
  opts.onProgress?.({ bytes: total, total, rows: report.read });
  report.rejected.sort((a, b) => a.row - b.row);
  await recordActivity(opts, report, file.split('/').pop() ?? file);
  return report;
}

/** Validates rows given as objects with the canonical field names (the ingest API). */
export function validateRows(
  kind: ImportKind,
  rows: Record<string, unknown>[],
): { valid: RowRef<unknown>[]; rejected: Rejected[] } {
  const valid: RowRef<unknown>[] = [];
  const rejected: Rejected[] = [];
  rows.forEach((raw, i) => {
    const checked = validate(kind, i, raw);
    if ('ok' in checked) valid.push(checked.ok);
    else rejected.push(...checked.rejected);
  });
  return { valid, rejected };
}

/** Writes rows that passed validateRows; the ledger may still refuse some (reported). */
export async function writeRows(
  kind: ImportKind,
  valid: RowRef<unknown>[],
  opts: ImportOptions,
): Promise<ImportReport> {
  const report = newReport(kind);
  report.read = valid.length;
  const batcher = new Batcher(kind, opts, report);
  for (const ref of valid) await batcher.add(ref);
  await batcher.finish();
  await recordActivity(opts, report, 'the ingest API');
  return report;
}
