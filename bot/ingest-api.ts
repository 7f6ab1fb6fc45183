/**
 * The ingest API: POST /api/v1/{staff,customers,invoices,payments} with the CSV's canonical
 * fields as JSON (one object or an array), authenticated before the body is read by a scoped
 * key (`Authorization: Bearer <key>` or `X-API-Key: <key>`): INGEST_API_KEY for the ledger
 * (customers, invoices, payments), INGEST_ADMIN_KEY for staff.
 *
 * 200: every row stored (or unchanged). 400: the body or a row is invalid — the answer names
 * each row and field, and nothing was stored. 401: no valid key. 422: rows that are valid but
 * that the ledger refuses (unknown customer, an invoice that would change); the other rows are
 * stored and the answer lists the refused ones. 403: a key of the other scope. 404 when that part
 * of the API is off (its key not configured). 413 / 415: too large, not JSON.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import { IMPORT_KINDS, type ImportKind } from '../integrations/import/headers';
import { validateRows, writeRows } from '../integrations/import/importer';
import type { Ledger } from '../integrations/ledger';
import type { Logger } from '../integrations/logger';
import type { Refusal } from './http-limits';
import type { HttpServer } from './http-server';

const MAX_ROWS = 10_000;
/** 10,000 rows of a few hundred bytes each, with room to spare. */
export const INGEST_MAX_BYTES = 10 * 1024 * 1024;
const PREFIX = '/api/v1';

/**
 * Two scopes: the ledger key writes customers, invoices and payments; the staff key (staff
 * administration: roles, Slack and Teams ids) writes staff. Neither can do the other's work.
 */
export interface IngestKeys {
  ledger?: string;
  staff?: string;
}

const scopeOf = (kind: ImportKind): keyof IngestKeys => (kind === 'staff' ? 'staff' : 'ledger');
const KEY_VARIABLE: Record<keyof IngestKeys, string> = {
  ledger: 'INGEST_API_KEY',
  staff: 'INGEST_ADMIN_KEY',
};

function keyMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const key = req.headers['x-api-key'];
  return (Array.isArray(key) ? key[0] : key) || undefined;
}

const refusal = (status: number, code: Refusal['code'], message: string): Refusal => ({
  status,
  code,
  message,
});

/** The check made on the headers, before the body is read: route, key and its scope, content type. */
export function authorizeIngest(keys: IngestKeys, req: IncomingMessage): Refusal | null {
  const route = (req.url ?? '').split('?')[0]!;
  // Reading a case file (bot/case-file-api.ts) is ledger work: the ledger key, a GET, no body.
  if (CASE_FILE_ROUTE.test(route)) return authorizeCaseFile(keys, req);
  const kind = route.slice(PREFIX.length + 1) as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) return refusal(404, 'NOT_FOUND', 'no such ingest route');
  const scope = scopeOf(kind);
  if (!keys[scope])
    return refusal(
      404,
      'NOT_FOUND',
      `the ingest API for ${kind} is off: set ${KEY_VARIABLE[scope]} to enable it`,
    );
  if (req.method !== 'POST') return refusal(405, 'METHOD_NOT_ALLOWED', 'use POST');
  const given = presentedKey(req);
  if (!keyMatches(given, keys[scope])) {
    const other = scope === 'staff' ? 'ledger' : 'staff';
    // A valid key of the other scope is known but not allowed here.
    if (keyMatches(given, keys[other]))
      return refusal(403, 'FORBIDDEN', `this key may not write ${kind} (it needs ${KEY_VARIABLE[scope]})`);
    return refusal(
      401,
      'UNAUTHORIZED',
      'a valid API key is required (Authorization: Bearer <key> or X-API-Key)',
    );
  }
  if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? '')))
    return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON (content-type: application/json)');
  return null;
}

export const CASE_FILE_ROUTE = /^\/api\/v1\/customers\/[^/]+\/case-file$/;

function authorizeCaseFile(keys: IngestKeys, req: IncomingMessage): Refusal | null {
  if (!keys.ledger)
    return refusal(404, 'NOT_FOUND', 'the case-file API is off: set INGEST_API_KEY to enable it');
  if (req.method !== 'GET') return refusal(405, 'METHOD_NOT_ALLOWED', 'use GET');
  if (keyMatches(presentedKey(req), keys.ledger)) return null;
  if (keyMatches(presentedKey(req), keys.staff))
    return refusal(403, 'FORBIDDEN', 'this key may not read case files (it needs INGEST_API_KEY)');
  return refusal(
    401,
    'UNAUTHORIZED',
    'a valid API key is required (Authorization: Bearer <key> or X-API-Key)',
  );
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
  keys: IngestKeys,
  logger: Logger,
): Promise<Answer> {
  // The gate checked the key before the body was read; checked again in case a route moves.
  const refused = authorizeIngest(keys, req);
  if (refused) return { status: refused.status, body: { code: refused.code, message: refused.message } };
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

export function mountIngestApi(http: HttpServer, ledger: Ledger, keys: IngestKeys, logger: Logger): void {
  http.gate({ prefix: PREFIX, maxBytes: INGEST_MAX_BYTES, authorize: (req) => authorizeIngest(keys, req) });
  for (const kind of IMPORT_KINDS) {
    // restify wants async handlers to return nothing: send, then return.
    http.server.post(`/api/v1/${kind}`, async (req: Request, res: Response) => {
      const { status, body } = await answer(kind, req, ledger, keys, logger);
      res.send(status, body);
    });
  }
}
