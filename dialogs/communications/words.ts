/**
 * The communications' words (the drafts queue, a draft's card), in message catalogues per
 * language (i18next), as the pipeline's are (`pipeline/words.ts`): `w(lang, key, vars)`.
 */
import i18next from 'i18next';
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
    },
  },
} as const;

export type CommunicationWord = keyof (typeof resources)['en']['translation'];

const catalogue = i18next.createInstance();
void catalogue.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function w(lang: Lang, key: CommunicationWord, vars: Record<string, string | number> = {}): string {
  return catalogue.t(key, { lng: lang, ...vars });
}
