/**
 * The case file's files: the PDF, the CSV, and a ZIP holding both with every letter sent,
 * printed again as it was approved (its content and the facts it was written from).
 */
import AdmZip from 'adm-zip';
import type { Company } from '../../integrations/config';
import { renderLetterPdf } from '../../integrations/pdf/letter';
import { renderReportPdf } from '../../integrations/pdf/report';
import type { Models } from '../../models';
import type { LocalDate } from '../../models/rules/dates';
import type { Policy } from '../../models/rules/policy';
import type { DraftContent } from '../../prompts/draft';
import type { DraftFacts } from '../drafting/facts';
import { letterOf } from '../drafting/letter';
import type { Lang } from '../turn';
import { buildCaseFile, type CaseFile } from './build';
import { caseFileCsv } from './csv';
import { caseFileReport } from './layout';

export interface CaseFileRequest {
  customer: string;
  asOf: LocalDate;
  lang?: Lang;
}

export interface CaseFileServices {
  models: Models;
  policy: Policy;
  company: Company;
}

export function caseFilePdf(cf: CaseFile): Promise<Buffer> {
  return renderReportPdf(caseFileReport(cf));
}

/** "dossier-FR004-2026-11-23": the files' common name. */
export function caseFileName(cf: CaseFile): string {
  const safe = cf.debtor.reference.replace(/[^\w.-]+/g, '_');
  return `${cf.lang === 'fr' ? 'dossier' : 'case-file'}-${safe}-${cf.asOf}`;
}

export async function caseFileZip(cf: CaseFile): Promise<Buffer> {
  const zip = new AdmZip();
  const name = caseFileName(cf);
  zip.addFile(`${name}.pdf`, await caseFilePdf(cf));
  zip.addFile(`${name}.csv`, Buffer.from(caseFileCsv(cf), 'utf8'));
  for (const [n, l] of cf.letters.entries()) {
    const file = `courriers/${String(n + 1).padStart(2, '0')}-${l.sentOn ?? 'undated'}-${l.step}`;
    try {
      const pdf = await renderLetterPdf(letterOf(l.content as DraftContent, l.inputs as DraftFacts));
      zip.addFile(`${file}.pdf`, pdf);
    } catch {
      // A draft stored in an older shape still goes in, as its text.
      zip.addFile(`${file}.txt`, Buffer.from(`${l.subject}\n\n${l.text}\n`, 'utf8'));
    }
  }
  return zip.toBuffer();
}

/** Builds the case file and its three renderings at once (CLI, API, chat link). */
export async function caseFileFiles(s: CaseFileServices, req: CaseFileRequest) {
  const cf = await buildCaseFile(s.models, s.policy, s.company, req.customer, req.asOf, req.lang);
  return {
    caseFile: cf,
    name: caseFileName(cf),
    pdf: await caseFilePdf(cf),
    csv: caseFileCsv(cf),
    zip: await caseFileZip(cf),
  };
}
