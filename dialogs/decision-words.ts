/**
 * How a decision on a draft reads, in the card's language (i18next catalogues): who decided,
 * on which day and at what time in the team's zone, and why a press was refused. The ledger's
 * errors are English for logs and scripts; a French card never shows them.
 */
import { DateTime } from 'luxon';
import { catalogue, type KeyOf } from './catalogue';
import type { Lang } from './turn';

const resources = {
  en: {
    translation: {
      decided: '{{status}} — {{by}}, {{when}}',
      acknowledged: 'acknowledged by {{by}}, {{when}}',
      at: '{{day}} at {{time}}',
      refused: 'Not possible: {{why}}',
      already: 'this draft is already {{status}} by {{by}}',
      alreadyNobody: 'this draft is already {{status}}',
      NOT_FOUND: 'this draft no longer exists',
      FORBIDDEN: 'you may not decide on this draft',
      CONFLICT: 'this draft changed meanwhile: look at it again',
      VALIDATION: 'something is missing (a rejection needs its reason)',
    },
  },
  fr: {
    translation: {
      decided: '{{status}} — {{by}}, {{when}}',
      acknowledged: 'lus par {{by}}, {{when}}',
      at: '{{day}} à {{time}}',
      refused: 'Impossible : {{why}}',
      already: 'ce brouillon est déjà {{status}} par {{by}}',
      alreadyNobody: 'ce brouillon est déjà {{status}}',
      NOT_FOUND: 'ce brouillon n’existe plus',
      FORBIDDEN:
        'seuls le responsable du client et un manager peuvent décider de ce brouillon (certaines étapes demandent un manager)',
      CONFLICT:
        'ce brouillon a changé ou attend une action (avertissements à lire, contrôle à corriger) : affichez-le à nouveau',
      VALIDATION: 'il manque une information (un refus demande sa raison)',
    },
  },
} as const;

export type DecisionWord = KeyOf<typeof resources>;

export const decisionWord: (lang: Lang, key: DecisionWord, vars?: Record<string, string | number>) => string =
  catalogue('decision', resources);

/** "mar. 1 déc. à 14:32" / "Tue 1 Dec at 14:32", in the team's time zone. */
export function dayAndTime(at: Date, lang: Lang, timeZone: string): string {
  const t = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(lang === 'fr' ? 'fr' : 'en-GB');
  return decisionWord(lang, 'at', { day: t.toFormat('ccc d LLL'), time: t.toFormat('HH:mm') });
}
