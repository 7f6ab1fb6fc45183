/**
 * What goes out with a communication: the letter of the approved version as a PDF (edits
 * included), a statement of account of the customer's open invoices as they stand when it is
 * sent, and the email itself (To the accounting contact, else the usual one; Reply-To the
 * owner; the approved version's subject and text).
 */
import type { Company } from '../../integrations/config';
import type { OutgoingMail } from '../../integrations/email/mailer';
import { renderLetterPdf } from '../../integrations/pdf/letter';
import type { Models } from '../../models';
import { invoiceFacts } from '../../models/ledger/invoice-state';
import { daysLate, outstanding } from '../../models/rules/invoice-facts';
import type { Policy } from '../../models/rules/policy';
import { DraftContent } from '../../prompts/draft';
import type { StoredDraft } from '../drafting/drafts';
import type { DraftFacts } from '../drafting/facts';
import { draftText, letterOf } from '../drafting/letter';
import { letterDate } from '../drafting/templates';
import { money } from '../i18n';
import type { Lang } from '../turn';

/** The version a PDF or a mail is made of: the approved one once decided, else the latest. */
export function versionOf(d: StoredDraft, n?: number): { n: number; content: DraftContent } {
  const want = n ?? d.approvedVersion ?? d.versions.length;
  const v = d.versions.find((x) => x.n === want) ?? d.versions.at(-1)!;
  return { n: v.n, content: DraftContent.parse(v.content) };
}

export function letterPdf(d: StoredDraft, n?: number): Promise<Buffer> {
  const facts = d.inputs as DraftFacts;
  return renderLetterPdf(letterOf(versionOf(d, n).content, { ...facts, lang: d.lang as Lang }));
}

export function pdfName(d: StoredDraft, n?: number): string {
  return `${d.customer}-${d.step}-v${versionOf(d, n).n}.pdf`;
}

const ACCOUNTING = /compta|account|payable|financ|fournisseur|bookkeep|trésor|tresor/i;

/** The accounting contact's address, else the usual contact's, else any contact's; null when none. */
export async function recipientOf(
  models: Models,
  customer: string,
): Promise<{ name: string; email: string } | null> {
  const c = await models.Customer.findOne({ reference: customer }, { contacts: 1 }).lean();
  const withMail = (c?.contacts ?? []).filter((x) => x.email);
  const pick =
    withMail.find((x) => ACCOUNTING.test(x.role ?? '')) ?? withMail.find((x) => x.usual) ?? withMail[0];
  return pick ? { name: pick.name, email: pick.email! } : null;
}

/** The customer's open invoices as they stand, as a PDF on the letterhead. */
export async function statementPdf(
  models: Models,
  policy: Policy,
  company: Company,
  d: StoredDraft,
  asOf: string,
): Promise<Buffer> {
  const facts = d.inputs as DraftFacts;
  const lang = d.lang as Lang;
  const fr = lang === 'fr';
  const docs = await models.Invoice.find({
    customer: d.customer,
    status: { $in: ['open', 'partially_paid'] },
  })
    .sort({ dueDate: 1 })
    .lean();
  const open = docs.map((i) => invoiceFacts(i)).filter((i) => outstanding(i) > 0);
  const totals = new Map<string, number>();
  for (const i of open) totals.set(i.currency, (totals.get(i.currency) ?? 0) + outstanding(i));
  const short = (x: string) => `${x.slice(8, 10)}/${x.slice(5, 7)}/${x.slice(0, 4)}`;
  const content: DraftContent = {
    subject: fr
      ? `Relevé de compte au ${letterDate(asOf, 'fr')}`
      : `Statement of account at ${letterDate(asOf, 'en')}`,
    greeting: fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
    paragraphs: [
      fr
        ? `Voici le détail des factures ouvertes à votre compte (${facts.customer.reference}) à ce jour.`
        : `Here are the invoices open on your account (${facts.customer.reference}) as of today.`,
    ],
    invoices: [],
    deadline: null,
    closing: fr ? 'Nous restons à votre disposition pour tout renseignement.' : 'We remain at your disposal.',
    signature: company.name,
    toneNotes: null,
    script: null,
  };
  const letter = letterOf(content, { ...facts, lang, asOf });
  return renderLetterPdf({
    ...letter,
    reference: `${fr ? 'Réf. client' : 'Customer ref.'} : ${facts.customer.reference}`,
    mailing: undefined,
    table: {
      headers: fr
        ? ['Facture', 'Date', 'Échéance', 'Retard', 'Reste dû']
        : ['Invoice', 'Date', 'Due date', 'Days late', 'Amount due'],
      rows: open.map((i) => {
        const late = daysLate(i, asOf, policy.country);
        return [
          i.number + (i.disputedAmount > 0 ? (fr ? ' (litige)' : ' (disputed)') : ''),
          short(i.issueDate),
          short(i.dueDate),
          late > 0 ? (fr ? `${late} j` : `${late} d`) : '—',
          money(outstanding(i), i.currency, lang),
        ];
      }),
      totals: ['Total', '', '', '', [...totals].map(([cur, n]) => money(n, cur, lang)).join(' + ')],
    },
  });
}

/** The email of the approved version, with its PDF and the statement of account. */
export async function composeMail(
  services: { models: Models; policy: Policy; company: Company; emailFrom?: string },
  d: StoredDraft,
  to: { name: string; email: string },
  asOf: string,
): Promise<OutgoingMail> {
  const facts = d.inputs as DraftFacts;
  const { content } = versionOf(d);
  const owner = await services.models.Staff.findOne({ handle: d.owner }, { email: 1, name: 1 }).lean();
  // The plain text without its "Subject:" line (the mail has its own subject).
  const text = draftText(content, { ...facts, lang: d.lang as Lang }).replace(
    /^(?:[^\n]*\n\n)?(?:Objet|Subject): [^\n]*\n\n/,
    '',
  );
  const fr = d.lang === 'fr';
  return {
    from: services.emailFrom ?? services.company.email ?? 'relance@localhost',
    to: `"${to.name.replace(/"/g, '')}" <${to.email}>`,
    replyTo: owner?.email ?? undefined,
    subject: content.subject,
    text,
    reference: d.ref ?? d.key,
    attachments: [
      { filename: pdfName(d), content: await letterPdf(d), contentType: 'application/pdf' },
      {
        filename: fr ? `releve-de-compte-${d.customer}.pdf` : `statement-${d.customer}.pdf`,
        content: await statementPdf(services.models, services.policy, services.company, d, asOf),
        contentType: 'application/pdf',
      },
    ],
  };
}
