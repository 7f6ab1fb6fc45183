/**
 * A message catalogue per language (i18next, one instance each, initialised synchronously):
 * `catalogue(resources)` gives `say(lang, key, vars)`. Plural keys end in `_one` / `_other`
 * and are asked for without the suffix, with a `count`.
 */
import i18next from 'i18next';
import type { Lang } from './turn';

type Resources = Record<Lang, { translation: Record<string, string> }>;
type Singular<K> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
export type KeyOf<R extends Resources> = Singular<keyof R['en']['translation'] & string>;

export function catalogue<R extends Resources>(
  resources: R,
): (lang: Lang, key: KeyOf<R>, vars?: Record<string, string | number>) => string {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (lang, key, vars = {}) => instance.t(key, { lng: lang, ...vars });
}
