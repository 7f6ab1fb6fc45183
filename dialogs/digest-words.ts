/**
 * The digest's greeting and headings, in message catalogues per language (i18next). The
 * greeting follows the part of the person's day in their own time zone.
 */
import type { PartOfDay } from '../models/rules/part-of-day';
import { catalogue, type KeyOf } from './catalogue';
import type { Lang } from './turn';

const resources = {
  en: {
    translation: {
      morning: 'Good morning',
      afternoon: 'Good afternoon',
      evening: 'Good evening',
      title: '{{hello}} {{name}} — {{day}}',
      teamTitle: 'Team digest — {{day}}',
      details: 'Details',
      owner: 'Owner',
      overdue: 'Overdue',
    },
  },
  fr: {
    translation: {
      morning: 'Bonjour',
      afternoon: 'Bonjour',
      evening: 'Bonsoir',
      title: '{{hello}} {{name}} — point du {{day}}',
      teamTitle: 'Point équipe — {{day}}',
      details: 'Détails',
      owner: 'Responsable',
      overdue: 'En retard',
    },
  },
} as const;

export type DigestWord = KeyOf<typeof resources>;

export const digestWord: (lang: Lang, key: DigestWord, vars?: Record<string, string | number>) => string =
  catalogue('digest', resources);

export function hello(lang: Lang, part: PartOfDay): string {
  return digestWord(lang, part);
}
