/**
 * The case file over HTTP: `GET /api/v1/customers/:ref/case-file[?as-of=YYYY-MM-DD&format=pdf|csv|zip|json]`
 * for other systems (the ledger key, checked by the ingest gate before anything is read), and
 * `/files/case-file/:ref.(pdf|zip|csv)?as-of=…&exp=…&sig=…` behind the signed, expiring links
 * Relance puts in chat. Anything unsigned or expired is a 404 that says nothing about what exists.
 */
import type { Request, Response } from 'restify';
import { caseFileFiles } from '../dialogs/case-file/bundle';
import type { CaseFileLinks } from '../dialogs/case-file/case-file-dialog';
import type { Company } from '../integrations/config';
import type { Ledger } from '../integrations/ledger';
import type { LinkSigner } from '../integrations/links';
import { NotFoundError } from '../models/errors';
import { isLocalDate } from '../models/rules/dates';
import type { HttpServer } from './http-server';

const FORMATS = ['pdf', 'csv', 'zip', 'json'] as const;
type Format = (typeof FORMATS)[number];
const TYPES: Record<Exclude<Format, 'json'>, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

const filePath = (ref: string, format: string) => `/files/case-file/${encodeURIComponent(ref)}.${format}`;

/** The links the chat puts on a case-file card. */
export function caseFileLinks(signer: LinkSigner): CaseFileLinks {
  return (ref, asOf, format) => {
    // The date is part of what is signed: a link cannot be turned into another day's file.
    const signed = signer.sign(`${filePath(ref, format)}@${asOf}`);
    const [base, query] = signed.split('?');
    return `${base!.replace(`@${asOf}`, '')}?as-of=${asOf}&${query}`;
  };
}

async function send(
  res: Response,
  ledger: Ledger,
  company: Company,
  ref: string,
  asOf: string,
  format: Format,
): Promise<void> {
  try {
    const files = await caseFileFiles(
      { models: ledger.models, policy: ledger.policy, company },
      { customer: ref, asOf, lang: ledger.policy.defaultLocale },
    );
    if (format === 'json') {
      res.send(200, files.caseFile);
      return;
    }
    res.setHeader('content-type', TYPES[format]);
    res.setHeader('content-disposition', `attachment; filename="${files.name}.${format}"`);
    res.sendRaw(200, format === 'csv' ? Buffer.from(files.csv, 'utf8') : files[format]);
  } catch (err) {
    if (err instanceof NotFoundError) res.send(404, { code: 'NOT_FOUND', message: err.message });
    else throw err;
  }
}

export function mountCaseFileApi(
  http: HttpServer,
  ledger: Ledger,
  company: Company,
  signer: LinkSigner,
): void {
  const query = (req: Request) => (req.query ?? {}) as Record<string, string | undefined>;
  http.server.get('/api/v1/customers/:ref/case-file', async (req: Request, res: Response) => {
    const q = query(req);
    const asOf = q['as-of'] ?? ledger.today();
    const format = (q.format ?? 'pdf') as Format;
    if (!isLocalDate(asOf) || !FORMATS.includes(format)) {
      res.send(400, {
        code: 'VALIDATION',
        message: 'as-of must be a date YYYY-MM-DD and format one of pdf, csv, zip, json',
        problems: [],
      });
      return;
    }
    await send(res, ledger, company, (req.params as { ref: string }).ref, asOf, format);
  });
  http.server.get('/files/case-file/:file', async (req: Request, res: Response) => {
    const { file } = req.params as { file: string };
    const m = /^(.+)\.(pdf|zip|csv)$/.exec(file);
    const q = query(req);
    const asOf = q['as-of'];
    if (
      !m ||
      !asOf ||
      !isLocalDate(asOf) ||
      !signer.verify(`${filePath(m[1]!, m[2]!)}@${asOf}`, q.exp, q.sig)
    ) {
      res.send(404, { code: 'NOT_FOUND', message: 'this link is unknown or has expired' });
      return;
    }
    await send(res, ledger, company, m[1]!, asOf, m[2] as Format);
  });
}
