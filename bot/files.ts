/**
 * The files behind the links in chat, on the product's own server: a draft's letter as a PDF
 * (`/files/draft/<key>/v<n>.pdf`, the version named, edits included) and a mail of the local
 * outbox as it was written (`/files/mail/<key>.eml`). Each link is signed and expires
 * (integrations/links.ts); anything else is a 404 that says nothing about what exists.
 */
import fs from 'node:fs';
import { letterPdf, pdfName } from '../dialogs/communications/documents';
import type { DraftServices, StoredDraft } from '../dialogs/drafting/drafts';
import type { LinkSigner } from '../integrations/links';
import type { HttpServer } from './http-server';

const pdfPath = (key: string, n: number) => `/files/draft/${encodeURIComponent(key)}/v${n}.pdf`;
const mailPath = (key: string) => `/files/mail/${encodeURIComponent(key)}.eml`;

/** The links dialogs put on cards. */
export function draftLinks(signer: LinkSigner): NonNullable<DraftServices['links']> {
  return {
    pdf: (key, n) => signer.sign(pdfPath(key, n)),
    mail: (key) => signer.sign(mailPath(key)),
  };
}

export function mountFiles(
  http: HttpServer,
  services: Pick<DraftServices, 'models'>,
  signer: LinkSigner,
): void {
  const query = (req: { query?: unknown }) => (req.query ?? {}) as Record<string, string | undefined>;
  const notFound = (res: { send(code: number, body: unknown): void }) =>
    res.send(404, { code: 'NOT_FOUND', message: 'this link is unknown or has expired' });

  http.server.get('/files/draft/:key/:file', async (req, res) => {
    const { key, file } = req.params as { key: string; file: string };
    const n = Number(/^v(\d+)\.pdf$/.exec(file)?.[1]);
    const q = query(req);
    if (!n || !signer.verify(pdfPath(key, n), q.exp, q.sig)) return notFound(res);
    const d = await services.models.Draft.findOne({ key }).lean<StoredDraft>();
    if (!d?.versions.some((v) => v.n === n)) return notFound(res);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `inline; filename="${pdfName(d, n)}"`);
    res.sendRaw(200, await letterPdf(d, n));
  });

  http.server.get('/files/mail/:file', async (req, res) => {
    const { file } = req.params as { file: string };
    const key = file.replace(/\.eml$/, '');
    const q = query(req);
    if (!signer.verify(mailPath(key), q.exp, q.sig)) return notFound(res);
    const d = await services.models.Draft.findOne({ key }, { proof: 1 }).lean<StoredDraft>();
    const path = d?.proof?.file;
    if (!path || !fs.existsSync(path)) return notFound(res);
    // Shown as text so a browser reads it; save it as .eml to open it in a mail client.
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.sendRaw(200, await fs.promises.readFile(path));
  });
}
