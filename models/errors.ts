/**
 * The typed error tree. Every failure that reaches a user or a log is one of these, with a
 * stable `code` (logs, alerts and tests key on it) and the original `cause`.
 * `normalizeError` is the one place that turns anything thrown into one of them.
 */

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'CONFIG'
  | 'INTERNAL';

export interface Problem {
  /** Where the problem is: an env variable, a CSV column, a JSON path. */
  path: string;
  message: string;
  /** What was found, already made safe to show (never a secret). */
  received?: string;
}

export class RelanceError extends Error {
  readonly code: ErrorCode;
  /** HTTP status the ingest API and health routes answer with. */
  readonly status: number;
  readonly problems: Problem[];

  constructor(
    code: ErrorCode,
    message: string,
    opts: { cause?: unknown; status?: number; problems?: Problem[] } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? 500;
    this.problems = opts.problems ?? [];
  }
}

export class ValidationError extends RelanceError {
  constructor(message: string, problems: Problem[] = [], cause?: unknown) {
    super('VALIDATION', message, { cause, status: 400, problems });
  }
}

export class NotFoundError extends RelanceError {
  constructor(message: string, cause?: unknown) {
    super('NOT_FOUND', message, { cause, status: 404 });
  }
}

export class ForbiddenError extends RelanceError {
  constructor(message: string, cause?: unknown) {
    super('FORBIDDEN', message, { cause, status: 403 });
  }
}

export class ConflictError extends RelanceError {
  constructor(message: string, cause?: unknown) {
    super('CONFLICT', message, { cause, status: 409 });
  }
}

export class UpstreamUnavailableError extends RelanceError {
  /** Which outside service failed: 'mongodb', 'llm', 'slack', 'teams', 'smtp'. */
  readonly upstream: string;
  constructor(upstream: string, message: string, cause?: unknown) {
    super('UPSTREAM_UNAVAILABLE', message, { cause, status: 503 });
    this.upstream = upstream;
  }
}

export class ConfigError extends RelanceError {
  constructor(problems: Problem[]) {
    super('CONFIG', formatProblems('Invalid configuration', problems), { status: 500, problems });
  }
}

/** One readable block: a title and one line per problem. */
export function formatProblems(title: string, problems: Problem[]): string {
  const lines = problems.map((p) => {
    const found = p.received === undefined ? '' : ` (found ${p.received})`;
    return `  - ${p.path}: ${p.message}${found}`;
  });
  return [`${title}:`, ...lines].join('\n');
}

/** Minimal shape of a zod issue, so this module does not depend on zod's types. */
interface IssueLike {
  path: PropertyKey[];
  message: string;
}

/** Turns zod issues into problems; `input` is the validated object, to quote what was found. */
export function problemsFromIssues(issues: readonly IssueLike[], input?: unknown): Problem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    const value = valueAt(input, issue.path);
    return {
      path,
      message: issue.message,
      received: value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 80),
    };
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** The one place that maps anything thrown to a RelanceError. */
export function normalizeError(err: unknown): RelanceError {
  if (err instanceof RelanceError) return err;
  if (isZodError(err)) return new ValidationError('Invalid input', problemsFromIssues(err.issues), err);
  if (isMongoDuplicateKey(err)) return new ConflictError('This record already exists', err);
  if (isNetworkFailure(err))
    return new UpstreamUnavailableError(upstreamOf(err), 'A service is unavailable', err);
  const message = err instanceof Error ? err.message : String(err);
  return new RelanceError('INTERNAL', message, { cause: err });
}

function isZodError(err: unknown): err is { issues: IssueLike[] } {
  return (
    err instanceof Error && err.name === 'ZodError' && Array.isArray((err as { issues?: unknown }).issues)
  );
}

export function isMongoDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

function isNetworkFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; name?: unknown };
  return (
    (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
    e.name === 'MongoServerSelectionError' ||
    e.name === 'MongoNetworkError'
  );
}

function upstreamOf(err: unknown): string {
  const name = (err as { name?: unknown }).name;
  return typeof name === 'string' && name.startsWith('Mongo') ? 'mongodb' : 'network';
}

/** A short apology for the user, in their language; the code goes to the log, not to them. */
export function userMessage(err: RelanceError, lang: 'fr' | 'en'): string {
  const fr: Record<ErrorCode, string> = {
    VALIDATION: `Je n'ai pas compris : ${err.message}`,
    NOT_FOUND: `Introuvable : ${err.message}`,
    FORBIDDEN: "Désolé, vous n'avez pas les droits pour cette action.",
    CONFLICT: 'Cette action a déjà été faite.',
    UPSTREAM_UNAVAILABLE: 'Désolé, un service est momentanément indisponible. Réessayez dans un instant.',
    CONFIG: 'Relance est mal configuré ; un administrateur a été prévenu dans les journaux.',
    INTERNAL:
      'Désolé, quelque chose a échoué de mon côté. Rien n’a été enregistré à moitié : réessayez dans un instant.',
  };
  const en: Record<ErrorCode, string> = {
    VALIDATION: `I did not understand: ${err.message}`,
    NOT_FOUND: `Not found: ${err.message}`,
    FORBIDDEN: 'Sorry, you are not allowed to do that.',
    CONFLICT: 'That was already done.',
    UPSTREAM_UNAVAILABLE: 'Sorry, a service is briefly unavailable. Please try again in a moment.',
    CONFIG: 'Relance is misconfigured; an administrator can see why in the logs.',
    INTERNAL: 'Sorry, something failed on my side. Nothing was half-recorded: please try again in a moment.',
  };
  return (lang === 'fr' ? fr : en)[err.code];
}
