/** What every PDF Relance prints shares: an A4 pdfkit document collected into a Buffer, and the letterhead. */
import PDFDocument from 'pdfkit';
import type { Company } from '../config';

export function a4Document(opts: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({ size: 'A4', ...opts });
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
