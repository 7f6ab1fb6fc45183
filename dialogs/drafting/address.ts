/**
 * A postal address in the order of the destination country, with the country line in capitals
 * when the letter goes abroad (UPU practice): "69002 LYON"; in the United Kingdom the post town
 * in capitals, then the postcode on its own line; in North America "City ST 12345".
 */
import type { Lang } from '../turn';

export interface PostalAddress {
  lines: string[];
  postalCode?: string;
  city?: string;
  country?: string;
}

const TOWN_THEN_POSTCODE = new Set(['GB', 'IE']);
const CITY_THEN_CODE = new Set(['US', 'CA', 'AU']);

export function addressLines(a: PostalAddress | null, lang: Lang, fromCountry = 'FR'): string[] {
  if (!a) return [];
  const country = (a.country ?? fromCountry).toUpperCase();
  const city = a.city?.toUpperCase();
  const code = a.postalCode;
  const place = TOWN_THEN_POSTCODE.has(country)
    ? [city, code]
    : CITY_THEN_CODE.has(country)
      ? [[city, code].filter(Boolean).join(' ')]
      : [[code, city].filter(Boolean).join(' ')];
  const abroad = country !== fromCountry.toUpperCase();
  return [
    ...a.lines,
    ...place.filter((l): l is string => !!l),
    ...(abroad ? [countryName(country, lang).toUpperCase()] : []),
  ];
}

export function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang === 'fr' ? 'fr' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
