/**
 * The ranked call list for one or more controllers, computed from the per-customer summaries
 * (refreshed first where writes made them stale) with the pure scoring of models/rules.
 */
import type { Models } from '../index';
import type { LocalDate } from '../rules/dates';
import type { Policy } from '../rules/policy';
import {
  type Audience,
  type CustomerPicture,
  DEFAULT_WEIGHTS,
  dayIsOver,
  rankCustomers,
  type Scored,
  type ScoringWeights,
  scoreCustomer,
  TopRanked,
} from '../rules/scoring';
import { cachedPictures } from './picture-cache';
import { Slices } from './slices';
import { refreshDirty } from './summaries';

export interface WorklistQuery {
  /** Staff handles whose portfolios to rank; null for the whole team. */
  owners: string[] | null;
  asOf: LocalDate;
  /** When the list is asked for (business hours apply); null for a future day. */
  now: Date | null;
  top?: number;
  /** Only customers with at least this much overdue in one currency (minor units). */
  minOverdue?: number;
  /**
   * Whose calls: the owners' own ('owner', the default for named owners) or the team's, the
   * manager's list with the manager-call steps ('team', the default for the whole team).
   */
  audience?: Audience;
}

import type { CustomerSummary } from '../schemas/summary';

type SummaryDoc = CustomerSummary;

export function pictureOf(s: SummaryDoc): CustomerPicture {
  return {
    reference: s.customer,
    name: s.name ?? s.customer,
    owner: s.owner,
    strategic: !!s.strategic,
    timeZone: s.timeZone ?? 'Europe/Paris',
    businessHours:
      s.businessHours?.start && s.businessHours.end
        ? { start: s.businessHours.start, end: s.businessHours.end }
        : undefined,
    creditLimit:
      s.creditLimit?.amount && s.creditLimit.currency
        ? { amount: s.creditLimit.amount, currency: s.creditLimit.currency }
        : null,
    contact: s.contact ? { name: s.contact.name ?? undefined, phone: s.contact.phone ?? undefined } : null,
    open: (s.open ?? []).map((o) => ({
      number: o.n!,
      currency: o.cur!,
      outstanding: o.amt ?? 0,
      chaseable: o.ch ?? 0,
      dueDate: o.due!,
      issueDate: o.issued ?? o.due!,
      step: o.step,
      stepOn: o.stepOn,
    })),
    promises: (s.promises ?? []).map((p) => ({
      status: p.status!,
      dates: p.dates ?? [],
      amount: p.amount ?? 0,
      currency: p.currency ?? 'EUR',
      judgedOn: p.judgedOn,
    })),
    lastContact: s.lastContact?.on
      ? { on: s.lastContact.on, kind: s.lastContact.kind ?? '', outcome: s.lastContact.outcome ?? undefined }
      : null,
    reminders: s.reminders ?? [],
    callbackOn: s.callbackOn,
    snoozedUntil: s.snoozedUntil,
    handedOverOn: s.handedOverOn ?? null,
  };
}

export async function loadPictures(
  models: Models,
  owners: string[] | null,
  asOf: LocalDate,
): Promise<CustomerPicture[]> {
  await refreshDirty(models, asOf, owners ?? undefined);
  const all = await cachedPictures(models, pictureOf);
  if (!owners) return [...all.values()];
  const wanted = new Set(owners);
  return [...all.values()].filter((p) => wanted.has(p.owner));
}

export async function worklist(
  models: Models,
  policy: Policy,
  q: WorklistQuery,
  weights: ScoringWeights = DEFAULT_WEIGHTS,
): Promise<Scored[]> {
  return (await rankedWorklist(models, policy, q, weights)).entries;
}

/**
 * The first `q.top` entries of the ranked list (all when no top), how many there are in all,
 * and how many more there would be but for their office day being over at `q.now` (scored
 * once: `now` only takes those out, see dayIsOver). Scoring yields between slices (slices.ts):
 * a whole team is 100k customers.
 */
export async function rankedWorklist(
  models: Models,
  policy: Policy,
  q: WorklistQuery,
  weights: ScoringWeights = DEFAULT_WEIGHTS,
): Promise<{ entries: Scored[]; total: number; closedNow: number }> {
  const pictures = await loadPictures(models, q.owners, q.asOf);
  const audience = q.audience ?? (q.owners ? 'owner' : 'team');
  const slices = new Slices();
  const top = q.top ? new TopRanked(q.top) : null;
  const all: Scored[] = [];
  let total = 0;
  let closedNow = 0;
  for (const c of pictures) {
    await slices.tick();
    const s = scoreCustomer(c, q.asOf, null, policy, weights, audience);
    if (!s) continue;
    if (q.minOverdue !== undefined && !Object.values(s.overdue).some((v) => v >= q.minOverdue!)) continue;
    if (q.now && dayIsOver(c, q.now, policy)) {
      closedNow++;
      continue;
    }
    total++;
    if (top) top.add(s);
    else all.push(s);
  }
  return { entries: top ? top.ranked : rankCustomers(all), total, closedNow };
}
