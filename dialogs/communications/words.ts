/**
 * The communications' words (the drafts queue, a draft's card), in message catalogues per
 * language (i18next), as the pipeline's are (`pipeline/words.ts`): `w(lang, key, vars)`.
 */
import { catalogue } from '../catalogue';
import type { Lang } from '../turn';

const resources = {
  en: {
    translation: {
      queueTitle: 'Drafts to approve ({{count}})',
      queueMine: 'Drafts to approve ({{count}}{{overdue}})',
      queueTeam: "The team's drafts to approve ({{count}}{{overdue}})",
      queueOverdueCount: ', {{count}} overdue',
      queueEmpty: 'No draft waiting.',
      queueToPost: 'To post or to resend ({{count}})',
      queueAge: 'for {{count}} working day(s)',
      queueOverdue: '⚠ approval overdue',
      queueInvoices: 'Invoices',
      queueOwner: 'owner {{owner}}',
      open: 'Open',
      homeDrafts: 'Drafts waiting for you ({{count}}{{overdue}})',
      homeTeamDrafts: "The team's drafts waiting ({{count}}{{overdue}})",
      cardSending: 'Sending',
      cardByEmail: 'by email, with the letter as a PDF and a statement of account',
      cardNoEmail: 'no e-mail address for this customer: the letter will be to post',
      cardHandover: 'file to hand over (needs a manager)',
      cardToPost: 'registered letter to post: its registered-mail number records it sent',
      proofSmtp: 'email to {{to}}, message {{id}}',
      proofOutbox: 'email to {{to}} (local outbox), message {{id}}',
      proofRegistered: 'registered mail no. {{id}}',
      proofPostRef: 'handed to post, ref. {{id}}',
      proofPost: 'handed to post',
      cardSent: 'Sent',
      cardFailed: 'Failed',
      cardWhy: 'Why',
      cardReason: 'Reason',
      linkPdf: 'Letter PDF (v{{n}})',
      linkMail: 'Read the mail sent',
      formHandoverRef: 'Reference of the file handed over',
      formRegistered: 'Registered-mail number',
      formPosted: 'Posted',
    },
  },
  fr: {
    translation: {
      queueTitle: 'Brouillons à valider ({{count}})',
      queueMine: 'Brouillons à valider ({{count}}{{overdue}})',
      queueTeam: 'Brouillons de l’équipe à valider ({{count}}{{overdue}})',
      queueOverdueCount: ', {{count}} en retard',
      queueEmpty: 'Aucun brouillon en attente.',
      queueToPost: 'À poster ou à renvoyer ({{count}})',
      queueAge: 'depuis {{count}} j ouvré(s)',
      queueOverdue: '⚠ validation en retard',
      queueInvoices: 'Factures',
      queueOwner: 'suivi par {{owner}}',
      open: 'Ouvrir',
      homeDrafts: 'Brouillons à valider ({{count}}{{overdue}})',
      homeTeamDrafts: 'Brouillons de l’équipe à valider ({{count}}{{overdue}})',
      cardSending: 'Envoi',
      cardByEmail: 'par e-mail, avec la lettre en PDF et un relevé de compte',
      cardNoEmail: 'aucune adresse e-mail pour ce client : la lettre sera à poster',
      cardHandover: 'dossier à transmettre (à valider par un manager)',
      cardToPost: 'lettre recommandée à poster : le n° de recommandé la comptera envoyée',
      proofSmtp: 'e-mail à {{to}}, message {{id}}',
      proofOutbox: 'e-mail à {{to}} (boîte d’envoi locale), message {{id}}',
      proofRegistered: 'recommandé n° {{id}}',
      proofPostRef: 'posté, réf. {{id}}',
      proofPost: 'remis à la poste',
      cardSent: 'Envoyé',
      cardFailed: 'Échec',
      cardWhy: 'Pourquoi',
      cardReason: 'Motif',
      linkPdf: 'Lettre PDF (v{{n}})',
      linkMail: 'Lire l’e-mail envoyé',
      formHandoverRef: 'Référence du dossier transmis',
      formRegistered: 'N° de recommandé',
      formPosted: 'Posté',
    },
  },
} as const;

export type CommunicationWord = keyof (typeof resources)['en']['translation'];

const say = catalogue('communications', resources);

export function w(lang: Lang, key: CommunicationWord, vars: Record<string, string | number> = {}): string {
  return say(lang, key as never, vars);
}
