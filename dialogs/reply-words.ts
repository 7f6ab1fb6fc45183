/**
 * The words the renderers and the pager add to a reply (never a dialog's own sentences): the
 * "next 10" button, a page's heading, what a cut list says. A message catalogue per language
 * (i18next), like pipeline/words.ts; `replyWord(lang, key, vars)`.
 */
import { catalogue, type KeyOf } from './catalogue';
import type { Lang } from './turn';

const resources = {
  en: {
    translation: {
      next_one: 'Next {{count}}',
      next_other: 'Next {{count}}',
      pageHeading: 'Entries {{from}}–{{to}} of {{total}}',
      pageGone: 'That list has changed since: ask for it again to see it from the top.',
      moreNotShown_one: '… and {{count}} more, not shown here.',
      moreNotShown_other: '… and {{count}} more, not shown here.',
      cancel: 'Cancel',
    },
  },
  fr: {
    translation: {
      next_one: '{{count}} suivant',
      next_other: '{{count}} suivants',
      pageHeading: 'Entrées {{from}} à {{to}} sur {{total}}',
      pageGone: 'Cette liste a changé depuis : redemandez-la pour la voir depuis le début.',
      moreNotShown_one: '… et {{count}} de plus, non affiché ici.',
      moreNotShown_other: '… et {{count}} de plus, non affichés ici.',
      cancel: 'Annuler',
    },
  },
} as const;

export type ReplyWord = KeyOf<typeof resources>;

export const replyWord: (lang: Lang, key: ReplyWord, vars?: Record<string, string | number>) => string =
  catalogue('reply', resources);
