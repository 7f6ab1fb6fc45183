/**
 * The i18next-style resources form (`{ en: { translation }, fr: { translation } }`) on top of
 * the one message catalogue of the product (`models/words/catalogue.ts`: a single i18next
 * instance, CLDR plurals, the same keys in both languages). `catalogue(namespace, resources)`
 * gives `say(lang, key, vars)`; plural keys end in `_one` / `_other` and are asked for without
 * the suffix, with a `count`.
 */
import { catalogue as declare, type Vars } from '../models/words/catalogue';
import type { Lang } from './turn';

type Resources = Record<Lang, { translation: Record<string, string> }>;
type Singular<K> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
export type KeyOf<R extends Resources> = Singular<keyof R['en']['translation'] & string>;

export function catalogue<R extends Resources>(
  namespace: string,
  resources: R,
): (lang: Lang, key: KeyOf<R>, vars?: Vars) => string {
  const say = declare(namespace, { en: resources.en.translation, fr: resources.fr.translation });
  return (lang, key, vars) => say(lang, key as never, vars);
}
