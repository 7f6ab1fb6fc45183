/**
 * A local SMTP server (the smtp-server package) that keeps every message it accepts, raw,
 * with its envelope. `stop()` takes it down (connections refused) and `start()` brings it back
 * on the same port, for the "mail server down, then back" tests.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface FakeSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer | null = null;
  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  };
  await start();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
      }),
    async waitFor(n, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

export interface ParsedMail {
  headers: Record<string, string>;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_m, _cs, enc: string, t: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(t, 'base64').toString('utf8')
      : Buffer.from(
          t
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    );
  return Buffer.from(body, 'utf8');
}

/** A MIME message as nodemailer writes it: its headers, its text part and its attachments. */
export function parseMail(raw: string): ParsedMail {
  const top = splitPart(raw);
  const out: ParsedMail = { headers: top.headers, text: '', attachments: [] };
  const walk = (part: { headers: Record<string, string>; body: string }) => {
    const type = part.headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const chunk of part.body.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith('--')) break;
        walk(splitPart(chunk.replace(/^\r?\n/, '')));
      }
      return;
    }
    const content = decodeBody(part.body, part.headers['content-transfer-encoding']?.toLowerCase());
    const filename = /filename="?([^";]+)"?/i.exec(part.headers['content-disposition'] ?? '')?.[1];
    if (filename) out.attachments.push({ filename, contentType: type.split(';')[0]!, content });
    else if (type.startsWith('text/plain')) out.text += content.toString('utf8');
  };
  walk(top);
  return out;
}

/** The text of a PDF (pdf-parse in a child process: pdf.js cannot load its worker inside jest). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { cleanEnv, runTs } = await import('./process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relance-pdf-')), 'letter.pdf');
  fs.writeFileSync(file, pdf);
  return (await runTs('test/helpers/pdf-text.ts', [file], cleanEnv())).stdout;
}

/**
 * Checks a mail Relance sent for an approved letter: To the customer's accounting contact
 * (else the usual one), Reply-To the owner, the subject, a body and letter PDF holding the
 * sentence the person edited, and the statement of account.
 */
export async function expectLetterMail(
  mail: ReceivedMail,
  want: { to: string; replyTo: string; subject: string; sentence: string },
): Promise<void> {
  const parsed = parseMail(mail.raw);
  expect(mail.to).toEqual([want.to]);
  expect(parsed.headers['reply-to']).toBe(want.replyTo);
  expect(parsed.headers.subject).toBe(want.subject);
  expect(parsed.text).toContain(want.sentence);
  expect(parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'application/pdf']);
  expect((await pdfText(parsed.attachments[0]!.content)).replace(/\s+/g, ' ')).toContain(want.sentence);
  expect(await pdfText(parsed.attachments[1]!.content)).toMatch(/Relevé de compte|Statement of account/);
}

/** The address a letter to this customer goes to: the accounting contact's, else the usual one's. */
export function accountingEmail(customer: {
  contacts: Array<{ role?: string | null; email?: string | null; usual?: boolean | null }>;
}): string {
  const c = customer.contacts;
  return (
    c.find(
      (x) => /compta|account|payable|financ|fournisseur|bookkeep|trésor/i.test(x.role ?? '') && x.email,
    ) ??
    c.find((x) => x.usual && x.email) ??
    c.find((x) => x.email)!
  ).email!;
}

/** The channel tests' letter: Marie's reminder to Textiles Dubois (FR004), edited with `sentence`. */
export async function expectDuboisLetter(
  models: { Customer: { findOne(q: object): { lean(): Promise<unknown> } } },
  mail: ReceivedMail,
  sentence: string,
): Promise<void> {
  const customer = (await models.Customer.findOne({ reference: 'FR004' }).lean()) as Parameters<
    typeof accountingEmail
  >[0];
  await expectLetterMail(mail, {
    to: accountingEmail(customer),
    replyTo: 'marie.lambert@relance.demo',
    subject: 'Factures échues : où en êtes-vous ?',
    sentence,
  });
}
