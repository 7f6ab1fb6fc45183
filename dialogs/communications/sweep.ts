/**
 * One customer in the morning escalation sweep: drafts whose facts changed since (a payment,
 * a dispute, a promise) are superseded first and say so; then the written step due is drafted
 * for exactly the invoices it is due on — never a step that already has a draft waiting,
 * approved, on its way or sent for an invoice, with the reminder cap counting what is on its
 * way (escalate, don't repeat), and invoices under a pending promise left out until its date
 * plus grace. Calls are the worklist's.
 */
import { customerLadder, underPromise, writtenStepDue } from '../../models/ledger/ladder-state';
import type { LocalDate } from '../../models/rules/dates';
import { isCallChannel, STEP_KEYS, type StepKey } from '../../models/rules/policy';
import type { DraftServices, StoredDraft } from '../drafting/drafts';
import { requestDraft } from '../drafting/drafts';
import { factsChanged, supersede } from './send';

export type SweepOutcome = { drafted?: StoredDraft; superseded: StoredDraft[] };

export async function sweepCustomer(
  services: DraftServices,
  customer: string,
  day: LocalDate,
): Promise<SweepOutcome> {
  const superseded: StoredDraft[] = [];
  const live = await services.models.Draft.find({
    customer,
    status: { $in: ['awaiting_approval', 'edited', 'blocked', 'approved', 'failed'] },
  }).lean<StoredDraft[]>();
  for (const d of live) {
    const changes = await factsChanged(services, d);
    if (changes.length === 0) continue;
    const done = await supersede(services, d, changes, 'relance', 'system');
    if (done) {
      superseded.push(done);
      await services.cards?.changed(done.key);
    }
  }
  const ladder = await customerLadder(services.models, services.policy, customer, day);
  // Invoices under a pending promise stay out of letters (their own ladder date already waits).
  const free = { ...ladder, invoices: ladder.invoices.filter((i) => !underPromise(i, services.policy, day)) };
  const due = writtenStepDue(free, services.policy);
  if (!due) return { superseded };
  const drafted = await requestDraft(services, {
    key: `sweep:${customer}:${due.step}:${day}`,
    customer,
    step: due.step,
    invoices: due.invoices,
    by: 'relance',
  });
  return { drafted, superseded };
}

/**
 * The invoices a step may still be drafted for: not already holding it (a draft waiting,
 * approved or sent), not past it, and not under a pending promise for a letter.
 */
export async function invoicesFreeFor(
  services: DraftServices,
  customer: string,
  step: StepKey,
  day: LocalDate,
): Promise<string[]> {
  const ladder = await customerLadder(services.models, services.policy, customer, day);
  const order = (k: string | undefined) => (k ? STEP_KEYS.indexOf(k as StepKey) : -1);
  const call = isCallChannel(services.policy.ladder.find((l) => l.key === step)?.channel ?? 'email');
  return ladder.invoices
    .filter(
      (i) =>
        !i.held.includes(step) &&
        order(i.history.lastStep) < order(step) &&
        (call || !underPromise(i, services.policy, day)),
    )
    .map((i) => i.number);
}
