/**
 * The one place that reads the environment. It loads `.env` (dotenv, never overriding what
 * the shell set), validates every variable with zod, and either returns a typed Config or
 * throws a ConfigError listing every problem at once (name, expected, found).
 */
import os from 'node:os';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { ConfigError, type Problem } from '../models/errors';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings in .env files mean "not set". */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: 'expected true or false' });
      return z.NEVER;
    });

const int = (def: number, min: number, max: number, what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected ${what} (an integer from ${min} to ${max})` });
        return z.NEVER;
      }
      return n;
    });

const oneOf = <T extends string>(values: readonly [T, ...T[]], def: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const s = v.trim() as T;
      if (!values.includes(s)) {
        ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return s;
    });

const timeZone = (def: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const zone = v === undefined || v.trim() === '' ? def : v.trim();
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return zone;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected an IANA time zone such as Europe/Paris' });
        return z.NEVER;
      }
    });

const mongoUri = optionalString.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), {
  message: 'expected a mongodb:// or mongodb+srv:// URI',
});

const url = optionalString.refine((v) => v === undefined || URL.canParse(v), { message: 'expected a URL' });

const hhmm = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = v === undefined || v.trim() === '' ? '08:30' : v.trim();
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'expected a time HH:MM such as 08:30' });
      return z.NEVER;
    }
    return s;
  });

/** The demo letterhead, until COMPANY_* say otherwise. */
export const DEFAULT_COMPANY: Company = {
  name: 'Relance Démo SAS',
  addressLines: ['12 rue de la Paix', '75002 Paris'],
};

const EnvSchema = z.object({
  // Server
  NODE_ENV: oneOf(['development', 'production', 'test'], 'development'),
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  PORT: int(3978, 0, 65535, 'a TCP port'),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  LOG_FORMAT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .refine((v) => v === undefined || v === 'json' || v === 'pretty', { message: 'expected json or pretty' }),
  // MongoDB and data directory
  MONGODB_URI: mongoUri,
  DATA_DIR: z.string().optional(),
  EMBEDDED_MONGODB_PORT: int(0, 0, 65535, 'a TCP port, 0 for any free port'),
  DEMO_DATA: bool(true),
  // The CLI's "now" (rehearsals, demos, tests): an ISO instant; unset, the system clock.
  RELANCE_NOW: optionalString.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), {
    message: 'expected an ISO date-time such as 2026-11-23T08:15:00Z',
  }),
  // Slack
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'expected a bot token starting with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'expected an app-level token starting with xapp-',
  }),
  SLACK_SOCKET_MODE: bool(false),
  SLACK_API_URL: url,
  // Teams (the names botbuilder's configuration uses)
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], 'MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  // Where Bot Framework token signing keys are published (sovereign clouds, tests). Default: Microsoft's.
  BOT_OPENID_METADATA_URL: url,
  // LLM
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  OPENAI_MODEL: optionalString.transform((v) => v ?? 'gpt-4o-mini'),
  // Below the platforms' windows (Teams waits 15 s): past it, the templates and rules answer.
  LLM_TIMEOUT_MS: int(8000, 1000, 300000, 'milliseconds'),
  // Email
  SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
    message: 'expected an smtp:// or smtps:// URL',
  }),
  EMAIL_FROM: optionalString.refine(
    (v) => v === undefined || /^[^@\s]+@[^@\s]+$|<[^@\s]+@[^@\s]+>$/.test(v),
    {
      message: 'expected an email address',
    },
  ),
  // Where mail goes without SMTP_URL (default: DATA_DIR/outbox).
  OUTBOX_DIR: optionalString,
  // The product's own address as people's browsers reach it (links to PDFs and mails in chat).
  PUBLIC_URL: url,
  // Signs the expiring links to PDFs (set the same value on every instance).
  LINK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'expected at least 16 characters',
  }),
  // Scheduling
  SCHEDULER_ENABLED: bool(true),
  SCHEDULER_PROCESS_EVERY_MS: int(5000, 200, 3600000, 'milliseconds'),
  DIGEST_DEFAULT_TIME: hhmm,
  // Locale and time zone
  TEAM_TIME_ZONE: timeZone('Europe/Paris'),
  TEAM_COUNTRY: optionalString
    .transform((v) => (v ?? 'FR').toUpperCase())
    .refine((v) => /^[A-Z]{2}$/.test(v), { message: 'expected an ISO 3166 country code such as FR' }),
  DEFAULT_LOCALE: oneOf(['fr', 'en'], 'fr'),
  // Collection policy (the stored policy document, when there is one, wins)
  HANDOVER_PARTNER: optionalString.refine((v) => v === undefined || v.length <= 200, {
    message: 'expected a name of at most 200 characters',
  }),
  SALES_REP_STEP: bool(true),
  SALES_REP_OFFSET_DAYS: int(30, 1, 365, 'days after the due date'),
  CREDIT_INSURER_DECLARATION_DAYS: optionalString.transform((v, ctx) => {
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 730) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected days after the due date (an integer from 1 to 730)',
      });
      return z.NEVER;
    }
    return n;
  }),
  CREDIT_INSURER_WARNING_DAYS: int(15, 1, 180, 'days'),
  // The letterhead of letters and the signature of emails
  COMPANY_NAME: optionalString.transform((v) => v ?? DEFAULT_COMPANY.name),
  /** Address lines separated by "|": "12 rue de la Paix|75002 Paris". */
  COMPANY_ADDRESS: optionalString.transform((v) => v ?? DEFAULT_COMPANY.addressLines.join('|')),
  COMPANY_PHONE: optionalString,
  COMPANY_EMAIL: optionalString,
  COMPANY_IBAN: optionalString,
  COMPANY_BIC: optionalString,
  COMPANY_LEGAL_ID: optionalString,
  // Ingest API and local web chat
  INGEST_API_KEY: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'expected at least 16 characters',
  }),
  INGEST_ADMIN_KEY: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'expected at least 16 characters',
  }),
  WEBCHAT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'expected at least 16 characters (it signs the web chat login links)',
  }),
  // false: no web chat at all (a deployment on Slack or Teams only, without WEBCHAT_SECRET).
  WEBCHAT_ENABLED: bool(true),
  WEBCHAT_LINK_MINUTES: int(15, 1, 7 * 24 * 60, 'minutes'),
  WEBCHAT_SESSION_HOURS: int(12, 1, 24 * 30, 'hours'),
});

type Env = z.output<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  log: { level: Env['LOG_LEVEL']; format: 'json' | 'pretty' };
  mongo: { uri?: string; dataDir?: string; embeddedPort: number; demoData: boolean };
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    socketMode: boolean;
    apiUrl?: string;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    appType: Env['MicrosoftAppType'];
    tenantId?: string;
    openIdMetadataUrl?: string;
  };
  llm: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number };
  email: { smtpUrl?: string; from?: string; outboxDir: string };
  /** Base of the links Relance puts in chat (PDFs, outbox mails); default http://HOST:PORT. */
  publicUrl?: string;
  linkSecret?: string;
  scheduler: { enabled: boolean; processEveryMs: number; digestTime: string };
  locale: { timeZone: string; country: string; defaultLocale: 'fr' | 'en' };
  /** Policy defaults from the environment (models/rules/policy.ts says what they mean). */
  policy: {
    handoverPartner: string | null;
    salesRepStep: { enabled: boolean; offsetDays: number };
    insurerDeclaration: { afterDueDays: number | null; warningDays: number };
  };
  company: Company;
  /** Scoped ingest keys: customers, invoices and payments; staff administration. */
  ingestApiKey?: string;
  ingestAdminKey?: string;
  webchatSecret?: string;
  webchat: { enabled: boolean; linkMinutes: number; sessionHours: number };
  /** `RELANCE_NOW`: the command line acts as of this instant instead of the system clock. */
  now?: Date;
}

/** Who writes the letters: the letterhead, the payment details, the signature. */
export interface Company {
  name: string;
  addressLines: string[];
  phone?: string;
  email?: string;
  iban?: string;
  /** The bank's BIC, printed beside the IBAN. */
  bic?: string;
  legalId?: string;
}

/** Validates an environment object (no file I/O): the pure half, used by tests. */
export function parseConfig(raw: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    const problems: Problem[] = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(env)');
      const value = raw[name];
      return { path: name, message: issue.message, received: describeFound(name, value) };
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  const problems: Problem[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_SOCKET_MODE) {
    problems.push({ path: 'SLACK_SIGNING_SECRET', message: 'required with SLACK_BOT_TOKEN over HTTP' });
  }
  if (e.SLACK_SOCKET_MODE && !e.SLACK_APP_TOKEN) {
    problems.push({ path: 'SLACK_APP_TOKEN', message: 'required when SLACK_SOCKET_MODE is on' });
  }
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push({ path: 'MicrosoftAppPassword', message: 'required with MicrosoftAppId' });
  }
  if (e.INGEST_API_KEY && e.INGEST_API_KEY === e.INGEST_ADMIN_KEY) {
    problems.push({
      path: 'INGEST_ADMIN_KEY',
      message: 'must differ from INGEST_API_KEY (each key has its own scope)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  // DATA_DIR unset → ./data; set to empty → in memory (tests, throw-away demos).
  const dataDir = e.DATA_DIR === undefined ? path.resolve(cwd, 'data') : e.DATA_DIR.trim();
  return {
    ...(e.RELANCE_NOW ? { now: new Date(e.RELANCE_NOW) } : {}),
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    log: {
      level: e.LOG_LEVEL,
      format: (e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty')) as 'json' | 'pretty',
    },
    mongo: {
      uri: e.MONGODB_URI,
      dataDir: dataDir === '' ? undefined : path.resolve(cwd, dataDir),
      embeddedPort: e.EMBEDDED_MONGODB_PORT,
      demoData: e.DEMO_DATA,
    },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      socketMode: e.SLACK_SOCKET_MODE,
      apiUrl: e.SLACK_API_URL,
    },
    teams: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    },
    llm: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.LLM_TIMEOUT_MS,
    },
    email: {
      smtpUrl: e.SMTP_URL,
      from: e.EMAIL_FROM,
      outboxDir: e.OUTBOX_DIR
        ? path.resolve(cwd, e.OUTBOX_DIR)
        : // In memory (DATA_DIR empty): a throw-away outbox, never the project's ./data.
          path.join(
            dataDir === '' ? path.join(os.tmpdir(), 'relance-outbox') : path.resolve(cwd, dataDir),
            'outbox',
          ),
    },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    linkSecret: e.LINK_SECRET,
    scheduler: {
      enabled: e.SCHEDULER_ENABLED,
      processEveryMs: e.SCHEDULER_PROCESS_EVERY_MS,
      digestTime: e.DIGEST_DEFAULT_TIME,
    },
    locale: { timeZone: e.TEAM_TIME_ZONE, country: e.TEAM_COUNTRY, defaultLocale: e.DEFAULT_LOCALE },
    policy: {
      handoverPartner: e.HANDOVER_PARTNER ?? null,
      salesRepStep: { enabled: e.SALES_REP_STEP, offsetDays: e.SALES_REP_OFFSET_DAYS },
      insurerDeclaration: {
        afterDueDays: e.CREDIT_INSURER_DECLARATION_DAYS,
        warningDays: e.CREDIT_INSURER_WARNING_DAYS,
      },
    },
    company: {
      name: e.COMPANY_NAME,
      addressLines: e.COMPANY_ADDRESS.split('|')
        .map((l) => l.trim())
        .filter(Boolean),
      phone: e.COMPANY_PHONE,
      email: e.COMPANY_EMAIL,
      iban: e.COMPANY_IBAN,
      bic: e.COMPANY_BIC,
      legalId: e.COMPANY_LEGAL_ID,
    },
    ingestApiKey: e.INGEST_API_KEY,
    ingestAdminKey: e.INGEST_ADMIN_KEY,
    webchatSecret: e.WEBCHAT_SECRET,
    webchat: {
      enabled: e.WEBCHAT_ENABLED,
      linkMinutes: e.WEBCHAT_LINK_MINUTES,
      sessionHours: e.WEBCHAT_SESSION_HOURS,
    },
  };
}

const SECRET_NAMES = /TOKEN|SECRET|PASSWORD|KEY|URI|SMTP_URL/;

/** What was found, quoted; secrets are never echoed back. */
function describeFound(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return 'nothing';
  if (SECRET_NAMES.test(name)) return 'a value (hidden)';
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/**
 * What a valid configuration still lacks for the product to work fully, said at start: without
 * COMPANY_IBAN letters cannot print bank details (they name whom to ask instead).
 */
export function configWarnings(config: Config): Array<{ variable: string; message: string }> {
  const out: Array<{ variable: string; message: string }> = [];
  if (!config.company.iban)
    out.push({
      variable: 'COMPANY_IBAN',
      message:
        'COMPANY_IBAN is not set: letters will not print bank details and will tell customers to ask their accounting contact how to pay',
    });
  return out;
}

/** Loads `.env` from `cwd` (if present) under the process environment, then validates. */
export function loadConfig(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile: Record<string, string> = {};
  dotenv.config({ path: path.join(cwd, '.env'), processEnv: fromFile, quiet: true });
  return parseConfig({ ...fromFile, ...env }, cwd);
}

/** A copy safe to print: secrets replaced by "set". */
export function describeConfig(config: Config): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(config, (key, value) =>
      /token|secret|password|key$|uri|smtpurl/i.test(key) && typeof value === 'string' ? 'set' : value,
    ),
  );
}
