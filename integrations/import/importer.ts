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
import { trailSay } from '../../models/words/trail';
import { decodingStream, detectEncoding, EncodingError, type FileEncoding } from './encoding';
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
  /** The file's text encoding (CSV files only): Latin-1/Windows-1252 files are converted. */
  encoding?: FileEncoding;
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
    summary: trailSay(opts.policy, 'import', {
      kind: report.kind,
      source,
      inserted: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    }),
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

/** A value larger than this makes the file unreadable rather than a row rejected. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** The file's records, decoded, with their line numbers; `input` is the byte stream underneath. */
function readRecords(
  file: string,
  encoding: FileEncoding,
  delimiter: string,
  onRecord?: (lines: number) => void,
) {
  const input = createReadStream(file);
  const parser = input.pipe(decodingStream(encoding)).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: MAX_RECORD_BYTES,
      // The structure pass keeps nothing: each record is dropped as soon as it is counted.
      ...(onRecord
        ? {
            on_record: (_: unknown, ctx: { lines: number }) => {
              onRecord(ctx.lines);
              return null;
            },
          }
        : {}),
    }),
  );
  return { input, records: parser as AsyncIterable<{ record: string[]; info: { lines: number } }> };
}

/**
 * What csv-parse says, as a person would: where and what is wrong with the file's structure.
 * The line is where the broken row starts (the line after the last good row): an unclosed quote
 * is only noticed lines later, where the quoted text runs into the next row, but it opened there.
 */
function structureError(file: string, err: unknown, afterLine: number): ImportFileError {
  const e = err as { code?: string; lines?: number; message?: string };
  const reasons: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed',
    CSV_INVALID_CLOSING_QUOTE: 'a quote closes in the middle of a value',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
    CSV_MAX_RECORD_SIZE: `a row is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`,
  };
  const reason = (e.code && reasons[e.code]) ?? e.message ?? String(err);
  const where = `line ${afterLine + 1}: `;
  return new ImportFileError(
    `${file}: ${where}${reason}; nothing was imported (fix the file and import it again)`,
  );
}

/**
 * A file is imported whole or not at all at the file level: its encoding and its CSV
 * structure are checked over the whole file first (a pass that stores nothing), so a broken
 * quote on line 2,501 refuses the file, naming the line, before a single row is written.
 * Rows that are well-formed CSV but invalid are still rejected one by one, the others stored.
 */
export async function importFile(kind: ImportKind, file: string, opts: ImportOptions): Promise<ImportReport> {
  let total: number;
  try {
    total = statSync(file).size;
  } catch {
    throw new ImportFileError(`cannot read ${file}`);
  }
  let encoding: FileEncoding;
  try {
    encoding = await detectEncoding(file);
  } catch (err) {
    if (err instanceof EncodingError)
      throw new ImportFileError(`${file}: ${err.message}; nothing was imported`);
    throw new ImportFileError(`cannot read ${file}`);
  }
  const delimiter = sniffDelimiter(file);
  let lastGood = 0;
  try {
    // Structure only: nothing is kept but the line the last good row ended on.
    const pass = readRecords(file, encoding, delimiter, (lines) => {
      lastGood = lines;
    });
    for await (const _ of pass.records) {
      // (on_record drops every record)
    }
  } catch (err) {
    throw structureError(file, err, lastGood);
  }

  const report = newReport(kind);
  report.encoding = encoding;
  const batcher = new Batcher(kind, opts, report);
  const { input, records } = readRecords(file, encoding, delimiter);
  let mapping: (string | null)[] | null = null;
  for await (const { record, info } of records) {
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
