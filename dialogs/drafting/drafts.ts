/**
 * Drafts as stored things: asked for (once per operation key), edited (a new version, guarded
 * again), regenerated, approved or rejected. Only a version that passed both guards can be
 * approved, and only by the customer's owner or a manager; every decision is in the trail.
 * Each change is one conditional update, so two people (or a double click) cannot both win.
 */
import { createHash } from 'node:crypto';
import type { Company } from '../../integrations/config';
import type { Mailer } from '../../integrations/email/mailer';
import { ConflictError, NotFoundError, ValidationError } from '../../models/errors';
import { appendActivity } from '../../models/ledger/commitments';
import { isCallChannel, type Policy, type StepKey } from '../../models/rules/policy';
import type { Draft } from '../../models/schemas/draft';
import { DraftContent } from '../../prompts/draft';
import type { LiveCards } from '../communications/live-cards';
import { mayDecide } from '../communications/permissions';
import type { DialogServices } from '../services';
import type { Lang, Turn } from '../turn';
import { draftEventSummary } from '../words/trail';
import { approvalBlocker, factsAtApproval } from './approval-gate';
import { checkDraft, type Drafter, type DraftOutcome, templateDrafter } from './drafter';
import { type DraftFacts, loadDraftFacts } from './facts';

export interface DraftServices extends DialogServices {
  company: Company;
  drafter?: Drafter;
  /** Sends approved emails (SMTP or the local outbox); without it nothing is sent. */
  mailer?: Mailer;
  emailFrom?: string;
  /** Signed, expiring links to a draft's PDF or an outbox mail (absent: no links). */
  links?: { pdf(draft: string, version: number): string; mail(draft: string): string };
  /** Keeps every card of a draft up to date when it is decided (absent: only the pressed one). */
  cards?: LiveCards;
}

/** Where a decision came from, for the trail. */
export type Via = Turn['channel'] | 'system';

/** The short id people and scripts use for a draft (`relance approve D1A2B3C4`). */
export const draftRef = (key: string) =>
  `D${createHash('sha1').update(key).digest('hex').slice(0, 8).toUpperCase()}`;

/** How a step reaches the customer: by email, as a "to post" task (registered letters, hand-over), or not at all (call scripts). */
export function deliveryOf(policy: Policy, step: StepKey): 'email' | 'post' | 'none' {
  const channel = policy.ladder.find((l) => l.key === step)?.channel ?? 'email';
  if (isCallChannel(channel)) return 'none';
  return channel === 'email' || channel === 'letter_email' ? 'email' : 'post';
}

/** A draft by its short id or its key. */
export async function findDraft(services: DialogServices, id: string): Promise<StoredDraft | null> {
  return services.models.Draft.findOne({ $or: [{ ref: id.toUpperCase() }, { key: id }] }).lean<StoredDraft>();
}

export type StoredDraft = Draft & { _id: unknown };

const APPROVABLE = ['awaiting_approval', 'edited'] as const;

function version(n: number, o: DraftOutcome, author: string, at: Date) {
  return { n, content: o.content, source: o.source, fallback: o.fallback, guards: o.guards, author, at };
}

const passed = (o: Pick<DraftOutcome, 'guards'>) => o.guards.facts.ok && o.guards.tone.ok;

export async function requestDraft(
  services: DraftServices,
  req: { key: string; customer: string; step?: StepKey; lang?: Lang; invoices?: string[]; by: string },
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
  const draft = (await services.models.Draft.findOneAndUpdate(
    { key: req.key },
    {
      $setOnInsert: {
        ref: draftRef(req.key),
        draftedAt: at,
        invoices: facts.invoices.map((i) => i.number),
        delivery: deliveryOf(services.policy, facts.step),
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
  await trail(services, draft, 'drafted', req.by, at, 1);
  return draft;
}

/** One activity per transition of a communication (who, when, from where, which version). */
export async function trail(
  services: DialogServices,
  d: StoredDraft,
  outcome: string,
  by: string,
  at: Date,
  version: number,
  extra: {
    key?: string;
    kind?: 'communication' | 'approval' | 'email' | 'letter' | 'escalation';
    channel?: string;
    via?: Via;
    data?: Record<string, unknown>;
    /** What follows the event in the summary (a reason, a proof). */
    detail?: string;
  } = {},
): Promise<void> {
  await appendActivity(services.models, {
    key: extra.key ?? `${d.key}#${outcome}#v${version}`,
    customer: d.customer,
    invoices: d.invoices?.length ? d.invoices : latest(d).content.invoices.map((i) => i.number),
    kind: extra.kind ?? 'communication',
    channel: (extra.channel ?? (extra.via === 'system' ? 'system' : 'chat')) as never,
    author: by,
    at,
    outcome,
    summary: draftEventSummary(services.policy, {
      step: d.step,
      version,
      event: outcome,
      detail: extra.detail,
    }),
    data: { draft: d.key, ref: d.ref, version, via: extra.via, ...extra.data },
  });
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
  id: string,
  decision: 'approve' | 'reject',
  by: string,
  opts: { version?: number; reason?: string; via?: Via } = {},
): Promise<StoredDraft> {
  const draft = await findDraft(services, id);
  if (!draft) throw new NotFoundError(`draft ${id} not found`);
  const key = draft.key;
  // Refused attempts change nothing: who may decide is checked before anything is written.
  await mayDecide(services, draft, by, decision);
  const allowed: readonly string[] = decision === 'approve' ? APPROVABLE : [...APPROVABLE, 'blocked'];
  const current = draft.versions.length;
  if (opts.version !== undefined && opts.version !== current && allowed.includes(draft.status))
    throw new StaleVersionError(opts.version, current);
  const warned = decision === 'approve' ? approvalBlocker(draft) : null;
  if (warned && allowed.includes(draft.status)) throw new ConflictError(warned);
  if (!allowed.includes(draft.status))
    throw draft.status === 'blocked'
      ? new ConflictError('this draft failed a guard: edit or regenerate it before approving')
      : new AlreadyDecidedError(draft.status, draft.decidedBy ?? null);
  const at = services.clock.now();
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const res = await services.models.Draft.updateOne(
    { key, status: draft.status, 'versions.n': current, versions: { $size: current } },
    {
      $set: {
        status,
        decidedBy: by,
        decidedAt: at,
        // What depends on the day it goes out (a formal notice's deadline) is dated now.
        ...(decision === 'approve'
          ? {
              approvedVersion: current,
              inputs: factsAtApproval(draft.inputs as DraftFacts, services.today(), services.policy),
            }
          : { rejectReason: opts.reason }),
      },
    },
  );
  if (res.modifiedCount === 0) throw new ConflictError('this draft changed meanwhile: look at it again');
  await trail(services, draft, status, by, at, current, {
    key: `${key}#${status}`,
    kind: 'approval',
    via: opts.via,
    data: opts.reason ? { reason: opts.reason } : undefined,
    detail: opts.reason,
  });
  return (await services.models.Draft.findOne({ key }).lean<StoredDraft>())!;
}

/** Approving (or rejecting) a version that is not the latest: refused, the current one is shown. */
/** A press on a draft someone already decided: the card says it in its own language. */
export class AlreadyDecidedError extends ConflictError {
  constructor(
    readonly draftStatus: string,
    readonly by: string | null,
  ) {
    super(`this draft is already ${draftStatus}${by ? ` by ${by}` : ''}`);
  }
}

export class StaleVersionError extends ConflictError {
  constructor(
    readonly pressed: number,
    readonly current: number,
  ) {
    super(`a newer version exists: you pressed v${pressed}, the draft is at v${current}`);
  }
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
  await trail(
    services,
    updated,
    outcome.source === 'edit' ? 'edited' : 'regenerated',
    by,
    services.clock.now(),
    n,
  );
  return updated;
}
