import { limitation, limitationAlerts } from '../../../models/rules/limitation';

describe('limitation', () => {
  it('runs 5 years from the due date between businesses and flags it when close', () => {
    expect(limitation('2021-12-01', '2026-11-23', { warningDays: 180 })).toEqual({
      expiresOn: '2026-12-01',
      daysLeft: 8,
      status: 'approaching',
    });
    expect(limitation('2024-01-15', '2026-11-23', { warningDays: 180 }).status).toBe('ok');
    expect(limitation('2021-11-01', '2026-11-23', { warningDays: 180 }).status).toBe('expired');
  });

  it('runs 2 years against a consumer', () => {
    expect(limitation('2025-01-10', '2026-11-23', { consumer: true, warningDays: 180 })).toMatchObject({
      expiresOn: '2027-01-10',
      status: 'approaching',
    });
  });
});

describe('limitation alerts', () => {
  it('flags invoices 180 days before their limitation date, soonest first, 2 years for a consumer', () => {
    const invoices = [
      { number: 'A', dueDate: '2021-12-01' },
      { number: 'B', dueDate: '2024-01-15' },
      { number: 'C', dueDate: '2021-09-01' },
    ];
    expect(
      limitationAlerts(invoices, '2026-11-23', { warningDays: 180 }).map((a) => [a.invoice, a.status]),
    ).toEqual([
      ['C', 'expired'],
      ['A', 'approaching'],
    ]);
    expect(
      limitationAlerts([{ number: 'D', dueDate: '2025-03-01' }], '2026-11-23', {
        consumer: true,
        warningDays: 180,
      }),
    ).toMatchObject([{ invoice: 'D', expiresOn: '2027-03-01', status: 'approaching' }]);
  });
});
