/**
 * The message catalogues (`models/words/catalogue.ts`): plurals follow each language's rules
 * (French "1 facture", "0 facture", "1 000 000 factures"; English "0 invoices"), a category a
 * catalogue leaves out never falls back to English, and the trail's words are the team's.
 */

import { say as callNote } from '../../dialogs/words/call-note';
import { draftEventSummary } from '../../dialogs/words/trail';
import { shownIn, warning } from '../../dialogs/words/warnings';
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

describe('the drafter’s warnings on a card', () => {
  it('are said in the card’s language, with the stored values', () => {
    const stored = warning('noAddress', { customer: 'FR004' });
    expect(stored).toBe('FR004 has no postal address: the letter cannot be posted as it stands');
    expect(shownIn(stored, 'fr')).toBe(
      'FR004 n’a pas d’adresse postale : le courrier ne peut pas être posté en l’état',
    );
    expect(shownIn(stored, 'en')).toBe(stored);
  });

  it('recognise the rate table’s warning and the guards’ findings as they are produced', () => {
    expect(shownIn('ECB rate for 2026-H2 not entered; used 2026-H1 (12.15 %)', 'fr')).toBe(
      'taux BCE du 2026-H2 non saisi ; celui du 2026-H1 est utilisé (12.15 %)',
    );
    expect(shownIn('the amount 9 999,00 € is not one the ledger supports', 'fr')).toBe(
      'le montant 9 999,00 € ne correspond à rien dans le grand livre',
    );
  });

  it('show a text no template knows as stored', () => {
    expect(shownIn('something new', 'fr')).toBe('something new');
  });
});
