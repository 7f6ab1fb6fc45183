/**
 * The message catalogues (`models/words/catalogue.ts`): plurals follow each language's rules
 * (French "1 facture", "0 facture", "1 000 000 factures"; English "0 invoices"), a category a
 * catalogue leaves out never falls back to English, and the trail's words are the team's.
 */

import { say as callNote } from '../../dialogs/words/call-note';
import { draftEventSummary } from '../../dialogs/words/trail';
import { catalogue } from '../../models/words/catalogue';
import { trailSay } from '../../models/words/trail';

const say = catalogue('test-words', {
  en: { invoices_one: '{{count}} invoice', invoices_other: '{{count}} invoices', hello: 'Hello {{name}}' },
  fr: { invoices_one: '{{count}} facture', invoices_other: '{{count}} factures', hello: 'Bonjour {{name}}' },
});

describe('message catalogues', () => {
  it.each([
    [0, '0 facture', '0 invoices'],
    [1, '1 facture', '1 invoice'],
    [2, '2 factures', '2 invoices'],
    [1_000_000, '1000000 factures', '1000000 invoices'],
  ])('says %i invoice(s) by each language’s plural rules', (count, fr, en) => {
    expect(say('fr', 'invoices', { count })).toBe(fr);
    expect(say('en', 'invoices', { count })).toBe(en);
  });

  it('interpolates without escaping (a customer called "Dubois & Fils" stays as written)', () => {
    expect(say('fr', 'hello', { name: 'Dubois & Fils <SA>' })).toBe('Bonjour Dubois & Fils <SA>');
  });

  it('refuses a namespace declared twice (two modules would overwrite each other’s words)', () => {
    expect(() => catalogue('test-words', { en: { a: 'a' }, fr: { a: 'a' } })).toThrow(/declared twice/);
  });

  it('serves the dialogs’ words in the language asked', () => {
    expect(callNote('fr', 'customerNotFound', { customer: 'FR999' })).toBe('Client FR999 introuvable.');
    expect(callNote('en', 'customerNotFound', { customer: 'FR999' })).toBe('Customer FR999 not found.');
  });
});

describe('the language of trail summaries', () => {
  it('is the team’s, whoever writes the line', () => {
    expect(trailSay({ defaultLocale: 'fr' }, 'promiseKept')).toBe('Promesse tenue');
    expect(trailSay({ defaultLocale: 'en' }, 'promiseKept')).toBe('Promise kept');
  });

  it('names a draft’s step and event in the team’s language, the reason as written', () => {
    expect(
      draftEventSummary(
        { defaultLocale: 'fr' },
        { step: 'reminder_letter', version: 2, event: 'rejected', detail: 'wrong contact' },
      ),
    ).toBe('Refus — lettre de relance v2 : wrong contact');
    expect(
      draftEventSummary({ defaultLocale: 'en' }, { step: 'formal_notice', version: 1, event: 'sent' }),
    ).toBe('Sent — formal notice v1');
  });
});
