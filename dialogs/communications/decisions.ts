/**
 * Approve and send, reject: what the buttons, `relance approve` and `relance reject` all do.
 * Approving re-reads the ledger first (a draft whose facts changed is superseded, never
 * approved), checks who may approve and which version was pressed, then sends at once.
 * Whatever the outcome, every other card of the draft is then brought up to date.
 */
import { NotFoundError, ValidationError } from '../../models/errors';
import { OPEN_DRAFT_STATUSES } from '../../models/schemas/draft';
import { type DraftServices, decideDraft, findDraft, type StoredDraft, type Via } from '../drafting/drafts';
import { handOverOnApproval } from '../handover/handover-state';
import { mayDecide } from './permissions';
import { dispatch, factsChanged, type SendOutcome, supersede } from './send';

/** Who decides, from where; `origin`: the card the button was on (its edge replaces it). */
export type Decider = { by: string; via: Via; origin?: string };

export async function approveAndSend(
  services: DraftServices,
  id: string,
  who: Decider,
  version?: number,
): Promise<SendOutcome> {
  const draft = await findDraft(services, id);
  if (!draft) throw new NotFoundError(`draft ${id} not found`);
  const outcome = await approve(services, draft, who, version);
  await services.cards?.changed(draft.key, { except: who.origin });
  return outcome;
}

async function approve(
  services: DraftServices,
  draft: StoredDraft,
  who: Decider,
  version?: number,
): Promise<SendOutcome> {
  if ((OPEN_DRAFT_STATUSES as readonly string[]).includes(draft.status)) {
    await mayDecide(services, draft, who.by, 'approve');
    const changes = await factsChanged(services, draft);
    if (changes.length > 0) {
      const done = await supersede(services, draft, changes, who.by, who.via);
      return { kind: 'superseded', draft: done ?? draft, changes };
    }
  }
  const decided = await decideDraft(services, draft.key, 'approve', who.by, { version, via: who.via });
  // A hand-over approved: the customer is with the agency / commissaire de justice from now.
  if (decided.step === 'handover') await handOverOnApproval(services, decided, who.by);
  return dispatch(services, decided.key, who);
}

export async function rejectDraft(
  services: DraftServices,
  id: string,
  who: Decider,
  reason: string,
  version?: number,
): Promise<StoredDraft> {
  const draft = await findDraft(services, id);
  if (draft && (OPEN_DRAFT_STATUSES as readonly string[]).includes(draft.status) && !reason.trim())
    throw new ValidationError('a rejection needs its reason');
  const done = await decideDraft(services, id, 'reject', who.by, {
    version,
    reason: reason.trim(),
    via: who.via,
  });
  await services.cards?.changed(done.key, { except: who.origin });
  return done;
}
