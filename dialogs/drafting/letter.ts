/**
 * A draft laid out for its reader: as a letter (the PDF's input: letterhead, address,
 * references, table) and as plain text (the CLI, an email body, a chat preview).
 */
import type { LetterInput } from '../../integrations/pdf/letter';
import type { DraftContent } from '../../prompts/draft';
import { money, STEP_LABELS } from '../i18n';
import { addressLines } from './address';
import type { DraftFacts } from './facts';
import { fullName } from './salutation';
import { letterDate } from './typography';

const REGISTERED: Partial<Record<string, Record<'fr' | 'en', string>>> = {
  second_reminder: { fr: 'Lettre recommandée', en: 'Registered letter' },
  formal_notice: {
    fr: 'Lettre recommandée avec accusé de réception',
    en: 'Registered letter with acknowledgement of receipt',
  },
};

/** 27/11/2026: day first, in both languages (the letters are French). */
const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

const HEADERS = {
  fr: ['Facture', 'Date', 'Échéance', 'Montant TTC', 'Réglé', 'Avoirs', 'En litige', 'Reste dû', 'Retard'],
  en: [
    'Invoice',
    'Date',
    'Due date',
    'Amount incl. tax',
    'Paid',
    'Credit notes',
    'Disputed',
    'Balance due',
    'Days late',
  ],
};
const DISPUTED_COLUMN = 6;

/**
 * The statement of account: per invoice, its amount including tax, what was paid, the credit
 * notes, the balance asked (owed and not disputed) and the days late. A disputed column only
 * when part of an invoice is disputed, so that each row still adds up.
 */
export function invoiceTable(content: DraftContent, f: DraftFacts): LetterInput['table'] {
  const fr = f.lang === 'fr';
  const m = (amount: number, currency: string) => money(amount, currency, f.lang);
  const byNumber = new Map(f.invoices.map((i) => [i.number, i]));
  const disputed = f.invoices.some((i) => (i.disputed ?? 0) > 0);
  const cut = (cells: string[]) => (disputed ? cells : cells.filter((_, k) => k !== DISPUTED_COLUMN));
  const sum = (pick: (i: DraftFacts['invoices'][number]) => number) =>
    f.totals
      .map((t) =>
        m(
          f.invoices.filter((i) => i.currency === t.currency).reduce((n, i) => n + pick(i), 0),
          t.currency,
        ),
      )
      .join(' + ');
  return {
    headers: cut(HEADERS[f.lang]),
    rows: content.invoices.map((i) => {
      // Drafts stored before the statement columns existed have no such figures.
      const s = byNumber.get(i.number)?.original === undefined ? undefined : byNumber.get(i.number);
      return cut([
        i.number,
        shortDate(i.issueDate),
        shortDate(i.dueDate),
        s ? m(s.original, i.currency) : '',
        s ? m(s.paid, i.currency) : '',
        s ? m(s.credited, i.currency) : '',
        s ? m(s.disputed, i.currency) : '',
        m(i.amount, i.currency),
        i.daysLate > 0 ? (fr ? `${i.daysLate} j` : `${i.daysLate} d`) : '—',
      ]);
    }),
    totals: cut([
      'Total',
      '',
      '',
      sum((i) => i.original),
      sum((i) => i.paid),
      sum((i) => i.credited),
      sum((i) => i.disputed),
      f.totals.map((t) => m(t.owed, t.currency)).join(' + '),
      '',
    ]),
  };
}

export function letterOf(content: DraftContent, f: DraftFacts): LetterInput {
  const fr = f.lang === 'fr';
  const place = f.company.addressLines.at(-1)?.replace(/^\d{4,5}\s+/, '') ?? '';
  return {
    company: f.company,
    recipient: {
      name: f.customer.name,
      // A consumer is the addressee: no "for the attention of" line.
      contact:
        f.customer.contact && !f.customer.consumer && !f.customer.name.includes(f.customer.contact.name)
          ? `${fr ? 'À l’attention de' : 'For the attention of'} ${fullName(f.customer.contact, f.lang)}`
          : null,
      lines: addressLines(f.customer.address, f.lang, f.country ?? 'FR'),
    },
    placeAndDate: fr ? `${place}, le ${letterDate(f.asOf, 'fr')}` : `${place}, ${letterDate(f.asOf, 'en')}`,
    reference: fr
      ? `Réf. client\u00a0: ${f.customer.reference} — ${STEP_LABELS.fr[f.step]}`
      : `Customer ref.: ${f.customer.reference} — ${STEP_LABELS.en[f.step]}`,
    mailing: REGISTERED[f.kind]?.[f.lang],
    content,
    table: invoiceTable(content, f),
  };
}

/** The draft as plain text, table included: what the card shows and the golden tests keep. */
export function draftText(content: DraftContent, f: DraftFacts): string {
  const t = invoiceTable(content, f);
  const widths = t.headers.map((h, i) =>
    Math.max(h.length, ...t.rows.map((r) => r[i]!.length), t.totals[i]!.length),
  );
  // Amounts right-aligned, words left-aligned.
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 3 && i < cells.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const s = content.script;
  const fr = f.lang === 'fr';
  const label = (x: string) => (fr ? `${x}\u00a0:` : `${x}:`);
  const script = s
    ? [
        '',
        `${label(fr ? 'Ouverture' : 'Opening')} ${s.opening}`,
        label(fr ? 'Faits' : 'Facts'),
        ...s.facts.map((x) => `  - ${x}`),
        label('Questions'),
        ...s.questions.map((x) => `  - ${x}`),
        label('Objections'),
        ...s.objections.map((o) =>
          fr ? `  - «\u00a0${o.objection}\u00a0» → ${o.answer}` : `  - "${o.objection}" → ${o.answer}`,
        ),
        ...(s.proposals.length
          ? [label(fr ? 'Propositions' : 'Proposals'), ...s.proposals.map((x) => `  - ${x}`)]
          : []),
        `${label(fr ? 'Conclusion' : 'Closing')} ${s.closing}`,
      ]
    : [];
  const isLetter = f.kind !== 'call_script' && f.kind !== 'preventive_reminder';
  const l = isLetter ? letterOf(content, f) : null;
  const header = l
    ? [
        ...(l.mailing ? [l.mailing, ''] : []),
        l.recipient.name,
        ...(l.recipient.contact ? [l.recipient.contact] : []),
        ...l.recipient.lines,
        '',
        l.placeAndDate,
        l.reference,
        '',
      ]
    : [];
  return [
    ...header,
    `${label(fr ? 'Objet' : 'Subject')} ${content.subject}`,
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
