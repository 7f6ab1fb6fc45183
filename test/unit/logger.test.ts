import { memoryLogger, scrubText } from '../../integrations/logger';

describe('logging without personal data', () => {
  it('redacts emails and phone numbers in the message and in fields', () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      {
        customer: 'ACME-001',
        contact: { email: 'marie.dupont@acme.fr', phone: '+33 6 12 34 56 78' },
        note: 'call 01.23.45.67.89',
      },
      'sent reminder to marie.dupont@acme.fr about INV-1042 (1 234,56 EUR)',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    expect(text).not.toContain('marie.dupont@acme.fr');
    expect(text).not.toContain('12 34 56 78');
    expect(text).not.toContain('01.23.45.67.89');
    expect(line!.msg).toBe('sent reminder to [email] about INV-1042 (1 234,56 EUR)');
    expect((line!.contact as Record<string, unknown>).email).toBe('[redacted]');
    expect(line!.note).toBe('call [phone]');
    expect(line!.customer).toBe('ACME-001');
  });

  it('redacts message text typed by staff wherever it sits', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ turn: { text: 'Acme promised 5k by Friday' } }, 'turn received');
    expect(JSON.stringify(lines()[0])).not.toContain('Acme promised');
  });

  it('leaves invoice numbers, amounts and dates alone', () => {
    expect(scrubText('INV-2026-000123 due 2026-12-31 for 12 345,67 EUR')).toBe(
      'INV-2026-000123 due 2026-12-31 for 12 345,67 EUR',
    );
  });
});
