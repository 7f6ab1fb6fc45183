/**
 * Who may decide on a draft: a credit controller approves the reminders of their own
 * portfolio; the steps of the policy's `managerApprovalSteps` (by default the formal notice
 * and the hand-over) need a manager; a manager (or an admin) decides on any. Checked before
 * anything is written, so a refused attempt changes nothing.
 */
import { ForbiddenError } from '../../models/errors';
import type { StepKey } from '../../models/rules/policy';
import type { DialogServices } from '../services';

export async function mayDecide(
  services: DialogServices,
  draft: { owner: string; step: string },
  by: string,
  decision: 'approve' | 'reject',
): Promise<void> {
  const person = await services.models.Staff.findOne({ handle: by }, { role: 1 }).lean();
  if (person?.role === 'manager' || person?.role === 'admin') return;
  if (draft.owner !== by)
    throw new ForbiddenError(
      `only ${draft.owner} (the customer's owner) or a manager can decide on this draft`,
    );
  if (decision === 'approve' && services.policy.managerApprovalSteps.includes(draft.step as StepKey))
    throw new ForbiddenError(
      `a ${draft.step.replace(/_/g, ' ')} needs a manager's approval (team policy): ask your manager`,
    );
}

/** Whether this person sees the whole team's drafts (managers and admins). */
export async function isManager(services: DialogServices, handle: string): Promise<boolean> {
  const person = await services.models.Staff.findOne({ handle }, { role: 1 }).lean();
  return person?.role === 'manager' || person?.role === 'admin';
}
