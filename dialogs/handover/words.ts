/**
 * The words of the hand-over, the sales-rep step and the digest's hand-over, limitation and
 * insurer sections: one catalogue per language (no inline `fr ? … : …`).
 */
import type { Lang } from '../turn';

const fr = {
  handoverTitle: 'Dossiers transmis (agence / commissaire de justice)',
  handoverLine: (partner: string | null, since: string, owed: string) =>
    `${partner ?? 'partenaire non nommé'}, depuis le ${since} — reste dû ${owed}`,
  handoverTotal: 'Total transmis',
  handoverNote: 'Hors relances et listes d’appels ; les paiements reçus continuent de les solder.',
  insurerTitle: 'Déclaration à l’assureur-crédit',
  insurerComing: (date: string, days: number) =>
    `menace de sinistre à déclarer avant le ${date} (dans ${days} j)`,
  insurerToday: (date: string) => `menace de sinistre à déclarer aujourd’hui (${date})`,
  insurerPassed: (date: string, days: number) =>
    `délai de déclaration dépassé depuis le ${date} (${days} j) : déclarez sans attendre`,
  insurerNote: (days: number) =>
    `Délai de l’assureur : ${days} jours après l’échéance (politique de l’équipe).`,
  repTitle: (name: string, ref: string) => `Visite ou appel demandé — ${name} (${ref})`,
  repAsk: (owner: string, customer: string) =>
    `${owner} a besoin de vous : les relances amiables de ${customer} n’ont pas suffi et la mise en demeure approche. Pouvez-vous passer les voir ou les appeler ? Répondez-moi ici avec ce qui s’est passé (par ex. « vu le client, ils paient vendredi ») : je le transmets à ${owner} pour confirmation.`,
  repOwed: 'Reste dû',
  repInvoices: 'Factures',
  repInvoiceLine: (n: string, amount: string, late: number) => `${n} : ${amount}, ${late} j de retard`,
  repContacts: 'Derniers contacts',
  repNoContact: 'aucun contact enregistré',
  repOwner: 'Chargé(e) de recouvrement',
  repThanks: (customer: string, owner: string) =>
    `Merci ! J’ai transmis votre compte rendu sur ${customer} à ${owner}, qui le confirmera.`,
  repForwardTitle: (rep: string, name: string, ref: string) =>
    `Compte rendu de ${rep} (commercial) — ${name} (${ref})`,
  repForwardIntro: (rep: string) => `${rep} a vu ou appelé le client et rapporte :`,
  repReportedBy: 'Rapporté par',
  repSummary: (rep: string, text: string) => `Compte rendu de ${rep} (commercial) : ${text}`,
  repShowCustomer: 'Fiche client',
  repAsked: (rep: string) => `Commercial sollicité pour une visite ou un appel (${rep})`,
};

const en: typeof fr = {
  handoverTitle: 'Handed over (agency / commissaire de justice)',
  handoverLine: (partner, since, owed) =>
    `${partner ?? 'partner not named'}, since ${since} — still owed ${owed}`,
  handoverTotal: 'Total handed over',
  handoverNote: 'Off the ladder and the call lists; payments received still settle them.',
  insurerTitle: 'Credit insurer declaration',
  insurerComing: (date, days) => `threat of loss to declare by ${date} (in ${days} d)`,
  insurerToday: (date) => `threat of loss to declare today (${date})`,
  insurerPassed: (date, days) => `declaration deadline passed on ${date} (${days} d ago): declare now`,
  insurerNote: (days) => `Insurer's deadline: ${days} days after the due date (team policy).`,
  repTitle: (name, ref) => `Visit or call asked — ${name} (${ref})`,
  repAsk: (owner, customer) =>
    `${owner} needs you: amicable reminders to ${customer} have not worked and the formal notice is near. Could you visit or call them? Reply here with what happened (e.g. "done, they'll pay Friday"): I pass it to ${owner} to confirm.`,
  repOwed: 'Still owed',
  repInvoices: 'Invoices',
  repInvoiceLine: (n, amount, late) => `${n}: ${amount}, ${late} days late`,
  repContacts: 'Last contacts',
  repNoContact: 'no contact recorded',
  repOwner: 'Credit controller',
  repThanks: (customer, owner) =>
    `Thanks! I passed your report on ${customer} to ${owner}, who will confirm it.`,
  repForwardTitle: (rep, name, ref) => `Report from ${rep} (sales rep) — ${name} (${ref})`,
  repForwardIntro: (rep) => `${rep} saw or called the customer and reports:`,
  repReportedBy: 'Reported by',
  repSummary: (rep, text) => `Report from ${rep} (sales rep): ${text}`,
  repShowCustomer: 'Customer card',
  repAsked: (rep) => `Sales rep asked for a visit or a call (${rep})`,
};

export type HandoverWords = typeof fr;

export function words(lang: Lang): HandoverWords {
  return lang === 'fr' ? fr : en;
}
