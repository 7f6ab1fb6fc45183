/** The conversation's own words (`dialogs/conversation.ts`, `dialogs/home.ts`): help, refusals, snooze, the home page. */
import { catalogue } from '../../models/words/catalogue';

export const say = catalogue('conversation', {
  en: {
    help: 'I can tell you who to call ("who should I call today?", "top 5", "my calls for tomorrow", "calls for Marie", "only over 10k"), give you your morning digest ("digest"), draft a letter or a script ("draft a reminder for Dubois", "formal notice for FR004", "call script for Dubois") and log your calls: write what happened ("Dubois: spoke to Mrs Petit, will pay 5k Friday and the rest end of month, INV-1028 disputed: goods damaged") and I show you what I will record.',
    unknownUser: "I don't know you yet: ask your Relance administrator to add your {{id}} to the team.",
    platformId: '{{platform}} user id',
    userId: 'user id',
    staleForm: 'That form is no longer valid.',
    staleButton: 'That button is no longer valid.',
    customerNotFound: 'Customer {{customer}} not found.',
    snoozed: '{{name}} is snoozed until {{day}}.',
    homeBlocked: 'blocked by a check: to fix',
    homeAwaiting: 'awaiting your approval',
    open: 'Open',
    homeDrafts: 'Drafts waiting for you ({{count}})',
    homeNoDraft: 'No draft waiting.',
    homeSummary: 'Relance: your day',
    homeTitle: 'Relance — {{day}}',
  },
  fr: {
    help: "Je peux vous dire qui appeler (« qui dois-je appeler aujourd'hui ? », « top 5 », « mes appels de demain », « appels pour Marie », « seulement au-dessus de 10k »), vous donner le point du jour (« résumé »), préparer un courrier ou un script (« lettre de relance pour Dubois », « mise en demeure pour FR004 », « script d'appel pour Dubois ») et noter vos appels : écrivez ce qui s'est passé (« Dubois : joint Mme Petit, paiera 5k vendredi et le solde fin du mois, FA-1028 contestée : marchandise abîmée »), je vous montre ce que j'enregistrerai.",
    unknownUser:
      "Je ne vous connais pas encore : demandez à l'administrateur de Relance d'ajouter votre {{id}} à l'équipe.",
    platformId: 'identifiant {{platform}}',
    userId: 'identifiant',
    staleForm: 'Ce formulaire n’est plus valable.',
    staleButton: 'Ce bouton n’est plus valable.',
    customerNotFound: 'Client {{customer}} introuvable.',
    snoozed: '{{name}} est reporté au {{day}}.',
    homeBlocked: 'bloqué par un contrôle : à corriger',
    homeAwaiting: 'à valider',
    open: 'Ouvrir',
    homeDrafts: 'Brouillons à valider ({{count}})',
    homeNoDraft: 'Aucun brouillon en attente.',
    homeSummary: 'Relance : votre journée',
    homeTitle: 'Relance — {{day}}',
  },
});
