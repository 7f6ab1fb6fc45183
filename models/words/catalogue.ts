/**
 * Message catalogues (i18next): each module that speaks declares its words once per language
 * with `catalogue(namespace, { en, fr })` and gets `t(lang, key, vars)` back. One i18next
 * instance holds every namespace, initialised synchronously (no I/O, usable at import time).
 *
 * Plurals follow CLDR's rules (Intl.PluralRules, as ICU does): a key with a count is written
 * `key_one` / `key_other` and called as `t(lang, 'key', { count })` — so French says
 * "0 facture", "1 facture", English "0 invoices". Categories a language has but a catalogue
 * leaves out (French `many`, for 1 000 000) take the `_other` text rather than falling back to
 * English.
 *
 * Both languages must have the same keys (the types check it), so a word can't be missing in
 * one of them. Letters are not here: a letter is a whole text per language
 * (`dialogs/drafting/templates.ts`). This helper sits in `models/` so that every room may
 * speak (the trail's words, `models/words/trail.ts`, are written by dialogs, jobs and the
 * importer alike); the dialogs' catalogues live in `dialogs/words/`, one file per module that
 * speaks, the pipeline's in `pipeline/words.ts`.
 */
import i18next from 'i18next';

/** The languages Relance speaks (the same as `dialogs/turn`'s `Lang`). */
export type Lang = 'fr' | 'en';

/** `key_one` / `key_other` → `key`; other keys unchanged. */
type BaseKey<K> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;

export type Vars = Record<string, string | number>;
export type Say<K extends string> = (lang: Lang, key: K, vars?: Vars) => string;

const instance = i18next.createInstance();
void instance.init({
  resources: {},
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});

const namespaces = new Set<string>();

/** The plural categories of `lang` (fr: one, many, other; en: one, other). */
function categories(lang: Lang): string[] {
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
}

/** Fills the plural categories a catalogue leaves out from its `_other` text. */
function withAllPlurals(lang: Lang, words: Record<string, string>): Record<string, string> {
  const out = { ...words };
  for (const key of Object.keys(words)) {
    if (!key.endsWith('_other')) continue;
    const base = key.slice(0, -'_other'.length);
    for (const c of categories(lang)) out[`${base}_${c}`] ??= words[key]!;
  }
  return out;
}

/**
 * Declares the words of one namespace and returns its `t`. Keys are the English catalogue's,
 * plural suffixes removed; the French catalogue must have exactly the same keys.
 */
export function catalogue<const E extends Record<string, string>>(
  namespace: string,
  words: { en: E; fr: { [K in keyof E]: string } },
): Say<BaseKey<keyof E & string>> {
  if (namespaces.has(namespace)) throw new Error(`catalogue ${namespace} declared twice`);
  namespaces.add(namespace);
  instance.addResourceBundle('en', namespace, withAllPlurals('en', words.en));
  instance.addResourceBundle('fr', namespace, withAllPlurals('fr', words.fr as Record<string, string>));
  return (lang, key, vars = {}) => instance.t(key, { ns: namespace, lng: lang, ...vars });
}
