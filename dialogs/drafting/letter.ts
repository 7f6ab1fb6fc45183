/**
 * A draft laid out for its reader: as a letter (the PDF's input: letterhead, address,
 * references, table) and as plain text (the CLI, an email body, a chat preview).
 */
import type { LetterInput } from '../../integrations/pdf/letter';
import type { DraftContent } from '../../prompts/draft';
import { money, STEP_LABELS } from '../i18n';
import type { DraftFacts } from './facts';
import { letterDate } from './templates';

const REGISTERED: Partial<Record<string, Record<'fr' | 'en', string>>> = {
  second_reminder: { fr: 'Lettre recommandée', en: 'Registered letter' },
  formal_notice: {
    fr: 'Lettre recommandée avec accusé de réception',
    en: 'Registered letter with acknowledgement of receipt',
  },
};

/** 27/11/2026: day first, in both languages (the letters are French). */
const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function invoiceTable(content: DraftContent, f: DraftFacts): LetterInput['table'] {
  const fr = f.lang === 'fr';
  return {
    headers: fr
      ? ['Facture', 'Date', 'Échéance', 'Retard', 'Reste dû']
      : ['Invoice', 'Date', 'Due date', 'Days late', 'Amount due'],
    rows: content.invoices.map((i) => [
      i.number,
      shortDate(i.issueDate),
      shortDate(i.dueDate),
      i.daysLate > 0 ? (fr ? `${i.daysLate} j` : `${i.daysLate} d`) : '—',
      money(i.amount, i.currency, f.lang),
    ]),
    totals: ['Total', '', '', '', f.totals.map((t) => money(t.owed, t.currency, f.lang)).join(' + ')],
  };
}

export function letterOf(content: DraftContent, f: DraftFacts): LetterInput {
  const fr = f.lang === 'fr';
  const place = f.company.addressLines.at(-1)?.replace(/^\d{4,5}\s+/, '') ?? '';
  const a = f.customer.address;
  return {
    company: f.company,
    recipient: {
      name: f.customer.name,
      contact: f.customer.contact
        ? fr
          ? `À l’attention de ${f.customer.contact.name}`
          : `For the attention of ${f.customer.contact.name}`
        : null,
      lines: a ? [...a.lines, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean) : [],
    },
    placeAndDate: fr ? `${place}, le ${letterDate(f.asOf, 'fr')}` : `${place}, ${letterDate(f.asOf, 'en')}`,
    reference: `${fr ? 'Réf. client' : 'Customer ref.'} : ${f.customer.reference} — ${STEP_LABELS[f.lang][f.step]}`,
    mailing: REGISTERED[f.kind]?.[f.lang],
    content,
    table: invoiceTable(content, f),
  };
}

/** The draft as plain text, table included. */
export function draftText(content: DraftContent, f: DraftFacts): string {
  const t = invoiceTable(content, f);
  const widths = t.headers.map((h, i) =>
    Math.max(h.length, ...t.rows.map((r) => r[i]!.length), t.totals[i]!.length),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const s = content.script;
  const fr = f.lang === 'fr';
  const script = s
    ? [
        '',
        `${fr ? 'Ouverture' : 'Opening'}: ${s.opening}`,
        `${fr ? 'Faits' : 'Facts'}:`,
        ...s.facts.map((x) => `  - ${x}`),
        `${fr ? 'Questions' : 'Questions'}:`,
        ...s.questions.map((x) => `  - ${x}`),
        `${fr ? 'Objections' : 'Objections'}:`,
        ...s.objections.map((o) =>
          fr ? `  - « ${o.objection} » → ${o.answer}` : `  - "${o.objection}" → ${o.answer}`,
        ),
        ...(s.proposals.length
          ? [`${fr ? 'Propositions' : 'Proposals'}:`, ...s.proposals.map((x) => `  - ${x}`)]
          : []),
        `${fr ? 'Conclusion' : 'Closing'}: ${s.closing}`,
      ]
    : [];
  const mailing = REGISTERED[f.kind]?.[f.lang];
  return [
    ...(mailing ? [mailing, ''] : []),
    `${fr ? 'Objet' : 'Subject'}: ${content.subject}`,
    '',
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    line(t.headers),
    ...t.rows.map(line),
    line(t.totals),
    ...script,
    '',
    content.closing,
    '',
    content.signature,
  ].join('\n');
}
