/**
 * The hand-over's approval as the dialogs see it: the manager who approved the hand-over
 * draft is recorded with the partner the policy names (`handoverPartner`), and the customer
 * leaves the ladder and the call lists (models/ledger/handover.ts).
 */
import { markHandedOver } from '../../models/ledger/handover';
import { trailLang } from '../../models/words/trail';
import type { DraftServices, StoredDraft } from '../drafting/drafts';

export async function handOverOnApproval(services: DraftServices, draft: StoredDraft, by: string) {
  if (draft.status !== 'approved' && draft.status !== 'sent') return;
  await markHandedOver(services.models, {
    lang: trailLang(services.policy),
    customer: draft.customer,
    partner: services.policy.handoverPartner,
    by,
    at: draft.decidedAt ?? services.clock.now(),
    draft: draft.key,
    invoices: draft.invoices ?? [],
  });
}
