/**
 * Sending email: nodemailer over `SMTP_URL`, or — without it (the embedded default) — the
 * local outbox, where each message is written whole as `DATA_DIR/outbox/<time>-<id>.eml`
 * (what would have gone out, readable in any mail client). Both return the message's proof.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { UpstreamUnavailableError } from '../../models/errors';

export interface OutgoingMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
  /** Our reference for it (the draft), written as a header so the outbox can be listed by it. */
  reference: string;
}

export interface SentMail {
  kind: 'smtp' | 'outbox';
  messageId: string;
  /** The outbox file, when it went there. */
  file?: string;
}

export interface Mailer {
  kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

const SMTP_TIMEOUT_MS = 15_000;

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments,
    headers: { 'X-Relance-Ref': mail.reference },
  };
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  } as never);
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        const info = await transport.sendMail(message(mail));
        return { kind: 'smtp', messageId: info.messageId };
      } catch (err) {
        throw new UpstreamUnavailableError(
          'smtp',
          `the mail server did not take the message: ${(err as Error).message}`,
          err,
        );
      }
    },
    close: () => transport.close(),
  };
}

export function outboxMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      await fs.promises.mkdir(dir, { recursive: true });
      const safe = mail.reference.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safe}.eml`);
      await fs.promises.writeFile(file, info.message as Buffer);
      return { kind: 'outbox', messageId: info.messageId, file };
    },
    close: () => undefined,
  };
}

export function createMailer(email: { smtpUrl?: string; outboxDir: string }): Mailer {
  return email.smtpUrl ? smtpMailer(email.smtpUrl) : outboxMailer(email.outboxDir);
}

export interface OutboxEntry {
  file: string;
  date: string | null;
  to: string | null;
  replyTo: string | null;
  subject: string | null;
  reference: string | null;
  attachments: string[];
}

/** The headers of each message in the outbox (newest last). */
export async function readOutbox(dir: string): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const raw = await fs.promises.readFile(path.join(dir, name), 'utf8');
      const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
      const header = (h: string) => {
        const m = new RegExp(`^${h}: ?((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(head);
        return m ? decodeWords(m[1]!.replace(/\r?\n[ \t]/g, ' ').trim()) : null;
      };
      const attachments = [...raw.matchAll(/filename="?([^";\r\n]+)"?/g)].map((m) => decodeWords(m[1]!));
      return {
        file: path.join(dir, name),
        date: header('Date'),
        to: header('To'),
        replyTo: header('Reply-To'),
        subject: header('Subject'),
        reference: header('X-Relance-Ref'),
        attachments: [...new Set(attachments)],
      };
    }),
  );
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes them. */
export function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _cs, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
