/** The part of a person's day, in their own time zone, for greetings ("Good evening" at 21:02). */
import { DateTime } from 'luxon';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Morning before noon, afternoon until 18:00, evening after (and through the night). */
export function partOfDay(at: Date, timeZone: string): PartOfDay {
  const hour = DateTime.fromJSDate(at, { zone: timeZone }).hour;
  return hour >= 5 && hour < 12 ? 'morning' : hour >= 12 && hour < 18 ? 'afternoon' : 'evening';
}
