import {
  halfYearOf,
  latePenalties,
  legalFloor,
  legalInterestRate,
  legalRate,
} from '../../../models/rules/penalties';
import { invoice, paidBy } from '../../helpers/invoices';

describe('late-payment penalties (L441-10, D441-5)', () => {
  it('charges the legal default rate (ECB + 10 points) on the amount incl. tax per day late', () => {
    // 1,000.00 € × 12.15 % × 30 / 365 = 9.9863 € → 9.99 €
    const p = latePenalties(invoice({ dueDate: '2026-03-31' }), '2026-04-30', 'FR');
    expect(p.daysLate).toBe(30);
    expect(p.interest).toEqual({ amount: 999, currency: 'EUR' });
    expect(p.indemnity).toEqual({ amount: 4000, currency: 'EUR' });
    expect(p.warnings).toEqual([]);
  });

  it('switches rate at 1 July: the rate of 1 January for H1, of 1 July for H2', () => {
    // 10 days at 13.15 % (2025-H1) + 10 days at 12.15 % (2025-H2) on 1,000.00 €: 3.6027 + 3.3288 = 6.93 €
    const p = latePenalties(invoice({ dueDate: '2025-06-20' }), '2025-07-10', 'FR');
    expect(p.segments.map((s) => [s.from, s.to, s.days, s.ratePct])).toEqual([
      ['2025-06-21', '2025-06-30', 10, 13.15],
      ['2025-07-01', '2025-07-10', 10, 12.15],
    ]);
    expect(p.interest.amount).toBe(693);
  });

  it('lowers the base from the day of a partial payment; the €40 is not reduced', () => {
    // 10 days on 1,000.00 € then 20 days on 600.00 €: 3.3288 + 3.9945 = 7.32 €
    const p = latePenalties(
      paidBy([{ date: '2026-04-11', amount: 40_000 }], { dueDate: '2026-03-31' }),
      '2026-04-30',
      'FR',
    );
    expect(p.interest.amount).toBe(732);
    expect(p.indemnity).toEqual({ amount: 4000, currency: 'EUR' });
  });

  it('owes nothing for an invoice paid before its due date', () => {
    const p = latePenalties(
      paidBy([{ date: '2026-03-20', amount: 100_000 }], { dueDate: '2026-03-31' }),
      '2026-06-30',
      'FR',
    );
    expect(p.interest.amount).toBe(0);
    expect(p.indemnity).toBeNull();
  });

  it('stops interest at the last payment of an invoice paid late, and keeps the indemnity', () => {
    const p = latePenalties(
      paidBy([{ date: '2026-04-10', amount: 100_000 }], { dueDate: '2026-03-31' }),
      '2026-11-23',
      'FR',
    );
    expect(p.daysLate).toBe(10);
    expect(p.interest.amount).toBe(Math.round((100_000 * 12.15 * 9) / 36500)); // 1..9 April
    expect(p.indemnity).toEqual({ amount: 4000, currency: 'EUR' });
  });

  it('uses the terms-of-sale rate when there is one, without half-year segments', () => {
    const p = latePenalties(invoice({ dueDate: '2025-06-20' }), '2025-07-10', 'FR', {
      contractualRatePct: 15,
    });
    expect(p.segments).toHaveLength(1);
    expect(p.interest.amount).toBe(Math.round((100_000 * 15 * 20) / 36500));
  });

  it('says so when a half-year rate is missing and uses the last known one', () => {
    expect(legalRate('2026-H2')).toEqual({
      ratePct: 12.15,
      warning: 'ECB rate for 2026-H2 not entered; used 2026-H1 (12.15 %)',
    });
    const p = latePenalties(invoice({ dueDate: '2026-06-30' }), '2026-07-15', 'FR');
    expect(p.warnings).toEqual(['ECB rate for 2026-H2 not entered; used 2026-H1 (12.15 %)']);
    expect(halfYearOf('2026-07-01')).toBe('2026-H2');
  });

  it('keeps interest in the invoice currency and the indemnity in euros', () => {
    const p = latePenalties(invoice({ currency: 'USD', dueDate: '2026-03-31' }), '2026-04-30', 'FR');
    expect(p.interest.currency).toBe('USD');
    expect(p.indemnity!.currency).toBe('EUR');
  });

  it('does not start penalties for an invoice due on a public holiday until the next business day has passed', () => {
    expect(latePenalties(invoice({ dueDate: '2026-12-25' }), '2026-12-28', 'FR').interest.amount).toBe(0);
    const late = latePenalties(invoice({ dueDate: '2026-12-25' }), '2026-12-29', 'FR');
    expect(late.daysLate).toBe(4);
    expect(late.indemnity).not.toBeNull();
  });
});

describe('rate tables and the rules around them', () => {
  it('covers every half-year from 2021-H1 with the ECB rate in force on 1 January / 1 July', () => {
    const ecb = (h: string) => legalRate(h).ratePct - 10;
    expect(
      [
        '2021-H1',
        '2021-H2',
        '2022-H1',
        '2022-H2',
        '2023-H1',
        '2023-H2',
        '2024-H1',
        '2024-H2',
        '2025-H1',
        '2025-H2',
        '2026-H1',
      ].map((h) => [h, Number(ecb(h).toFixed(2)), legalRate(h).warning]),
    ).toEqual([
      ['2021-H1', 0, undefined],
      ['2021-H2', 0, undefined],
      ['2022-H1', 0, undefined],
      // Still 0.00 % on 1 July 2022: the first rise took effect on 27 July.
      ['2022-H2', 0, undefined],
      ['2023-H1', 2.5, undefined],
      ['2023-H2', 4, undefined],
      ['2024-H1', 4.5, undefined],
      ['2024-H2', 4.25, undefined],
      ['2025-H1', 3.15, undefined],
      ['2025-H2', 2.15, undefined],
      ['2026-H1', 2.15, undefined],
    ]);
  });

  it('knows the legal interest rate and the L441-10 floor (3 × it)', () => {
    expect(legalInterestRate('2025-H2')).toEqual({ ratePct: 2.76 });
    expect(legalFloor('2026-H1')).toEqual({ ratePct: 7.86, legalPct: 2.62 });
    const low = latePenalties(invoice({ dueDate: '2025-09-30' }), '2025-10-30', 'FR', {
      contractualRatePct: 5,
    });
    expect(low.warnings).toEqual([
      'the contractual rate 5.00 % is below the legal floor for 2025-H2 (3 × 2.76 % = 8.28 %, L441-10)',
    ]);
    expect(
      latePenalties(invoice({ dueDate: '2025-09-30' }), '2025-10-30', 'FR', { contractualRatePct: 9 })
        .warnings,
    ).toEqual([]);
  });

  it('runs interest on what is owed and not disputed: €10,000 with €4,000 disputed accrues on €6,000', () => {
    const p = latePenalties(
      invoice({ amount: 1_000_000, disputedAmount: 400_000, dueDate: '2026-03-31' }),
      '2026-04-30',
      'FR',
    );
    expect(p.segments.map((s) => s.base)).toEqual([600_000]);
    expect(p.interest.amount).toBe(Math.round((600_000 * 12.15 * 30) / 36500)); // 59.92 €
  });

  it('gives a consumer no penalties nor €40, and legal interest only from the formal notice', () => {
    const before = latePenalties(invoice({ dueDate: '2025-09-30' }), '2025-11-24', 'FR', { b2b: false });
    expect(before).toMatchObject({ interest: { amount: 0 }, indemnity: null, basis: 'legal_interest' });
    const after = latePenalties(invoice({ dueDate: '2025-09-30' }), '2025-11-24', 'FR', {
      b2b: false,
      formalNoticeOn: '2025-11-03',
    });
    // 1,000.00 € × 2.76 % × 21 days (4 to 24 November) / 365 = 1.59 €
    expect(after.segments.map((s) => [s.from, s.to, s.ratePct])).toEqual([
      ['2025-11-04', '2025-11-24', 2.76],
    ]);
    expect(after.interest.amount).toBe(159);
    expect(after.indemnity).toBeNull();
  });
});
