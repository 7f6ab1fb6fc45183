import {
  add,
  CurrencyMismatchError,
  formatMoney,
  formatTotals,
  parseAmount,
  totalsOf,
} from '../../../models/rules/money';

describe('money', () => {
  it.each([
    ['1 234,56', 123456],
    ['1,234.56', 123456],
    ['1.234,56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['1,234', 123400],
    ['12,5', 1250],
    ['€5,000.50', 500050],
    ['12 345 €', 1234500],
    ['-12', -1200],
    ['(45,00)', -4500],
    ['1\u202f000,00', 100000],
  ])('reads %s as %i minor units', (raw, expected) => {
    expect(parseAmount(raw)).toBe(expected);
  });

  // 12.3456 EUR has more decimals than the currency has: a typo, not an amount to round.
  it.each(['abc', '', '12,345,6', '1.2.3,4.5', '12.3456'])('refuses %j rather than guess', (raw) => {
    expect(parseAmount(raw)).toBeNull();
  });

  it('respects currencies without minor units', () => {
    expect(parseAmount('1,500', 'JPY')).toBe(1500);
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'en')).toBe('JP¥1,500');
  });

  it('formats in French and English', () => {
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'fr')).toBe('1 234,56 €');
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'en')).toBe('€1,234.56');
  });

  it('keeps totals per currency and never adds across currencies', () => {
    const totals = totalsOf([
      { amount: 1000, currency: 'EUR' },
      { amount: 250, currency: 'USD' },
      { amount: 500, currency: 'EUR' },
    ]);
    expect(totals).toEqual({ EUR: 1500, USD: 250 });
    expect(formatTotals(totals, 'en')).toBe('€15.00 + US$2.50');
    expect(() => add({ amount: 1, currency: 'EUR' }, { amount: 1, currency: 'USD' })).toThrow(
      CurrencyMismatchError,
    );
  });
});
