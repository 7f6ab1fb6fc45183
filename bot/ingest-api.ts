/**
 * The ingest API: POST /api/v1/{staff,customers,invoices,payments} with the CSV's canonical
 * fields as JSON (one object or an array), authenticated by INGEST_API_KEY
 * (`Authorization: Bearer <key>` or `X-API-Key: <key>`).
 *
 * 200: every row stored (or unchanged). 400: the body or a row is invalid — the answer names
 * each row and field, and nothing was stored. 401: no valid key. 422: rows that are valid but
 * that the ledger refuses (unknown customer, an invoice that would change); the other rows are
 * stored and the answer lists the refused ones. 404 when the API is off (no key configured).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { IMPORT_KINDS, type ImportKind } from '../integrations/import/headers';
import { validateRows, writeRows } from '../integrations/import/importer';
import type { Ledger } from '../integrations/ledger';
import type { Logger } from '../integrations/logger';
import type { HttpServer } from './http-server';

const MAX_ROWS = 10_000;

function keyMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedKey(req: Request): string | undefined {
  const auth = req.header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return req.header('x-api-key') || undefined;
}

const asProblems = (rejected: Array<{ row: number; column: string | null; reason: string }>) =>
  rejected.map((r) => ({ index: r.row, field: r.column, message: r.reason }));

interface Answer {
  status: number;
  body: unknown;
}

async function answer(
  kind: ImportKind,
  req: Request,
  ledger: Ledger,
  apiKey: string | undefined,
  logger: Logger,
): Promise<Answer> {
  if (!apiKey)
    return {
      status: 404,
      body: { code: 'NOT_FOUND', message: 'the ingest API is off: set INGEST_API_KEY to enable it' },
    };
  if (!keyMatches(presentedKey(req), apiKey)) {
    return {
      status: 401,
      body: {
        code: 'UNAUTHORIZED',
        message: 'a valid API key is required (Authorization: Bearer <key> or X-API-Key)',
      },
    };
  }
  const body: unknown = req.body;
  const rows = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : null;
  if (
    !rows ||
    rows.length === 0 ||
    rows.length > MAX_ROWS ||
    rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))
  ) {
    return {
      status: 400,
      body: {
        code: 'VALIDATION',
        message: `the body must be a JSON object or an array of 1 to ${MAX_ROWS} objects`,
        problems: [],
      },
    };
  }
  const { valid, rejected } = validateRows(kind, rows as Record<string, unknown>[]);
  if (rejected.length > 0) {
    const bad = new Set(rejected.map((r) => r.row)).size;
    return {
      status: 400,
      body: {
        code: 'VALIDATION',
        message: `${bad} invalid row(s); nothing was stored`,
        problems: asProblems(rejected),
      },
    };
  }
  const report = await writeRows(kind, valid, {
    models: ledger.models,
    asOf: ledger.today(),
    policy: ledger.policy,
    author: 'api',
  });
  logger.info(
    { kind, inserted: report.inserted, updated: report.updated, refused: report.rejected.length },
    'ingest API import',
  );
  return {
    status: report.rejected.length > 0 ? 422 : 200,
    body: {
      inserted: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: asProblems(report.rejected),
    },
  };
}

export function mountIngestApi(
  http: HttpServer,
  ledger: Ledger,
  apiKey: string | undefined,
  logger: Logger,
): void {
  for (const kind of IMPORT_KINDS) {
    // restify wants async handlers to return nothing: send, then return.
    http.server.post(`/api/v1/${kind}`, async (req: Request, res: Response) => {
      const { status, body } = await answer(kind, req, ledger, apiKey, logger);
      res.send(status, body);
    });
  }
}
