/**
 * A multi-page report as a PDF (pdfkit): the company letterhead, a title, then sections of
 * paragraphs and tables, pages numbered. What the case file is printed with; it knows nothing
 * of collections, only headings, lines and cells already written in the reader's language.
 */
import type { Company } from '../config';
import { a4Document, letterhead, printable } from './document';

export interface ReportTable {
  headers: string[];
  rows: string[][];
  totals?: string[][];
  /** Fractions of the width, one per column (default: equal). */
  widths?: number[];
  /** Columns aligned right (amounts). */
  right?: number[];
}

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  table?: ReportTable;
  after?: string[];
}

export interface ReportInput {
  company: Company;
  title: string;
  subtitle: string;
  sections: ReportSection[];
  /** "Page" / "Page": the footer word. */
  pageWord: string;
}

const MARGIN = 50;

export function renderReportPdf(input: ReportInput): Promise<Buffer> {
  const report: ReportInput = {
    ...input,
    sections: input.sections.map((s) => ({
      heading: printable(s.heading),
      paragraphs: s.paragraphs?.map(printable),
      after: s.after?.map(printable),
      table: s.table && {
        ...s.table,
        rows: s.table.rows.map((r) => r.map(printable)),
        totals: s.table.totals?.map((r) => r.map(printable)),
      },
    })),
  };
  const { doc, done } = a4Document({ margin: MARGIN, bufferPages: true, info: { Title: report.title } });
  const width = doc.page.width - 2 * MARGIN;
  letterhead(doc, report.company, 13);
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(16).text(report.title, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(report.subtitle, { width, align: 'center' });

  for (const s of report.sections) {
    doc.moveDown(1);
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.x = MARGIN;
    doc.font('Helvetica-Bold').fontSize(11).text(s.heading, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(9);
    for (const p of s.paragraphs ?? []) doc.text(p, MARGIN, doc.y, { width });
    if (s.table) table(doc, s.table, width);
    for (const p of s.after ?? []) doc.text(p, MARGIN, doc.y, { width });
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // The footer sits in the bottom margin: without lifting it pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`${report.pageWord} ${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

function table(doc: PDFKit.PDFDocument, t: ReportTable, width: number): void {
  const cols = t.headers.length;
  const widths = (t.widths ?? Array(cols).fill(1 / cols)).map((f) => f * width);
  const right = new Set(t.right ?? []);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    // A row is as tall as its tallest cell (a long summary wraps).
    const height = Math.max(
      11,
      ...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 4 }) + 3),
    );
    if (doc.y + height > doc.page.height - MARGIN - 10) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y, { width: widths[i]! - 4, align: right.has(i) ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc.y = y + height;
    doc.x = MARGIN;
  };
  const rule = () =>
    doc
      .moveTo(MARGIN, doc.y - 1)
      .lineTo(MARGIN + width, doc.y - 1)
      .stroke();
  doc.moveDown(0.3);
  row(t.headers, true);
  rule();
  for (const r of t.rows) row(r, false);
  if (t.totals?.length) {
    rule();
    for (const r of t.totals) row(r, true);
  }
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(9);
}
