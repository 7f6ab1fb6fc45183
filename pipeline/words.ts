/**
 * The pipeline's and the edges' words, in message catalogues per language (i18next): the
 * placeholders, the refusals before any dialog (unknown person, stale button), the welcome.
 * One instance, initialised synchronously from the resources below; `t(lang, key, vars)`.
 */
import i18next from 'i18next';
import type { Lang } from '../dialogs/turn';

const resources = {
  en: {
    translation: {
      working: '⏳ Working on it…',
      drafting: '⏳ Drafting…',
      already: 'Already done: that button counts once.',
      welcome:
        'Hello, I\'m Relance, your collections assistant. Ask me "who should I call today?", "digest", or write what happened on a call; "help" shows the rest.',
      mentionHint: 'Mention me with a request, e.g. "@Relance who should I call today?".',
      unsupported: 'I cannot handle that here yet: write to me in our chat.',
    },
  },
  fr: {
    translation: {
      working: '⏳ Je regarde…',
      drafting: '⏳ Rédaction en cours…',
      already: 'Déjà fait : ce bouton ne compte qu’une fois.',
      welcome:
        "Bonjour, je suis Relance, votre assistant de recouvrement. Demandez-moi « qui dois-je appeler aujourd'hui ? », « résumé », ou écrivez ce qui s'est passé lors d'un appel ; « aide » montre le reste.",
      mentionHint: 'Mentionnez-moi avec une demande, par ex. « @Relance qui dois-je appeler aujourd’hui ? ».',
      unsupported: 'Je ne sais pas encore traiter cela ici : écrivez-moi dans notre conversation.',
    },
  },
} as const;

export type WordKey = keyof (typeof resources)['en']['translation'];

const catalogue = i18next.createInstance();
void catalogue.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function t(lang: Lang, key: WordKey, vars: Record<string, string | number> = {}): string {
  return catalogue.t(key, { lng: lang, ...vars });
}
