/**
 * The activity trail in the reader's language. Kinds are words ("lettre", not "letter"); a
 * summary Relance stored in both languages ("Lettre de relance envoyée / reminder letter
 * sent") shows the reader's side; a code left in a summary ("reminder_letter", "billing_error")
 * is said as the words for it. What a person typed (a call note) is shown as typed.
 */
import type { ACTIVITY_KINDS } from '../models/schemas/common';
import { OUTCOME_LABELS, STEP_LABELS } from './i18n';
import type { Lang } from './turn';

type Kind = (typeof ACTIVITY_KINDS)[number];

export const KIND_LABELS: Record<Lang, Record<Kind, string>> = {
  fr: {
    call: 'appel',
    letter: 'lettre',
    email: 'e-mail',
    promise: 'promesse',
    dispute: 'litige',
    approval: 'validation',
    escalation: 'escalade',
    import: 'import',
    payment: 'paiement',
    note: 'note',
    callback: 'rappel',
    digest: 'point du matin',
    communication: 'courrier',
  },
  en: {
    call: 'call',
    letter: 'letter',
    email: 'email',
    promise: 'promise',
    dispute: 'dispute',
    approval: 'approval',
    escalation: 'escalation',
    import: 'import',
    payment: 'payment',
    note: 'note',
    callback: 'call-back',
    digest: 'morning digest',
    communication: 'letter',
  },
};

export function kindLabel(kind: string, lang: Lang): string {
  return KIND_LABELS[lang][kind as Kind] ?? kind;
}

/** "FR / EN" written by Relance: both sides start with a capital or a word, one separator. */
const BILINGUAL = /^([^/]+?) \/ ([^/]+)$/;

/** A stored summary as the reader reads it (see the module comment). */
export function trailText(summary: string, lang: Lang): string {
  const both = BILINGUAL.exec(summary);
  const side = both ? (lang === 'fr' ? both[1]! : both[2]!) : summary;
  const words: Record<string, string> = { ...OUTCOME_LABELS[lang], ...STEP_LABELS[lang] };
  return side.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (code) => words[code] ?? code.replace(/_/g, ' '));
}
