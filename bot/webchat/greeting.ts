/**
 * What the web chat says when a page opens: hello by the person's local time, and the three
 * first things to try as buttons (Web Chat's suggested actions), in the person's language.
 * Each button sends the typed `command` payload the dialogs already answer, and shows its
 * words as what the person said.
 */
import { randomUUID } from 'node:crypto';
import { catalogue } from '../../dialogs/catalogue';
import { hello } from '../../dialogs/digest-words';
import type { Lang } from '../../dialogs/turn';
import { partOfDay } from '../../models/rules/part-of-day';
import { BOT } from './webchat-adapter';

const resources = {
  en: {
    translation: {
      first:
        '{{hello}} {{name}}, I’m Relance, your collections assistant. Three things to try first — or just write what happened on a call:',
      again:
        '{{hello}} {{name}}, here is where we left off. Three things to try — or write what happened on a call:',
      worklist: 'Who should I call today?',
      digest: 'My morning digest',
      drafts: 'Drafts to approve',
      teamWorklist: 'The team’s calls today',
      teamDigest: 'The team digest',
    },
  },
  fr: {
    translation: {
      first:
        '{{hello}} {{name}}, je suis Relance, votre assistant de recouvrement. Trois choses à essayer pour commencer — ou écrivez simplement ce qui s’est passé lors d’un appel :',
      again:
        '{{hello}} {{name}}, voici notre conversation. Trois choses à essayer — ou écrivez ce qui s’est passé lors d’un appel :',
      worklist: 'Qui dois-je appeler aujourd’hui ?',
      digest: 'Mon point du matin',
      drafts: 'Brouillons à valider',
      teamWorklist: 'Les appels de l’équipe aujourd’hui',
      teamDigest: 'Le point de l’équipe',
    },
  },
} as const;

type Word = keyof (typeof resources)['en']['translation'];
const say = catalogue('webchat-greeting', resources);

export { partOfDay };

export interface Greeted {
  handle: string;
  name: string;
  role: string;
  lang: Lang;
  timeZone: string;
}

/** The greeting activity for a page that just opened (`again`: it shows an earlier conversation). */
export function greetingActivity(person: Greeted, at: Date, again: boolean) {
  const { lang } = person;
  const manager = person.role === 'manager' || person.role === 'admin';
  const tries: Array<{ command: 'worklist' | 'digest' | 'drafts'; word: Word }> = [
    { command: 'worklist', word: manager ? 'teamWorklist' : 'worklist' },
    { command: 'digest', word: manager ? 'teamDigest' : 'digest' },
    { command: 'drafts', word: 'drafts' },
  ];
  return {
    type: 'message' as const,
    id: randomUUID(),
    // Web Chat orders by timestamp: the wall clock, like every other activity of the log.
    timestamp: new Date(),
    from: BOT,
    locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
    text: say(lang, again ? 'again' : 'first', {
      hello: hello(lang, partOfDay(at, person.timeZone)),
      name: person.name.split(' ')[0] ?? person.name,
    }),
    suggestedActions: {
      to: [person.handle],
      actions: tries.map((x) => ({
        type: 'messageBack',
        title: say(lang, x.word),
        displayText: say(lang, x.word),
        value: { type: 'command', command: x.command, lang },
      })),
    },
  };
}
