/**
 * Logging with pino. Collection logs must not become a copy of debtor data (GDPR): keys that
 * hold personal data are censored, and emails or phone numbers that slip into any string
 * (the message itself included) are masked before the line is written.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Keys whose values are personal data or message text: censored wherever they appear. */
const PERSONAL_KEYS = [
  'email',
  'phone',
  'mobile',
  'contactName',
  'contact_name',
  'contactEmail',
  'contact_email',
  'contactPhone',
  'contact_phone',
  'text',
  'messageText',
  'body',
  'address',
  'authorization',
  'password',
  'token',
];

const CENSOR = '[redacted]';

// pino's redact paths match a fixed depth: cover the top level and two levels down.
const REDACT_PATHS = PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// International (+33 6 12 34 56 78) or national (06 12 34 56 78, 01.23.45.67.89) phone numbers;
// a stand-alone token of at least 9 digits, so invoice numbers (INV-2026-000123) and amounts survive.
const PHONE = /(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}(?![\w-])/g;

/** Keys whose values are credentials, at any depth and in any case (headers included). */
const SECRET_KEY = /secret|password|passwd|authorization|cookie|api[-_]?key|token$|signature/i;
// Credentials that slip into text: bearer tokens, Slack and OpenAI-style keys, and the query
// parameters that carry a secret, a login link or a token.
const SECRET_TEXT: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\b(xox[abprs]|xapp)-[A-Za-z0-9-]+/g, '[redacted]'],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, '[redacted]'],
  [/([?&](?:secret|token|login|key|api_key|session)=)[^&\s"']+/gi, '$1[redacted]'],
];

/** Masks credentials, emails and phone numbers inside free text. */
export function scrubText(s: string): string {
  let out = s;
  for (const [re, by] of SECRET_TEXT) out = out.replace(re, by);
  return out
    .replace(EMAIL, '[email]')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 9 ? '[phone]' : m));
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null ? CENSOR : scrubDeep(v, depth + 1);
  return out;
}

function safeRequest(req: { method?: string; url?: string } | undefined) {
  if (!req || typeof req !== 'object') return req;
  return {
    method: req.method,
    path: String(req.url ?? '')
      .split('?')[0]!
      .slice(0, 200),
  };
}

function safeResponse(res: { statusCode?: number } | undefined) {
  return res && typeof res === 'object' ? { statusCode: res.statusCode } : res;
}

export interface LoggerOptions {
  level?: string;
  format?: 'json' | 'pretty';
  /** Where lines go (tests capture them); stdout by default. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const destination = opts.destination ?? process.stdout;
  const stream =
    opts.format === 'pretty'
      ? pretty({ destination, sync: true, colorize: destination === process.stdout && process.stdout.isTTY })
      : destination;
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'relance' },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      // A request or response object is never written whole (raw headers, body, credentials).
      serializers: { req: safeRequest, res: safeResponse },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        // The message string and any extra format arguments are scrubbed too.
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args;
          method.apply(this, cleaned);
        },
      },
    },
    stream as pino.DestinationStream,
  );
}

/** A logger whose lines are kept in memory, for tests and for the CLI's quiet mode. */
export function memoryLogger(level = 'trace'): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ level, format: 'json', destination: sink });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
