/**
 * The pipeline's and the edges' words (a message catalogue, `models/words/catalogue.ts`): the
 * placeholders, the refusals before any dialog (unknown person, stale button), the welcome.
 */
import { catalogue } from '../models/words/catalogue';

export const t = catalogue('pipeline', {
  en: {
    working: '⏳ Working on it…',
    drafting: '⏳ Drafting…',
    already: 'Already done: that button counts once.',
    welcome:
      'Hello, I\'m Relance, your collections assistant. Ask me "who should I call today?", "digest", or write what happened on a call; "help" shows the rest.',
    mentionHint: 'Mention me with a request, e.g. "@Relance who should I call today?".',
    unsupported: 'I cannot handle that here yet: write to me in our chat.',
  },
  fr: {
    working: '⏳ Je regarde…',
    drafting: '⏳ Rédaction en cours…',
    already: 'Déjà fait : ce bouton ne compte qu’une fois.',
    welcome:
      "Bonjour, je suis Relance, votre assistant de recouvrement. Demandez-moi « qui dois-je appeler aujourd'hui ? », « résumé », ou écrivez ce qui s'est passé lors d'un appel ; « aide » montre le reste.",
    mentionHint: 'Mentionnez-moi avec une demande, par ex. « @Relance qui dois-je appeler aujourd’hui ? ».',
    unsupported: 'Je ne sais pas encore traiter cela ici : écrivez-moi dans notre conversation.',
  },
});

export type WordKey = Parameters<typeof t>[1];
