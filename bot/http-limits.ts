/**
 * What every request meets before anything reads its body: a size limit per route and, for
 * routes that have one, the credential check. A refusal is answered here at once (a short JSON
 * body with a stable code, `Connection: close`) and the unread body is discarded without being
 * kept or parsed — so an unauthenticated 10 MB POST costs a header read, not a JSON parse, and
 * never reaches restify's logger.
 */
import type http from 'node:http';

/** The stable codes of 4xx answers (clients and tests key on them; the text is for people). */
export type HttpCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CONFLICT';

/** The code of a status restify or a library answered with (their own text is never shown). */
export function codeOfStatus(status: number): { code: HttpCode | 'INTERNAL'; message: string } {
  const known: Record<number, { code: HttpCode; message: string }> = {
    400: { code: 'VALIDATION', message: 'the request is not valid' },
    401: { code: 'UNAUTHORIZED', message: 'authentication required' },
    403: { code: 'FORBIDDEN', message: 'not allowed' },
    404: { code: 'NOT_FOUND', message: 'not found' },
    405: { code: 'METHOD_NOT_ALLOWED', message: 'method not allowed' },
    409: { code: 'CONFLICT', message: 'conflict' },
    413: { code: 'PAYLOAD_TOO_LARGE', message: 'the body is too large' },
    415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'unsupported content type' },
  };
  return known[status] ?? (status >= 500 ? { code: 'INTERNAL', message: 'Internal error' } : known[400]!);
}

export interface Refusal {
  status: number;
  code: HttpCode;
  message: string;
}

/** A rule for the requests whose path starts with `prefix`. */
export interface Gate {
  prefix: string;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Runs on the headers alone (never the body); a refusal stops the request here. */
  authorize?: (req: http.IncomingMessage) => Refusal | null;
}

/** Every route not listed gets this much: chat activities and Slack payloads are small. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** How much of a refused body is read (and thrown away) so the client sees the answer; then the socket closes. */
const DRAIN_BYTES = 1024 * 1024;

export const tooLarge = (maxBytes: number): Refusal => ({
  status: 413,
  code: 'PAYLOAD_TOO_LARGE',
  message: `the body is larger than ${maxBytes} bytes`,
});

/** The gate of a path: the longest matching prefix. */
export function gateFor(gates: readonly Gate[], path: string): Gate | undefined {
  let best: Gate | undefined;
  for (const g of gates)
    if (
      (path === g.prefix || path.startsWith(`${g.prefix}/`)) &&
      (!best || g.prefix.length > best.prefix.length)
    )
      best = g;
  return best;
}

/** The headers' verdict on a request: a refusal, or null to let it through. */
export function check(gate: Gate | undefined, req: http.IncomingMessage): Refusal | null {
  const max = gate?.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > max) return tooLarge(max);
  return gate?.authorize?.(req) ?? null;
}

/** Answers a refusal and discards what the client still sends (up to DRAIN_BYTES, then closes). */
export function answerRefusal(req: http.IncomingMessage, res: http.ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ code: refusal.code, message: refusal.message });
  res.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/** Paths whose query may carry a credential: only the path part is ever logged. */
export const pathOnly = (url: string | undefined): string => (url ?? '').split('?')[0]!.slice(0, 200);
