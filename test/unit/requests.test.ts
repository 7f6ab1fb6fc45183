import { parseRequest } from '../../dialogs/requests';

const opts = {
  lang: 'en' as const,
  today: '2026-11-23',
  timeZone: 'Europe/Paris',
  now: new Date('2026-11-23T08:15:00Z'),
};

describe('understanding requests in French and English', () => {
  it.each([
    ['who should I call today?', { kind: 'worklist', date: '2026-11-23', lang: 'en' }],
    ['top 5', { kind: 'worklist', date: '2026-11-23', top: 5, lang: 'en' }],
    ['my calls for tomorrow', { kind: 'worklist', date: '2026-11-24', lang: 'en' }],
    ['calls for Marie', { kind: 'worklist', date: '2026-11-23', forPerson: 'Marie', lang: 'en' }],
    ['only over 10k', { kind: 'worklist', date: '2026-11-23', minOverdue: 1_000_000, lang: 'en' }],
    [
      'who should I call on Friday, top 3 over 5 000',
      { kind: 'worklist', date: '2026-11-27', top: 3, minOverdue: 500_000, lang: 'en' },
    ],
    ["qui dois-je appeler aujourd'hui ?", { kind: 'worklist', date: '2026-11-23', lang: 'fr' }],
    ['mes appels de demain', { kind: 'worklist', date: '2026-11-24', lang: 'fr' }],
    ['appels pour Tom', { kind: 'worklist', date: '2026-11-23', forPerson: 'Tom', lang: 'fr' }],
    ['calls for the team', { kind: 'worklist', date: '2026-11-23', team: true, lang: 'en' }],
    [
      'seulement au-dessus de 10k',
      { kind: 'worklist', date: '2026-11-23', minOverdue: 1_000_000, lang: 'fr' },
    ],
    ['qui appeler vendredi ?', { kind: 'worklist', date: '2026-11-27', lang: 'fr' }],
    ['digest', { kind: 'digest', date: '2026-11-23', lang: 'en' }],
    ['draft a reminder for Textiles Dubois', { kind: 'draft', target: 'Textiles Dubois', lang: 'en' }],
    ['formal notice for FR004', { kind: 'draft', target: 'FR004', step: 'formal_notice', lang: 'en' }],
    [
      'rédige une mise en demeure pour Dubois',
      { kind: 'draft', target: 'Dubois', step: 'formal_notice', lang: 'fr' },
    ],
    ["script d'appel pour FA-2026-1028", { kind: 'draft', target: 'FA-2026-1028', script: true, lang: 'fr' }],
    ['call script for Acme?', { kind: 'draft', target: 'Acme', script: true, lang: 'en' }],
    [
      'prépare la deuxième relance pour Girard',
      { kind: 'draft', target: 'Girard', step: 'second_reminder', lang: 'fr' },
    ],
    ['case file for Acme', { kind: 'case_file', target: 'Acme', lang: 'en' }],
    ['dossier de recouvrement pour FR004', { kind: 'case_file', target: 'FR004', lang: 'fr' }],
    ['le dossier du client Textiles Dubois ?', { kind: 'case_file', target: 'Textiles Dubois', lang: 'fr' }],
    ['mon résumé', { kind: 'digest', date: '2026-11-23', lang: 'fr' }],
    ['aide', { kind: 'help', lang: 'fr' }],
  ])('%j', (text, expected) => {
    expect(parseRequest(text, opts)).toEqual(expected);
  });

  it('does not take an unrelated sentence for a request', () => {
    expect(parseRequest('Acme promised 5k by Friday', opts)).toBeNull();
  });
});
