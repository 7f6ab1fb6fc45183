import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  onOrNextBusinessDay,
} from '../../../models/rules/calendar';
import { instantAt, localDate } from '../../../models/rules/dates';

describe('business days (France)', () => {
  it('knows weekends and French public holidays, moveable ones included', () => {
    expect(isBusinessDay('2026-11-23', 'FR')).toBe(true); // Monday
    expect(isBusinessDay('2026-11-21', 'FR')).toBe(false); // Saturday
    expect(isBusinessDay('2026-12-25', 'FR')).toBe(false); // Christmas, a Friday
    expect(isBusinessDay('2026-05-14', 'FR')).toBe(false); // Ascension 2026
    expect(isBusinessDay('2026-04-06', 'FR')).toBe(false); // Easter Monday 2026
    expect(isBusinessDay('2026-05-25', 'FR')).toBe(false); // Whit Monday
  });

  it('moves across weekends and holidays', () => {
    expect(onOrNextBusinessDay('2026-12-25', 'FR')).toBe('2026-12-28');
    expect(addBusinessDays('2026-12-23', 2, 'FR')).toBe('2026-12-28'); // 24 (Thu), skip 25-27, 28
    expect(addBusinessDays('2026-05-13', 1, 'FR')).toBe('2026-05-15'); // over Ascension
    expect(addBusinessDays('2026-05-15', -1, 'FR')).toBe('2026-05-13');
    expect(businessDaysBetween('2026-12-24', '2027-01-04', 'FR')).toBe(5); // 28, 29, 30, 31 Dec and 4 Jan (1 Jan off)
  });

  it('computes "today" and 08:30 in the team time zone, across daylight-saving time', () => {
    expect(localDate(new Date('2026-11-22T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-23');
    expect(instantAt('2026-10-23', '08:30', 'Europe/Paris').toISOString()).toBe('2026-10-23T06:30:00.000Z'); // CEST
    expect(instantAt('2026-10-26', '08:30', 'Europe/Paris').toISOString()).toBe('2026-10-26T07:30:00.000Z'); // CET
  });
});
