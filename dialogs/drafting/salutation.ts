/**
 * Greeting and closing that agree, from the contact's civility (stored, or read from a name
 * written "M. Dupont", "Mme Martin", "Mr Jones", "Ms Smith"). A French letter: « Monsieur, » …
 * « Veuillez agréer, Monsieur, l’expression de nos salutations distinguées. »; an English one:
 * "Dear Mr Jones," … "Yours sincerely,", or "Dear Sir or Madam," … "Yours faithfully,".
 */
import type { Lang } from '../turn';

export type Civility = 'mr' | 'ms';

export interface Addressee {
  name: string;
  civility?: Civility | null;
}

const PREFIX: Array<[RegExp, Civility]> = [
  [/^(?:m\.|mr\.?|monsieur|mister)\s+/i, 'mr'],
  [/^(?:mme\.?|mrs\.?|ms\.?|miss|madame|mlle\.?|mademoiselle)\s+/i, 'ms'],
];

/** The civility and the surname (the last word of the name, without its title). */
export function addresseeOf(a: Addressee | null | undefined): {
  civility: Civility | null;
  surname: string | null;
} {
  if (!a) return { civility: null, surname: null };
  let name = a.name.trim();
  let civility: Civility | null = a.civility ?? null;
  for (const [re, c] of PREFIX)
    if (re.test(name)) {
      civility ??= c;
      name = name.replace(re, '');
    }
  return { civility, surname: name.split(/\s+/).at(-1) || null };
}

export interface Salutation {
  greeting: string;
  closing: string;
}

/**
 * `letter`: a formal letter (French: « Monsieur, »; English: "Dear Mr Jones,"); otherwise an
 * email, a little warmer in French (« Bonjour Monsieur Dupont, » … « Bien cordialement, »).
 */
export function salutation(a: Addressee | null | undefined, lang: Lang, letter: boolean): Salutation {
  const { civility, surname } = addresseeOf(a);
  if (lang === 'fr') {
    const title = civility === 'mr' ? 'Monsieur' : civility === 'ms' ? 'Madame' : 'Madame, Monsieur';
    if (!letter)
      return {
        greeting: civility && surname ? `Bonjour ${title} ${surname},` : 'Bonjour,',
        closing: 'Bien cordialement,',
      };
    return {
      greeting: `${title},`,
      closing: `Veuillez agréer, ${title}, l’expression de nos salutations distinguées.`,
    };
  }
  const named = civility && surname ? `${civility === 'mr' ? 'Mr' : 'Ms'} ${surname}` : (a?.name ?? null);
  if (!named) return { greeting: 'Dear Sir or Madam,', closing: 'Yours faithfully,' };
  return { greeting: `Dear ${named},`, closing: letter ? 'Yours sincerely,' : 'Kind regards,' };
}

/** "M. Dupont" / "Mr Jones", or the name as known: how a script names the person to ask for. */
export function personName(a: Addressee | null | undefined, lang: Lang): string | null {
  if (!a) return null;
  const { civility, surname } = addresseeOf(a);
  if (!civility || !surname) return a.name;
  return lang === 'fr'
    ? `${civility === 'mr' ? 'M.' : 'Mme'} ${surname}`
    : `${civility === 'mr' ? 'Mr' : 'Ms'} ${surname}`;
}

/** "Mme Jeanne Martin" / "Mr James Jones": the name on an envelope. */
export function fullName(a: Addressee, lang: Lang): string {
  const { civility } = addresseeOf(a);
  let name = a.name.trim();
  for (const [re] of PREFIX) name = name.replace(re, '');
  if (!civility) return name;
  const title = lang === 'fr' ? (civility === 'mr' ? 'M.' : 'Mme') : civility === 'mr' ? 'Mr' : 'Ms';
  return `${title} ${name}`;
}
