/**
 * How long a draft has waited for approval: business days of the team's calendar (its time
 * zone, its public holidays) since it was drafted, and whether that passes the policy's
 * `approvalOverdueBusinessDays`. One rule for the drafts queue, App Home and the digest.
 */
import { businessDaysBetween } from './calendar';
import { type LocalDate, localDate } from './dates';
import type { Policy } from './policy';

export function approvalAge(
  since: Date,
  today: LocalDate,
  policy: Pick<Policy, 'timeZone' | 'country' | 'approvalOverdueBusinessDays'>,
): { ageBusinessDays: number; overdue: boolean } {
  const ageBusinessDays = businessDaysBetween(localDate(since, policy.timeZone), today, policy.country);
  return { ageBusinessDays, overdue: ageBusinessDays > policy.approvalOverdueBusinessDays };
}
