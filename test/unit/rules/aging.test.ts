import { agedBalance, bucketOf } from '../../../models/rules/aging';
import { invoice, paidBy } from '../../helpers/invoices';

const AS_OF = '2026-11-23';

describe('aged balance', () => {
  it('puts each day count in the right bucket', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(bucketOf)).toEqual([
      'not_due',
      'd1_30',
      'd1_30',
      'd31_60',
      'd31_60',
      'd61_90',
      'd61_90',
      'd90_plus',
    ]);
  });

  it('ages what is still owed, per currency, after partial payments and credit notes', () => {
    const balance = agedBalance(
      [
        invoice({ number: 'A', dueDate: '2026-12-10' }), // not due: 1,000.00
        paidBy([{ date: '2026-11-01', amount: 40_000 }], { number: 'B', dueDate: '2026-11-13' }), // 10 days late: 600.00 left
        invoice({ number: 'C', dueDate: '2026-09-01', credits: [{ date: '2026-10-01', amount: 25_000 }] }), // 83 days: 750.00
        invoice({ number: 'D', dueDate: '2026-06-01', currency: 'USD', amount: 50_000 }), // 175 days, USD
        paidBy([{ date: '2026-10-01', amount: 100_000 }], { number: 'E', dueDate: '2026-08-01' }), // paid: ignored
        invoice({ number: 'F', dueDate: '2026-01-01', status: 'written_off' }), // written off: ignored
      ],
      AS_OF,
      'FR',
    );
    expect(balance.buckets).toEqual({
      not_due: { EUR: 100_000 },
      d1_30: { EUR: 60_000 },
      d31_60: {},
      d61_90: { EUR: 75_000 },
      d90_plus: { USD: 50_000 },
    });
    expect(balance.total).toEqual({ EUR: 235_000, USD: 50_000 });
    expect(balance.overdue).toEqual({ EUR: 135_000, USD: 50_000 });
    expect(balance.invoices).toBe(4);
  });

  it('treats an invoice due on a public holiday as on time until the next business day', () => {
    const christmas = invoice({ dueDate: '2026-12-25' });
    expect(agedBalance([christmas], '2026-12-28', 'FR').overdue).toEqual({});
    expect(agedBalance([christmas], '2026-12-29', 'FR').buckets.d1_30).toEqual({ EUR: 100_000 });
  });

  it('shows disputed amounts apart, within what is owed', () => {
    const balance = agedBalance([invoice({ dueDate: '2026-11-01', disputedAmount: 30_000 })], AS_OF, 'FR');
    expect(balance.disputed).toEqual({ EUR: 30_000 });
    expect(balance.overdue).toEqual({ EUR: 100_000 });
  });
});
