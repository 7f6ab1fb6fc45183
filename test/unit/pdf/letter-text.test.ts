/**
 * French typography puts a narrow no-break space before « ; ? ! » that the PDF's standard
 * fonts cannot draw: the printed letter must still read "20 506,98 € ;", not a missing glyph.
 */
import { frenchTypography } from '../../../dialogs/drafting/typography';
import { renderLetterPdf } from '../../../integrations/pdf/letter';
import { formatMoney } from '../../../models/rules/money';
import { pdfText } from '../../helpers/smtp';

it('prints French spacing before ; ? ! in a letter PDF', async () => {
  const amount = formatMoney({ amount: 2_050_698, currency: 'EUR' }, 'fr');
  const line = frenchTypography(`en principal : ${amount} ; est-ce clair ?`);
  expect(line).toContain('\u202f');
  const pdf = await renderLetterPdf({
    company: { name: 'Relance Démo SAS', addressLines: ['12 rue de la Paix', '75002 Paris'] } as never,
    recipient: { name: 'Textiles Dubois SAS', lines: ['112 boulevard Pasteur', '44000 NANTES'] },
    placeAndDate: 'Paris, le 23 novembre 2026',
    reference: 'Réf. client : FR004',
    content: {
      subject: `Mise en demeure de payer — ${amount}`,
      greeting: 'Madame, Monsieur,',
      paragraphs: [line],
      closing: 'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
      signature: 'Marie Lambert',
    } as never,
    table: { headers: ['Facture', 'Reste dû'], rows: [['FA-2026-1028', amount]], totals: ['Total', amount] },
  });
  const text = (await pdfText(pdf)).replace(/[\u00a0 ]/g, ' ');
  expect(text).toContain('en principal : 20 506,98 € ; est-ce clair ?');
});
