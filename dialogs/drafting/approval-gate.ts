/**
 * Warnings a person must see before a draft can be approved: every warning the drafter raised
 * (a half-year rate not entered, a contractual rate below the legal floor, a debt close to
 * limitation, no postal address…) is shown on the draft card in every channel, and approval
 * is refused until someone acknowledges them (the "Acknowledge warnings" action). A regenerated
 * draft with new warnings needs a new acknowledgement. The lifecycle calls `approvalBlocker`
 * before approving and `factsAtApproval` to date what depends on the day it goes out.
 */
import { ConflictError, ForbiddenError, NotFoundError } from '../../models/errors';
import type { LocalDate } from '../../models/rules/dates';
import type { Policy } from '../../models/rules/policy';
import type { DialogServices } from '../services';
import { type DraftFacts, formalNoticeDeadline } from './facts';

export interface WarningsAcknowledged {
  by: string;
  at: Date;
  /** The warnings as they were read: a later, different warning needs reading again. */
  warnings: string[];
}

interface GatedDraft {
  inputs: unknown;
  warningsAcknowledged?: unknown;
}

export function draftWarnings(d: GatedDraft): string[] {
  return ((d.inputs as Partial<DraftFacts> | null)?.warnings ?? []).filter((w) => typeof w === 'string');
}

/** The draft's warnings nobody has acknowledged yet. */
export function unacknowledgedWarnings(d: GatedDraft): string[] {
  const ack = d.warningsAcknowledged as WarningsAcknowledged | undefined | null;
  const read = new Set(ack?.warnings ?? []);
  return draftWarnings(d).filter((w) => !read.has(w));
}

/** Why the draft cannot be approved yet because of its warnings, or null. */
export function approvalBlocker(d: GatedDraft): string | null {
  const left = unacknowledgedWarnings(d);
  return left.length
    ? `this draft has ${left.length === 1 ? 'a warning' : `${left.length} warnings`} to acknowledge before approval: ${left.join('; ')}`
    : null;
}

/** The facts as of the approval day: a formal notice's time runs from its receipt. */
export function factsAtApproval(facts: DraftFacts, approvedOn: LocalDate, policy: Policy): DraftFacts {
  if (facts.kind !== 'formal_notice') return facts;
  return { ...facts, deadline: formalNoticeDeadline(approvedOn, policy) };
}

/**
 * Records that `by` read the draft's warnings (the customer's owner or a manager, as for the
 * decision). One conditional update: acknowledging twice is harmless.
 */
export async function acknowledgeWarnings(services: DialogServices, key: string, by: string) {
  const draft = await services.models.Draft.findOne({ key }).lean();
  if (!draft) throw new NotFoundError(`draft ${key} not found`);
  const person = await services.models.Staff.findOne({ handle: by }, { role: 1 }).lean();
  if (draft.owner !== by && person?.role !== 'manager' && person?.role !== 'admin')
    throw new ForbiddenError(
      `only ${draft.owner} (the customer's owner) or a manager can decide on this draft`,
    );
  if (!['awaiting_approval', 'edited', 'blocked'].includes(draft.status))
    throw new ConflictError(`this draft is already ${draft.status}`);
  const warnings = draftWarnings(draft);
  const ack: WarningsAcknowledged = { by, at: services.clock.now(), warnings };
  await services.models.Draft.updateOne(
    { key, 'versions.n': draft.versions.length },
    { $set: { warningsAcknowledged: ack } },
  );
  return (await services.models.Draft.findOne({ key }).lean())!;
}
