/** Morning messages at a wall-clock time in the person's zone, on working days, across DST. */
import { dueMorning, nextMorning, wallTime } from '../../../models/rules/schedule';

const PARIS = 'Europe/Paris';

describe('morning schedule', () => {
  it('keeps 08:30 Paris time on both sides of the end of daylight saving (25 Oct 2026)', () => {
    expect(wallTime('2026-10-23', '08:30', PARIS).toISOString()).toBe('2026-10-23T06:30:00.000Z');
    expect(wallTime('2026-10-26', '08:30', PARIS).toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it('is due from 08:30 on a working day, never on a weekend or 25 December', () => {
    expect(dueMorning(new Date('2026-10-26T07:29:00Z'), PARIS, '08:30', 'FR')).toBeNull();
    expect(dueMorning(new Date('2026-10-26T07:30:00Z'), PARIS, '08:30', 'FR')).toBe('2026-10-26');
    expect(dueMorning(new Date('2026-10-24T09:00:00Z'), PARIS, '08:30', 'FR')).toBeNull(); // Saturday
    expect(dueMorning(new Date('2026-12-25T09:00:00Z'), PARIS, '08:30', 'FR')).toBeNull();
    expect(dueMorning(new Date('2026-11-11T09:00:00Z'), PARIS, '08:30', 'FR')).toBeNull(); // Armistice
  });

  it('finds the next one after a weekend and a holiday', () => {
    // Thursday 24 Dec 2026 at 10:00: next is Monday 28 (25 is Christmas, then the weekend).
    expect(nextMorning(new Date('2026-12-24T09:00:00Z'), PARIS, '08:30', 'FR').toISOString()).toBe(
      '2026-12-28T07:30:00.000Z',
    );
    expect(nextMorning(new Date('2026-10-23T07:00:00Z'), 'Europe/London', '09:00', 'FR').toISOString()).toBe(
      '2026-10-23T08:00:00.000Z',
    );
  });
});
