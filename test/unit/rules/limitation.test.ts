import { limitation } from '../../../models/rules/limitation';

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
