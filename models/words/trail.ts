/**
 * The trail's words. The rule for the language of trail summaries (README, Architecture):
 * an activity's `summary` is written once, in the **team's language** (`policy.defaultLocale`),
 * whoever wrote it and whatever language they wrote in — the trail is one shared record, read
 * by colleagues, managers and, one day, a collection agency or a court, so it must not switch
 * language from line to line. What a person said in their own words (a call note, a reason) is
 * quoted as they wrote it; the facts themselves stay language-neutral in `outcome` and `data`.
 * `trailSay(policy, key, vars)` is how product code words a summary (the dialogs add the
 * names of steps and outcomes, `dialogs/words/trail.ts`).
 */
import type { Policy } from '../rules/policy';
import { catalogue, type Lang, type Vars } from './catalogue';

export const trailWords = catalogue('trail', {
  en: {
    dispute: 'Dispute ({{reason}}): {{detail}}',
    promise: 'Promise: {{instalments}}',
    noteUndone: 'Call note undone: "{{text}}"',
    snoozed: 'Snoozed until {{day}}',
    promiseKept: 'Promise kept',
    promiseBroken: 'Promise broken',
    promiseBrokenStep: 'Promise broken: step brought forward ({{step}})',
    import:
      '{{kind}} from {{source}}: {{inserted}} new, {{updated}} updated, {{unchanged}} unchanged, {{rejected}} rejected',
    draftEvent: '{{what}} — {{step}} v{{version}}{{detail}}',
    detail: ': {{detail}}',
    draft_drafted: 'Drafted',
    draft_approved: 'Approved',
    draft_rejected: 'Rejected',
    draft_edited: 'Edited',
    draft_regenerated: 'Regenerated',
    draft_sending: 'Sending',
    draft_failed: 'Sending failed',
    draft_sent: 'Sent',
    draft_superseded: 'Superseded',
  },
  fr: {
    dispute: 'Litige ({{reason}}) : {{detail}}',
    promise: 'Promesse : {{instalments}}',
    noteUndone: 'Note d’appel annulée : « {{text}} »',
    snoozed: 'Reporté au {{day}}',
    promiseKept: 'Promesse tenue',
    promiseBroken: 'Promesse non tenue',
    promiseBrokenStep: 'Promesse non tenue : étape avancée ({{step}})',
    import:
      '{{kind}} depuis {{source}} : {{inserted}} nouveaux, {{updated}} mis à jour, {{unchanged}} inchangés, {{rejected}} rejetés',
    draftEvent: '{{what}} — {{step}} v{{version}}{{detail}}',
    detail: ' : {{detail}}',
    draft_drafted: 'Rédaction',
    draft_approved: 'Validation',
    draft_rejected: 'Refus',
    draft_edited: 'Modification',
    draft_regenerated: 'Nouvelle rédaction',
    draft_sending: 'Envoi en cours',
    draft_failed: 'Échec de l’envoi',
    draft_sent: 'Envoi',
    draft_superseded: 'Remplacement',
  },
});

type Key = Parameters<typeof trailWords>[1];
type Words = Exclude<Key, `draft_${string}` | 'draftEvent' | 'detail'>;

/** The team's language: the one every trail summary is written in. */
export function trailLang(policy: Pick<Policy, 'defaultLocale'>): Lang {
  return policy.defaultLocale;
}

/** A trail summary, in the team's language. */
export function trailSay(policy: Pick<Policy, 'defaultLocale'>, key: Words, vars: Vars = {}): string {
  return trailWords(trailLang(policy), key, vars);
}
