/**
 * "case file for Acme", "dossier Dubois": the case file of a customer, in chat, as a signed
 * expiring link to its PDF on the product's own server (ZIP and CSV beside it), with the
 * figures that matter on the card. Without a server (the CLI), says how to write it instead.
 */
import { DEFAULT_COMPANY } from '../../integrations/config';
import type { LocalDate } from '../../models/rules/dates';
import { loadNoteDirectory } from '../call-note/directory';
import { findCustomer, findInvoices } from '../call-note/directory-match';
import { money } from '../i18n';
import { whichCustomer } from '../ledger-answers';
import { type Reply, textReply, titledReply } from '../reply';
import type { CaseFileAsk } from '../requests';
import type { DialogServices } from '../services';
import type { Turn } from '../turn';
import { buildCaseFile } from './build';
import type { CaseFileServices } from './bundle';
import { penaltyTotalText } from './layout';

export type CaseFileLinks = (customer: string, asOf: LocalDate, format: 'pdf' | 'zip' | 'csv') => string;

export type ChatCaseFileServices = DialogServices & {
  company?: CaseFileServices['company'];
  caseFileLinks?: CaseFileLinks;
};

export async function answerCaseFileAsk(
  _turn: Turn,
  ask: CaseFileAsk,
  services: ChatCaseFileServices,
): Promise<Reply> {
  const company = services.company ?? DEFAULT_COMPANY;
  const fr = ask.lang === 'fr';
  const today = services.today();
  const dir = await loadNoteDirectory(services.models, today);
  const match = findCustomer(ask.target, dir, findInvoices(ask.target, dir).known);
  if (match.kind === 'several') return whichCustomer(match.candidates, ask.lang, 'card');
  if (match.kind !== 'one')
    return textReply(
      fr ? `Je ne trouve pas de client « ${ask.target} ».` : `I can't find a customer "${ask.target}".`,
    );
  const cf = await buildCaseFile(services.models, services.policy, company, match.customer, today, ask.lang);
  const title = fr
    ? `Dossier de recouvrement — ${cf.debtor.name} (${cf.debtor.reference})`
    : `Case file — ${cf.debtor.name} (${cf.debtor.reference})`;
  const links = services.caseFileLinks;
  const where = links
    ? fr
      ? `PDF : ${links(cf.debtor.reference, today, 'pdf')}\nZIP (PDF, CSV et courriers) : ${links(cf.debtor.reference, today, 'zip')}\nLiens valables 7 jours.`
      : `PDF: ${links(cf.debtor.reference, today, 'pdf')}\nZIP (PDF, CSV and letters): ${links(cf.debtor.reference, today, 'zip')}\nLinks valid for 7 days.`
    : `npm run relance -- case-file --customer ${cf.debtor.reference}`;
  return titledReply(title, [
    {
      kind: 'facts',
      facts: [
        { label: fr ? 'Factures ouvertes' : 'Open invoices', value: String(cf.invoices.length) },
        {
          label: fr ? 'Reste dû' : 'Remaining',
          value: cf.totals.map((t) => money(t.remaining, t.currency, ask.lang)).join(' + ') || '—',
        },
        { label: fr ? `Pénalités au ${today}` : `Penalties to ${today}`, value: penaltyTotalText(cf) },
        { label: fr ? 'Indemnités' : 'Indemnities', value: money(cf.indemnityTotal, 'EUR', ask.lang) },
        { label: 'SIREN', value: cf.debtor.legalId ?? (fr ? 'inconnu' : 'unknown') },
        { label: fr ? 'Actions au dossier' : 'Activities', value: String(cf.trail.length) },
      ],
    },
    { kind: 'text', text: where },
    ...cf.warnings.map((w) => ({ kind: 'text' as const, text: `⚠ ${w}` })),
  ]);
}
