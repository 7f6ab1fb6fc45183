/**
 * Drafts as stored things: asked for (once per operation key), edited (a new version, guarded
 * again), regenerated, approved or rejected. Only a version that passed both guards can be
 * approved, and only by the customer's owner or a manager; every decision is in the trail.
 * Each change is one conditional update, so two people (or a double click) cannot both win.
 */
import type { Company } from '../../integrations/config';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../models/errors';
import { appendActivity } from '../../models/ledger/commitments';
import type { StepKey } from '../../models/rules/policy';
import type { Draft } from '../../models/schemas/draft';
import { DraftContent } from '../../prompts/draft';
import type { DialogServices } from '../services';
import type { Lang } from '../turn';
import { approvalBlocker, factsAtApproval } from './approval-gate';
import { checkDraft, type Drafter, type DraftOutcome, templateDrafter } from './drafter';
import { type DraftFacts, loadDraftFacts } from './facts';

export interface DraftServices extends DialogServices {
  company: Company;
  drafter?: Drafter;
}

export type StoredDraft = Draft & { _id: unknown };

const APPROVABLE = ['awaiting_approval', 'edited'] as const;

function version(n: number, o: DraftOutcome, author: string, at: Date) {
  return { n, content: o.content, source: o.source, fallback: o.fallback, guards: o.guards, author, at };
}

const passed = (o: Pick<DraftOutcome, 'guards'>) => o.guards.facts.ok && o.guards.tone.ok;

export async function requestDraft(
  services: DraftServices,
  req: { key: string; customer: string; step?: StepKey; lang?: Lang; by: string },
): Promise<StoredDraft> {
  const existing = await services.models.Draft.findOne({ key: req.key }).lean<StoredDraft>();
  if (existing) return existing;
  const facts = await loadDraftFacts(
    services.models,
    services.policy,
    services.company,
    services.today(),
    req,
  );
  const outcome = await (services.drafter ?? templateDrafter).draft(facts);
  const owner = (await services.models.Customer.findOne({ reference: req.customer }, { owner: 1 }).lean())!
    .owner;
  const at = services.clock.now();
  return (await services.models.Draft.findOneAndUpdate(
    { key: req.key },
    {
      $setOnInsert: {
        customer: req.customer,
        owner,
        step: facts.step,
        kind: facts.kind,
        lang: facts.lang,
        status: passed(outcome) ? 'awaiting_approval' : 'blocked',
        inputs: facts,
        versions: [version(1, outcome, req.by, at)],
        requestedBy: req.by,
      },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<StoredDraft>())!;
}

export function latest(d: Pick<Draft, 'versions'>) {
  const v = d.versions.at(-1)!;
  return { ...v, content: DraftContent.parse(v.content), guards: v.guards as DraftOutcome['guards'] };
}

/** A person's edit: a new version, checked by the same guards against the same facts. */
export async function editDraft(
  services: DraftServices,
  key: string,
  edited: unknown,
  by: string,
): Promise<StoredDraft> {
  const parsed = DraftContent.safeParse(edited);
  if (!parsed.success)
    throw new ValidationError(
      'the edited draft is incomplete',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const draft = await open(services, key);
  const guards = checkDraft(parsed.data, draft.inputs as DraftFacts);
  const outcome: DraftOutcome = { content: parsed.data, source: 'edit', guards };
  return append(services, draft, outcome, by, passed(outcome) ? 'edited' : 'blocked');
}

/** Drafts again from the ledger as it is now (it may have changed since). */
export async function regenerateDraft(
  services: DraftServices,
  key: string,
  by: string,
): Promise<StoredDraft> {
  const draft = await open(services, key);
  const facts = await loadDraftFacts(services.models, services.policy, services.company, services.today(), {
    customer: draft.customer,
    step: draft.step as StepKey,
    lang: draft.lang as Lang,
  });
  const outcome = await (services.drafter ?? templateDrafter).draft(facts);
  return append(services, draft, outcome, by, passed(outcome) ? 'awaiting_approval' : 'blocked', facts);
}

export async function decideDraft(
  services: DraftServices,
  key: string,
  decision: 'approve' | 'reject',
  by: string,
): Promise<StoredDraft> {
  const draft = await services.models.Draft.findOne({ key }).lean<StoredDraft>();
  if (!draft) throw new NotFoundError(`draft ${key} not found`);
  const person = await services.models.Staff.findOne({ handle: by }, { role: 1 }).lean();
  if (draft.owner !== by && person?.role !== 'manager' && person?.role !== 'admin')
    throw new ForbiddenError(
      `only ${draft.owner} (the customer's owner) or a manager can decide on this draft`,
    );
  const allowed: readonly string[] = decision === 'approve' ? APPROVABLE : [...APPROVABLE, 'blocked'];
  const warned = decision === 'approve' ? approvalBlocker(draft) : null;
  if (warned && allowed.includes(draft.status)) throw new ConflictError(warned);
  if (!allowed.includes(draft.status))
    throw new ConflictError(
      draft.status === 'blocked'
        ? 'this draft failed a guard: edit or regenerate it before approving'
        : `this draft is already ${draft.status}${draft.decidedBy ? ` by ${draft.decidedBy}` : ''}`,
    );
  const at = services.clock.now();
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const res = await services.models.Draft.updateOne(
    { key, status: draft.status, 'versions.n': draft.versions.length },
    {
      $set: {
        status,
        decidedBy: by,
        decidedAt: at,
        // What depends on the day it goes out (a formal notice's deadline) is dated now.
        ...(decision === 'approve'
          ? { inputs: factsAtApproval(draft.inputs as DraftFacts, services.today(), services.policy) }
          : {}),
      },
    },
  );
  if (res.modifiedCount === 0) throw new ConflictError('this draft changed meanwhile: look at it again');
  await appendActivity(services.models, {
    key: `${key}#${status}`,
    customer: draft.customer,
    invoices: latest(draft).content.invoices.map((i) => i.number),
    kind: 'approval',
    channel: 'chat',
    author: by,
    at,
    outcome: status,
    summary: `${draft.step} v${draft.versions.length} ${status}`,
    data: { draft: key, version: draft.versions.length },
  });
  return (await services.models.Draft.findOne({ key }).lean<StoredDraft>())!;
}

async function open(services: DraftServices, key: string): Promise<StoredDraft> {
  const draft = await services.models.Draft.findOne({ key }).lean<StoredDraft>();
  if (!draft) throw new NotFoundError(`draft ${key} not found`);
  if (![...APPROVABLE, 'blocked'].includes(draft.status as never))
    throw new ConflictError(`this draft is already ${draft.status}: it can no longer change`);
  return draft;
}

async function append(
  services: DraftServices,
  draft: StoredDraft,
  outcome: DraftOutcome,
  by: string,
  status: Draft['status'],
  inputs?: DraftFacts,
): Promise<StoredDraft> {
  const n = draft.versions.length + 1;
  const updated = await services.models.Draft.findOneAndUpdate(
    // Appends only onto the version it was made from: a concurrent edit makes this one fail.
    { key: draft.key, versions: { $size: n - 1 }, status: { $in: [...APPROVABLE, 'blocked'] } },
    {
      $push: { versions: version(n, outcome, by, services.clock.now()) },
      $set: { status, ...(inputs ? { inputs } : {}) },
    },
    { returnDocument: 'after' },
  ).lean<StoredDraft>();
  if (!updated) throw new ConflictError('this draft changed meanwhile: look at it again');
  return updated;
}
