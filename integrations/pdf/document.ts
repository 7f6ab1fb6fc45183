/** What every PDF Relance prints shares: an A4 pdfkit document collected into a Buffer, and the letterhead. */
import PDFDocument from 'pdfkit';
import type { Company } from '../config';

/**
 * The standard fonts' encoding (WinAnsi) has no narrow no-break space (Intl's French thousands
 * separator, U+202F) nor thin space: a no-break space prints instead.
 */
export const printable = (t: string): string => t.replace(/[\u202f\u2009]/g, '\u00a0');

export function a4Document(opts: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({ size: 'A4', ...opts });
  // Every string drawn or measured goes through `printable`, so French amounts ("20 506,98 €")
  // print with their thousands space instead of a missing glyph, whoever lays the page out.
  const text = doc.text.bind(doc);
  const widthOf = doc.widthOfString.bind(doc);
  doc.text = ((s: unknown, ...rest: unknown[]) =>
    (text as (...a: unknown[]) => PDFKit.PDFDocument)(
      typeof s === 'string' ? printable(s) : s,
      ...rest,
    )) as typeof doc.text;
  doc.widthOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    widthOf(printable(s), o)) as typeof doc.widthOfString;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The company's name, address, phone and e-mail, and SIREN / VAT, top left. */
export function letterhead(doc: PDFKit.PDFDocument, company: Company, nameSize = 14): void {
  doc.font('Helvetica-Bold').fontSize(nameSize).text(company.name);
  doc.font('Helvetica').fontSize(9);
  for (const l of company.addressLines) doc.text(l);
  const contact = [company.phone, company.email].filter(Boolean).join(' — ');
  if (contact) doc.text(contact);
  if (company.legalId) doc.text(company.legalId);
}
