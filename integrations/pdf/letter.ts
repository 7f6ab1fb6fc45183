/**
 * A letter as a PDF (pdfkit), fit for postal or registered mail: the company letterhead, the
 * recipient's address where a window envelope shows it, place and date, the references, the
 * body, the invoice table and the signature. Standard fonts only (no files to ship).
 */
import type { DraftContent } from '../../prompts/draft';
import type { Company } from '../config';
import { a4Document, letterhead } from './document';

export interface LetterInput {
  company: Company;
  recipient: { name: string; contact?: string | null; lines: string[] };
  /** "Paris, le 23 novembre 2026" / "Paris, 23 November 2026". */
  placeAndDate: string;
  /** "Réf. client : FR004 — Mise en demeure". */
  reference: string;
  /** Printed above the address for registered letters. */
  mailing?: string;
  content: DraftContent;
  /** The table's column headers and formatted cells, in the letter's language. */
  table: { headers: string[]; rows: string[][]; totals: string[] };
}

const MARGIN = 56;

export function renderLetterPdf(letter: LetterInput): Promise<Buffer> {
  const { doc, done } = a4Document({ margin: MARGIN, info: { Title: letter.content.subject } });
  const width = doc.page.width - 2 * MARGIN;
  const { company, content } = letter;
  letterhead(doc, company);

  // Recipient, placed for a window envelope (DL, right window).
  const x = doc.page.width / 2 + 10;
  let y = 150;
  doc.fontSize(10);
  if (letter.mailing) {
    doc.font('Helvetica-Bold').text(letter.mailing, x, y - 18, { width: width / 2 });
  }
  doc.font('Helvetica-Bold').text(letter.recipient.name, x, y, { width: width / 2 - 10 });
  doc.font('Helvetica');
  if (letter.recipient.contact) doc.text(letter.recipient.contact, { width: width / 2 - 10 });
  for (const l of letter.recipient.lines) doc.text(l, { width: width / 2 - 10 });

  y = Math.max(doc.y + 30, 250);
  doc.text(letter.placeAndDate, x, y, { width: width / 2 - 10 });
  doc.moveDown(2);
  doc.x = MARGIN;
  doc.font('Helvetica-Bold').text(content.subject, MARGIN, doc.y, { width });
  doc.font('Helvetica').fontSize(9).text(letter.reference, { width });
  doc.moveDown();
  doc.fontSize(10).text(content.greeting, { width });
  doc.moveDown(0.5);
  for (const p of content.paragraphs) {
    doc.text(p, { width, align: 'justify' });
    doc.moveDown(0.5);
  }
  table(doc, letter.table, width);
  doc.moveDown();
  doc.text(content.closing, MARGIN, doc.y, { width });
  doc.moveDown(1.5);
  for (const l of content.signature.split('\n')) doc.text(l, { width });
  doc.end();
  return done;
}

function table(doc: PDFKit.PDFDocument, t: LetterInput['table'], width: number): void {
  const cols = t.headers.length;
  // The statement of account: invoice, dates, then amounts (right-aligned) and days late.
  const shares =
    cols === 8
      ? [0.14, 0.1, 0.1, 0.15, 0.13, 0.12, 0.16, 0.1]
      : cols === 9
        ? [0.13, 0.09, 0.09, 0.13, 0.11, 0.1, 0.11, 0.14, 0.1]
        : Array.from({ length: cols }, () => 1 / cols);
  const widths = shares.map((f) => f * width);
  const numeric = (i: number) => (cols >= 8 ? i >= 3 : i === cols - 1);
  const row = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(cols > 5 ? 8 : 9);
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y, {
        width: widths[i]! - 4,
        align: numeric(i) ? 'right' : 'left',
        lineBreak: false,
      });
      x += widths[i]!;
    });
    doc.y = y + 14;
    doc.x = MARGIN;
  };
  doc.moveDown(0.5);
  row(t.headers, true);
  doc
    .moveTo(MARGIN, doc.y - 3)
    .lineTo(MARGIN + width, doc.y - 3)
    .stroke();
  for (const r of t.rows) row(r, false);
  doc
    .moveTo(MARGIN, doc.y - 3)
    .lineTo(MARGIN + width, doc.y - 3)
    .stroke();
  row(t.totals, true);
  doc.font('Helvetica').fontSize(10);
}
