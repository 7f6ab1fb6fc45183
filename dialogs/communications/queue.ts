/**
 * The drafts queue: "drafts to approve" / "brouillons à valider" lists the drafts waiting
 * with their age, step and version (a manager sees the team's), overdue approvals flagged,
 * then the approved letters still to post. `draftsAwaiting` is the one query behind the
 * chat, `relance drafts`, the digest details and App Home.
 */
import { approvalAge } from '../../models/rules/approval-age';
import { DRAFT_STATUSES, type DraftStatus, OPEN_DRAFT_STATUSES } from '../../models/schemas/draft';
import type { StoredDraft } from '../drafting/drafts';
import type { DraftFacts } from '../drafting/facts';
import { STEP_LABELS } from '../i18n';
import type { ListEntry, Reply, Section } from '../reply';
import type { DialogServices } from '../services';
import type { Lang, Turn } from '../turn';
import { statusLabel } from './card';
import { isManager } from './permissions';
import { w } from './words';

export interface QueuedDraft {
  id: string;
  key: string;
  customer: string;
  name: string;
  owner: string;
  step: string;
  status: DraftStatus;
  delivery: string | null;
  version: number;
  invoices: string[];
  created: Date;
  decided: Date | null;
  sent: Date | null;
  /** Business days since it was drafted. */
  ageBusinessDays: number;
  overdue: boolean;
}

/**
 * Drafts of one person's portfolio (`owner`), or of the whole team (no owner), in `statuses`
 * (default: waiting for approval), oldest first.
 */
export async function draftsAwaiting(
  services: DialogServices,
  who: { owner?: string; statuses?: readonly DraftStatus[]; limit?: number } = {},
): Promise<QueuedDraft[]> {
  const statuses = who.statuses ?? OPEN_DRAFT_STATUSES;
  const docs = await services.models.Draft.find({
    status: { $in: [...statuses] },
    ...(who.owner ? { owner: who.owner } : {}),
  })
    .sort({ draftedAt: 1, createdAt: 1 })
    .limit(who.limit ?? 0)
    .lean<StoredDraft[]>();
  const today = services.today();
  return docs.map((d) => {
    const created = d.draftedAt ?? (d as { createdAt?: Date }).createdAt ?? services.clock.now();
    const { ageBusinessDays: age, overdue } = approvalAge(created, today, services.policy);
    const waiting = (OPEN_DRAFT_STATUSES as readonly string[]).includes(d.status);
    return {
      id: d.ref ?? d.key,
      key: d.key,
      customer: d.customer,
      name: (d.inputs as DraftFacts).customer.name,
      owner: d.owner,
      step: d.step,
      status: d.status as DraftStatus,
      delivery: d.delivery ?? null,
      version: d.versions.length,
      invoices: d.invoices?.length ? d.invoices : (d.inputs as DraftFacts).invoices.map((i) => i.number),
      created,
      decided: d.decidedAt ?? null,
      sent: d.sentAt ?? null,
      ageBusinessDays: age,
      // Overdue: waiting more than the policy's business days (team time zone, its holidays).
      overdue: waiting && overdue,
    };
  });
}

/** `--status S` / a button's status: one of the stored statuses, or "open" for those waiting. */
export function statusesOf(s: string | undefined): readonly DraftStatus[] | null {
  if (!s) return null;
  if (s === 'open' || s === 'awaiting') return OPEN_DRAFT_STATUSES;
  return (DRAFT_STATUSES as readonly string[]).includes(s) ? [s as DraftStatus] : null;
}

const ASK_EN =
  /\b(drafts?\s+(to\s+approve|awaiting(\s+approval)?|waiting(\s+for\s+(approval|me))?|pending|queue)|pending\s+drafts|my\s+drafts|(show|list)\s+(me\s+)?(the\s+|my\s+)?drafts)\b|^\s*drafts\s*\??\s*$/i;
const ASK_FR =
  /\b(brouillons(\s+(à|a)\s+valider|\s+en\s+attente)?|courriers\s+(à|a)\s+valider|(lettres|relances)\s+(à|a)\s+valider)\b|^\s*(à|a)\s+valider\s*\??\s*$/i;

/** "drafts to approve", "brouillons à valider": the queue (the entry point for message understanding). */
export function isDraftsQueueAsk(text: string): Lang | null {
  if (ASK_FR.test(text)) return 'fr';
  if (ASK_EN.test(text)) return 'en';
  return null;
}

/** One waiting draft as a list entry: customer, step, id; status, age, version, owner (for a team), overdue. */
export function queueEntry(d: QueuedDraft, i: number, lang: Lang, team: boolean): ListEntry {
  const step = STEP_LABELS[lang][d.step as keyof (typeof STEP_LABELS)['fr']] ?? d.step;
  return {
    rank: i + 1,
    title: `${d.name} (${d.customer}) — ${step} — ${d.id}`,
    why: [
      statusLabel(d, lang),
      w(lang, 'queueAge', { count: d.ageBusinessDays }),
      `v${d.version}`,
      ...(team ? [w(lang, 'queueOwner', { owner: d.owner })] : []),
      ...(d.overdue ? [w(lang, 'queueOverdue')] : []),
    ].join(' · '),
    facts: [{ label: w(lang, 'queueInvoices'), value: d.invoices.join(', ') }],
    actions: [{ label: w(lang, 'open'), payload: { type: 'show_draft', draft: d.key } }],
  };
}

/** ", 2 overdue" after a count, or nothing. */
export const overdueNote = (rows: QueuedDraft[], lang: Lang) => {
  const n = rows.filter((d) => d.overdue).length;
  return n ? w(lang, 'queueOverdueCount', { count: n }) : '';
};

/** The queue as a reply: waiting for approval (theirs, or the team's for a manager), then letters to post. */
export async function draftsQueueReply(
  turn: Pick<Turn, 'staff' | 'lang'>,
  services: DialogServices,
  status?: string,
): Promise<Reply> {
  const lang = turn.lang;
  const team = await isManager(services, turn.staff);
  const owner = team ? undefined : turn.staff;
  const wanted = statusesOf(status);
  const waiting = await draftsAwaiting(services, { owner, statuses: wanted ?? OPEN_DRAFT_STATUSES });
  const toPost = wanted
    ? []
    : (await draftsAwaiting(services, { owner, statuses: ['approved', 'failed'] })).filter(
        (d) => d.delivery === 'post' || d.status === 'failed',
      );
  const entry = (d: QueuedDraft, i: number) => queueEntry(d, i, lang, team);
  const sections: Section[] = [
    {
      title: w(lang, team ? 'queueTeam' : 'queueMine', {
        count: waiting.length,
        overdue: overdueNote(waiting, lang),
      }),
      blocks: [
        waiting.length
          ? { kind: 'list', entries: waiting.map(entry) }
          : { kind: 'text', text: w(lang, 'queueEmpty') },
      ],
    },
  ];
  if (toPost.length)
    sections.push({
      title: w(lang, 'queueToPost', { count: toPost.length }),
      blocks: [{ kind: 'list', entries: toPost.map(entry) }],
    });
  const title = w(lang, 'queueTitle', { count: waiting.length });
  return { summary: title, title, sections };
}
