import { CARD_CONTENT_TYPE } from '../../../bot/render/adaptive-card';
import { partOfDay } from '../../../bot/webchat/greeting';
import { telLinks, withTelLinks } from '../../../bot/webchat/tel-links';

describe('phone numbers in the web chat are tap-to-call', () => {
  it('links international and French national numbers, with the digits as the target', () => {
    expect(telLinks('Julien Garnier · +33 4 87 85 76 14')).toBe(
      'Julien Garnier · [+33 4 87 85 76 14](tel:+33487857614)',
    );
    expect(telLinks('Ring +44 20 7946 0958 or 04.87.85.76.14.')).toBe(
      'Ring [+44 20 7946 0958](tel:+442079460958) or [04.87.85.76.14](tel:0487857614).',
    );
  });

  it('leaves amounts, dates, invoice numbers, times and existing links alone', () => {
    for (const text of [
      '30 375,58 € overdue since 16/09/2026',
      'FA-2026-1033 and FA-2026-1028',
      'at 08:15, +12,5 % on 1 584,51 €',
      'SIRET 552 100 554 00025',
      '[call](tel:+33487857614)',
      '+33 4',
    ])
      expect(telLinks(text)).toBe(text);
  });

  it('links fact values, text blocks and plain messages, never column-aligned blocks or buttons', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Standard : 01 23 45 67 89' },
        { type: 'TextBlock', text: 'FA-1  01 23 45 67 89', fontType: 'Monospace' },
        { type: 'FactSet', facts: [{ title: 'Contact', value: 'Jeanne Bernard · +33 6 63 45 11 82' }] },
        { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: '01 23 45 67 89', data: {} }] },
      ],
    };
    const shaped = withTelLinks({
      type: 'message',
      attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
    });
    const body = (shaped.attachments![0]!.content as typeof card).body as Array<Record<string, unknown>>;
    expect(body[0]!.text).toBe('Standard : [01 23 45 67 89](tel:0123456789)');
    expect(body[1]!.text).toBe('FA-1  01 23 45 67 89');
    expect((body[2]!.facts as Array<{ value: string }>)[0]!.value).toBe(
      'Jeanne Bernard · [+33 6 63 45 11 82](tel:+33663451182)',
    );
    expect((body[3]!.actions as Array<{ title: string }>)[0]!.title).toBe('01 23 45 67 89');
    expect(withTelLinks({ type: 'message', text: 'Call 06 12 34 56 78' }).text).toBe(
      'Call [06 12 34 56 78](tel:0612345678)',
    );
    // A plain text message shows what it says.
    const plain = { type: 'message', text: 'Call 06 12 34 56 78', textFormat: 'plain' } as const;
    expect(withTelLinks(plain).text).toBe('Call 06 12 34 56 78');
  });

  it('cuts a plain text run around its numbers: each number a run of its own that opens tel:', () => {
    const bold = { type: 'TextRun', text: 'Contact : ', weight: 'Bolder' };
    const card = {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'RichTextBlock',
          inlines: [bold, { type: 'TextRun', text: 'Julien Garnier · +33 4 87 85 76 14 (standard)' }],
        },
        {
          type: 'RichTextBlock',
          inlines: [{ type: 'TextRun', text: 'FA-1  01 23 45 67 89', fontType: 'Monospace' }],
        },
      ],
    };
    const shaped = withTelLinks({
      type: 'message',
      attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
    });
    const body = (shaped.attachments![0]!.content as typeof card).body;
    expect(body[0]!.inlines).toEqual([
      bold,
      { type: 'TextRun', text: 'Julien Garnier · ' },
      {
        type: 'TextRun',
        text: '+33 4 87 85 76 14',
        selectAction: { type: 'Action.OpenUrl', url: 'tel:+33487857614' },
      },
      { type: 'TextRun', text: ' (standard)' },
    ]);
    expect(body[1]).toEqual(card.body[1]);
  });
});

describe('the greeting follows the person’s local time', () => {
  it('is morning, afternoon or evening in their time zone', () => {
    expect(partOfDay(new Date('2026-11-23T08:15:00Z'), 'Europe/Paris')).toBe('morning');
    expect(partOfDay(new Date('2026-11-23T12:30:00Z'), 'Europe/London')).toBe('afternoon');
    // 21:02 in Paris is the evening, whatever the server's zone.
    expect(partOfDay(new Date('2026-11-23T20:02:00Z'), 'Europe/Paris')).toBe('evening');
    expect(partOfDay(new Date('2026-11-23T02:00:00Z'), 'Europe/Paris')).toBe('evening');
  });
});
