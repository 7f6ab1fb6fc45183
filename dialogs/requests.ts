/**
 * What people ask, in French or English, turned into a typed request: "who should I call
 * today", "top 5", "my calls for tomorrow", "calls for Marie", "only over 10k",
 * "qui dois-je appeler aujourd'hui ?", "mes appels de demain", the morning digest, help.
 */
import * as chrono from 'chrono-node';
import { z } from 'zod';
import { addDays, type LocalDate, localDate } from '../models/rules/dates';
import type { StepKey } from '../models/rules/policy';
import { amountIn } from './spoken-amount';
import type { Lang } from './turn';

export const WorklistRequest = z.object({
  kind: z.literal('worklist'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  top: z.number().int().positive().max(200).optional(),
  /** A person named in the request ("calls for Marie"), to be matched to a staff member. */
  forPerson: z.string().optional(),
  /** The whole team's list ("calls for the team"): a manager's view. */
  team: z.boolean().optional(),
  /** Minimum overdue amount in minor units. */
  minOverdue: z.number().int().nonnegative().optional(),
  lang: z.enum(['fr', 'en']),
});
export type WorklistRequest = z.infer<typeof WorklistRequest>;

/** "draft a reminder for Dubois", "mise en demeure pour FR004", "call script for INV-1042". */
export interface DraftAsk {
  kind: 'draft';
  /** Who it is for, as written: a name, a reference or an invoice number. */
  target: string;
  step?: StepKey;
  /** A call script was asked for: the customer's call step (or the first call). */
  script?: boolean;
  /** The language of the letter, when the request names one (else the customer's). */
  draftLang?: Lang;
  /** The language of the conversation. */
  lang: Lang;
}

/** "case file for Acme", "dossier Dubois", "dossier de recouvrement FR004". */
export interface CaseFileAsk {
  kind: 'case_file';
  target: string;
  lang: Lang;
}

export type Request =
  | WorklistRequest
  | DraftAsk
  | CaseFileAsk
  | { kind: 'digest'; date: LocalDate; lang: Lang }
  | { kind: 'help'; lang: Lang };

/** Whole words, accents included (JavaScript's \b only knows ASCII letters). */
function words(list: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${list.join('|')})(?![\\p{L}\\d])`, 'iu');
}

/** Words that tell the language of a request or a call note (the one with more of them wins). */
const FRENCH = words([
  'qui',
  'dois',
  'appeler',
  'appels',
  'demain',
  "aujourd'hui",
  'mes',
  'pour',
  'seulement',
  'au-dessus',
  'plus de',
  'résumé',
  'synthèse',
  'aide',
  'mon',
  'ma',
  'le',
  'la',
  'les',
  'de',
  'du',
  'des',
  'pas',
  'avec',
  'rappeler',
  'paiera',
  'fin',
  'mois',
  'solde',
  'facture',
  'chez',
  'et',
  'va',
  'sera',
  'virement',
]);
const ENGLISH = words([
  'who',
  'should',
  'call',
  'calls',
  'today',
  'tomorrow',
  'my',
  'for',
  'only',
  'over',
  'digest',
  'help',
  'summary',
  'the',
  'of',
  'no',
  'with',
  'will',
  'pay',
  'end',
  'month',
  'rest',
  'invoice',
  'at',
  'and',
  'to',
  'by',
  'is',
  'back',
]);
const WORKLIST = words([
  'call',
  'calls',
  'calling',
  'appel',
  'appels',
  'appeler',
  'rappeler',
  'worklist',
  'to-?do',
  'à faire',
  'qui dois-je',
]);
const DIGEST = words(['digest', 'summary', 'morning', 'résumé', 'synthèse', 'point du jour', 'récap']);
const TEAM = words(['the team', 'whole team', 'everyone', "l'équipe", 'équipe', 'tout le monde']);
const HELP = /^\s*(help|aide|\?|what can you do|que sais-tu faire)\s*\??\s*$/i;
const DATE_WORDS = new Set([
  'today',
  'tomorrow',
  'demain',
  'aujourd',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'me',
  'moi',
  'la',
  'le',
  'les',
]);

export function detectLang(text: string, fallback: Lang): Lang {
  const fr = (text.match(new RegExp(FRENCH, 'giu')) ?? []).length;
  const en = (text.match(new RegExp(ENGLISH, 'giu')) ?? []).length;
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return fallback;
}

function dateOf(text: string, lang: Lang, today: LocalDate, timeZone: string, now: Date): LocalDate {
  if (/\b(tomorrow|demain)\b/i.test(text)) return addDays(today, 1);
  if (/\b(today|aujourd'?hui)\b/i.test(text)) return today;
  const parser = lang === 'fr' ? chrono.fr : chrono.en;
  const found = parser.parseDate(text, { instant: now, timezone: timeZone }, { forwardDate: true });
  return found ? localDate(found, timeZone) : today;
}

const DRAFT = words([
  'draft',
  'write',
  'prepare',
  'rédige',
  'rédiger',
  'redige',
  'prépare',
  'préparer',
  'brouillon',
  'call script',
  "script d'appel",
  'script d’appel',
  'script',
  'mise en demeure',
  'formal notice',
  'lettre de relance',
  'reminder letter',
]);
const DRAFT_STEPS: Array<[RegExp, StepKey]> = [
  [words(['mise en demeure', 'formal notice']), 'formal_notice'],
  [
    words(['deuxième relance', 'seconde relance', 'second reminder', 'registered', 'recommandée']),
    'second_reminder',
  ],
  [words(['préventi(?:f|ve)', 'preventive', 'avant échéance', 'before (?:the )?due']), 'preventive_reminder'],
  [words(['hand-?over', 'transmission', 'contentieux', 'agency', 'agence']), 'handover'],
  [words(['lettre de relance', 'reminder letter', 'première relance', 'first reminder']), 'reminder_letter'],
];

function draftAsk(text: string, lang: Lang): DraftAsk | null {
  if (!DRAFT.test(text)) return null;
  const target = /(?<![\p{L}\d])(?:for|pour|to|à|chez)\s+(.+?)\s*[?.!]*$/iu.exec(text)?.[1];
  if (!target) return null;
  const step = DRAFT_STEPS.find(([re]) => re.test(text))?.[1];
  const script = /script/i.test(text);
  // The letter's language is the customer's unless the request names one.
  const written = /\b(?:in english|en anglais)\b/i.test(text)
    ? 'en'
    : /\b(?:in french|en français)\b/i.test(text)
      ? 'fr'
      : undefined;
  return {
    kind: 'draft',
    target: target.replace(/\s+(?:in english|en anglais|in french|en français)$/i, ''),
    lang,
    ...(step ? { step } : {}),
    ...(script ? { script } : {}),
    ...(written ? { draftLang: written } : {}),
  };
}

const CASE_FILE =
  /(?<![\p{L}\d])(?:case[- ]file|dossier(?: de recouvrement)?)(?:\s+(?:for|of|pour|de|du|d'|d’))?(?:\s+(?:the\s+)?(?:client|customer))?\s+(.+?)\s*[?.!]*$/iu;

export function parseRequest(
  text: string,
  opts: { lang: Lang; today: LocalDate; timeZone: string; now: Date },
): Request | null {
  const lang = detectLang(text, opts.lang);
  if (HELP.test(text)) return { kind: 'help', lang };
  const caseFile = CASE_FILE.exec(text)?.[1];
  if (caseFile) return { kind: 'case_file', target: caseFile, lang };
  const draft = draftAsk(text, lang);
  if (draft) return draft;
  if (DIGEST.test(text))
    return { kind: 'digest', date: dateOf(text, lang, opts.today, opts.timeZone, opts.now), lang };
  const topMatch = /\btop\s*(\d{1,3})\b|\b(\d{1,3})\s+(?:premiers|first|customers|clients)\b/i.exec(text);
  const overMatch =
    /\b(?:over|above|more than|plus de|au[- ]dessus de|supérieurs? à|>)\s*([\d][\d\s.,]*\s*k?)/i.exec(text);
  if (!WORKLIST.test(text) && !topMatch && !overMatch) return null;
  const team = TEAM.test(text);
  const person = team ? null : /\b(?:for|pour|de)\s+([A-Za-zÀ-ÿ][\p{L}'-]+)/iu.exec(text);
  const forPerson =
    person &&
    !DATE_WORDS.has(person[1]!.toLowerCase()) &&
    !/^(aujourd|me|moi|calls?|appels?)/i.test(person[1]!)
      ? person[1]
      : undefined;
  const request: WorklistRequest = {
    kind: 'worklist',
    date: dateOf(text, lang, opts.today, opts.timeZone, opts.now),
    lang,
  };
  if (topMatch) request.top = Number(topMatch[1] ?? topMatch[2]);
  if (overMatch) {
    const min = amountIn(overMatch[1]!, 'EUR');
    if (min !== null) request.minOverdue = min;
  }
  if (forPerson) request.forPerson = forPerson;
  if (team) request.team = true;
  return WorklistRequest.parse(request);
}
