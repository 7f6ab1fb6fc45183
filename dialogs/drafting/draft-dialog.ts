/**
 * Drafts in chat: "draft a reminder for Dubois", "mise en demeure pour FR004", "call script
 * for INV-1042", the Call script button; then Approve / Edit / Reject / Regenerate. The reply
 * shows the draft with its guard results; a draft that failed a guard has no Approve button.
 * After a decision the reply says who decided and when, and offers no more buttons.
 */
import { DEFAULT_COMPANY } from '../../integrations/config';
import { RelanceError } from '../../models/errors';
import { isCallChannel, type StepKey } from '../../models/rules/policy';
import { OPEN_DRAFT_STATUSES } from '../../models/schemas/draft';
import { loadNoteDirectory } from '../call-note/directory';
import { findCustomer, findInvoices } from '../call-note/directory-match';
import {
  cardState,
  communicationFacts,
  communicationLinks,
  statusLabel,
  toPostForm,
} from '../communications/card';
import { approveAndSend, rejectDraft } from '../communications/decisions';
import { mayDecide } from '../communications/permissions';
import { recordPosted } from '../communications/send';
import { dayAndTime, decisionWord } from '../decision-words';
import { STEP_LABELS } from '../i18n';
import type { Action, Fact, Reply } from '../reply';
import { refusedReply, textReply } from '../reply';
import type { DraftAsk } from '../requests';
import type { Lang, Turn } from '../turn';
import { say } from '../words/drafting';
import { say as sayLedger } from '../words/ledger-answers';
import { shownIn } from '../words/warnings';
import {
  acknowledgeWarnings,
  draftWarnings,
  unacknowledgedWarnings,
  type WarningsAcknowledged,
} from './approval-gate';
import type { Drafter } from './drafter';
import {
  AlreadyDecidedError,
  type DraftServices,
  editDraft,
  findDraft,
  latest,
  regenerateDraft,
  requestDraft,
  StaleVersionError,
  type StoredDraft,
} from './drafts';
import { type DraftFacts, nextStepFor } from './facts';
import { draftText } from './letter';

export type ChatDraftServices = Omit<DraftServices, 'company'> & {
  company?: DraftServices['company'];
  drafter?: Drafter;
};

/** The drafting services with the letterhead (Relance's default one when none is configured). */
export const withCompany = (s: ChatDraftServices): DraftServices => ({
  ...s,
  company: s.company ?? DEFAULT_COMPANY,
});

/** "draft a reminder for …": resolve who, then draft (once per message). */
export async function answerDraftAsk(turn: Turn, ask: DraftAsk, services: ChatDraftServices): Promise<Reply> {
  const dir = await loadNoteDirectory(services.models, services.today());
  const match = findCustomer(ask.target, dir, findInvoices(ask.target, dir).known);
  if (match.kind !== 'one')
    return textReply(
      match.kind === 'several'
        ? sayLedger(ask.lang, 'whichOne', {
            names: match.candidates.map((c) => `${c.name} (${c.reference})`).join(sayLedger(ask.lang, 'or')),
          })
        : sayLedger(ask.lang, 'noCustomer', { target: ask.target }),
    );
  return draftFor({ ...turn, lang: ask.lang }, match.customer, services, {
    step: ask.step,
    script: ask.script,
    lang: ask.draftLang,
  });
}

/** The Call script button, and the resolved ask. The draft is in the customer's language unless `lang`. */
export async function draftFor(
  turn: Turn,
  customer: string,
  services: ChatDraftServices,
  want: { step?: StepKey; script?: boolean; lang?: Lang } = {},
): Promise<Reply> {
  const { step, script, lang } = want;
  return guarded(turn.lang, async () => {
    const s = withCompany(services);
    let chosen = step;
    if (script && !chosen) {
      // The customer's next step if it is a call, else the first call.
      const next = await nextStepFor(services.models, services.policy, customer, services.today());
      const call = services.policy.ladder.find((l) => l.key === next && isCallChannel(l.channel));
      chosen = call ? call.key : 'first_call';
    }
    const draft = await requestDraft(s, { key: turn.id, customer, step: chosen, lang, by: turn.staff });
    return draftReply(draft, turn.lang, services);
  });
}

/**
 * Approve or reject, as the buttons and `relance approve|reject` do: the version pressed must
 * be the latest (else refused, the current one shown); approving re-reads the ledger first (a
 * draft whose facts changed is superseded, never approved) and then sends it at once.
 */
export async function decide(
  turn: Turn,
  key: string,
  decision: 'approve' | 'reject',
  services: ChatDraftServices,
  opts: { version?: number; reason?: string } = {},
): Promise<Reply> {
  return guarded(turn.lang, async () => {
    const s = withCompany(services);
    const who = { by: turn.staff, via: turn.channel, origin: turn.origin };
    const draft = await findDraft(s, key);
    if (!draft) return textReply(say(turn.lang, 'draftNotFound'));
    const open = (OPEN_DRAFT_STATUSES as readonly string[]).includes(draft.status);
    if (decision === 'reject' && !opts.reason?.trim() && open) {
      await mayDecide(s, draft, turn.staff, 'reject');
      return rejectForm(draft, turn.lang, opts.version);
    }
    try {
      if (decision === 'reject')
        return draftReply(await rejectDraft(s, key, who, opts.reason ?? '', opts.version), turn.lang, s);
      return draftReply((await approveAndSend(s, key, who, opts.version)).draft, turn.lang, s);
    } catch (err) {
      if (err instanceof StaleVersionError) {
        const current = (await findDraft(s, key))!;
        const reply = draftReply(current, turn.lang, s);
        const note = say(turn.lang, 'staleVersion', { pressed: err.pressed, current: err.current });
        return {
          ...reply,
          summary: note,
          sections: [{ blocks: [{ kind: 'text', text: note }] }, ...reply.sections],
        };
      }
      throw err;
    }
  });
}

/** The reason asked on Reject. */
function rejectForm(d: StoredDraft, lang: Lang, version?: number): Reply {
  const title = say(lang, 'rejectTitle');
  return {
    summary: title,
    title,
    sections: [
      {
        blocks: [
          {
            kind: 'form',
            fields: [{ id: 'reason', label: say(lang, 'why'), value: '', multiline: true }],
            submit: {
              label: say(lang, 'reject'),
              style: 'danger',
              payload: { type: 'reject_draft', draft: d.key, version: version ?? d.versions.length },
            },
          },
        ],
      },
    ],
  };
}

/** A letter to post was posted: the number typed in the card's form (or in a message). */
export async function posted(
  turn: Turn,
  key: string,
  number: string | undefined,
  services: ChatDraftServices,
): Promise<Reply> {
  return guarded(turn.lang, async () => {
    const s = withCompany(services);
    const d = await findDraft(s, key);
    if (!d) return textReply(say(turn.lang, 'draftNotFound'));
    if (!number?.trim() && d.step !== 'handover') return draftReply(d, turn.lang, s);
    const done = await recordPosted(s, key, number ?? null, {
      by: turn.staff,
      via: turn.channel,
      origin: turn.origin,
    });
    return draftReply(done, turn.lang, s);
  });
}

/** "Acknowledge warnings": the drafter's warnings read, the draft can be approved. */
export async function acknowledge(turn: Turn, key: string, services: ChatDraftServices): Promise<Reply> {
  return guarded(turn.lang, async () =>
    draftReply(
      (await acknowledgeWarnings(withCompany(services), key, turn.staff)) as StoredDraft,
      turn.lang,
      services,
    ),
  );
}

export async function regenerate(turn: Turn, key: string, services: ChatDraftServices): Promise<Reply> {
  return guarded(turn.lang, async () =>
    draftReply(await regenerateDraft(withCompany(services), key, turn.staff), turn.lang, services),
  );
}

/** A stored draft as it stands (the Open button of a list of drafts waiting). */
export async function showDraft(turn: Turn, key: string, services: ChatDraftServices): Promise<Reply> {
  const draft = await services.models.Draft.findOne({ key }).lean<StoredDraft>();
  return draft ? draftReply(draft, turn.lang, services) : textReply(say(turn.lang, 'draftNotFound'));
}

/** Edit: without fields, the form with the current text; with them, a new guarded version. */
export async function edit(
  turn: Turn,
  a: { draft: string; subject?: string; body?: string },
  services: ChatDraftServices,
): Promise<Reply> {
  return guarded(turn.lang, async () => {
    const draft = await services.models.Draft.findOne({ key: a.draft }).lean<StoredDraft>();
    if (!draft) return textReply(say(turn.lang, 'draftNotFound'));
    const current = latest(draft).content;
    const lang = draft.lang as Lang;
    if (a.subject === undefined && a.body === undefined)
      return {
        summary: say(lang, 'editTitle'),
        title: say(lang, 'editTitle'),
        sections: [
          {
            blocks: [
              {
                kind: 'form',
                fields: [
                  { id: 'subject', label: say(lang, 'subject'), value: current.subject },
                  {
                    id: 'body',
                    label: say(lang, 'text'),
                    value: current.paragraphs.join('\n\n'),
                    multiline: true,
                  },
                ],
                submit: {
                  label: say(lang, 'save'),
                  style: 'primary',
                  payload: { type: 'edit_draft', draft: a.draft },
                },
              },
            ],
          },
        ],
      };
    const paragraphs = (a.body ?? current.paragraphs.join('\n\n'))
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const edited = await editDraft(
      withCompany(services),
      a.draft,
      { ...current, subject: a.subject ?? current.subject, paragraphs },
      turn.staff,
    );
    return draftReply(edited, turn.lang, services);
  });
}

/** Why a press was refused, in the card's language (the error's own words are English). */
function refusal(err: RelanceError, lang: Lang): string {
  if (err instanceof AlreadyDecidedError) {
    const status = statusLabel({ status: err.draftStatus }, lang);
    return err.by
      ? decisionWord(lang, 'already', { status, by: err.by })
      : decisionWord(lang, 'alreadyNobody', { status });
  }
  if (lang === 'en') return err.message;
  const code = err.code as 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION';
  return ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'VALIDATION'].includes(code)
    ? decisionWord(lang, code)
    : decisionWord(lang, 'CONFLICT');
}

/** A known failure (not found, forbidden, already decided, invalid) is told plainly. */
async function guarded(lang: Lang, fn: () => Promise<Reply>): Promise<Reply> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RelanceError && err.code !== 'INTERNAL' && err.code !== 'UPSTREAM_UNAVAILABLE')
      return refusedReply(decisionWord(lang, 'refused', { why: refusal(err, lang) }));
    throw err;
  }
}

export function draftReply(
  d: StoredDraft,
  lang: Lang,
  services?: Pick<DraftServices, 'links'> & Partial<Pick<DraftServices, 'policy'>>,
): Reply {
  // Decisions are dated in the team's zone (a card read in a terminal without services: Paris).
  const zone = services?.policy?.timeZone ?? 'Europe/Paris';
  const v = latest(d);
  const facts = d.inputs as DraftFacts;
  const problems = [...v.guards.facts.problems, ...v.guards.tone.problems];
  const title = say(lang, 'draft', {
    step: STEP_LABELS[lang][d.step as StepKey],
    name: facts.customer.name,
    ref: d.customer,
  });
  const info: Fact[] = [
    { label: say(lang, 'status'), value: statusLabel(d, lang) },
    {
      label: say(lang, 'version'),
      value: `${d.versions.length} (${v.source === 'template' ? say(lang, 'template') : v.source})`,
    },
    {
      label: say(lang, 'checks'),
      value: problems.length
        ? problems.map((p) => shownIn(p.message, lang)).join(' · ')
        : say(lang, 'checksFine', { count: v.guards.facts.checked }),
    },
  ];
  // The drafter's warnings, on every channel's card; approval waits until someone reads them.
  const warnings = draftWarnings(d);
  const unread = unacknowledgedWarnings(d);
  const ack = d.warningsAcknowledged as WarningsAcknowledged | undefined;
  for (const w of warnings) info.push({ label: say(lang, 'warning'), value: shownIn(w, lang) });
  if (warnings.length)
    info.push({
      label: say(lang, 'warnings'),
      value:
        unread.length === 0 && ack
          ? decisionWord(lang, 'acknowledged', { by: ack.by, when: dayAndTime(new Date(ack.at), lang, zone) })
          : say(lang, 'warningsToRead'),
    });
  if (v.fallback) info.push({ label: say(lang, 'llm'), value: say(lang, 'llmNotUsed', { why: v.fallback }) });
  if (d.decidedBy && d.decidedAt)
    info.push({
      label: say(lang, 'decision'),
      value: `${decisionWord(lang, 'decided', {
        status: statusLabel({ ...d, status: d.status === 'rejected' ? 'rejected' : 'approved' }, lang),
        by: d.decidedBy,
        when: dayAndTime(d.decidedAt, lang, zone),
      })}${d.approvedVersion ? ` (v${d.approvedVersion})` : ''}`,
    });
  if (d.ref) info.push({ label: 'Id', value: d.ref });
  info.push(...communicationFacts(d, lang));
  const open = (OPEN_DRAFT_STATUSES as readonly string[]).includes(d.status);
  const version = d.versions.length;
  const actions: Action[] = open
    ? [
        ...(d.status !== 'blocked' && unread.length > 0
          ? [
              {
                label: say(lang, 'acknowledge'),
                style: 'primary' as const,
                payload: { type: 'acknowledge_warnings' as const, draft: d.key },
              },
            ]
          : []),
        ...(d.status !== 'blocked' && unread.length === 0
          ? [
              {
                label: say(lang, 'approve'),
                style: 'primary' as const,
                payload: { type: 'approve_draft' as const, draft: d.key, version },
              },
            ]
          : []),
        { label: say(lang, 'edit'), payload: { type: 'edit_draft', draft: d.key } },
        {
          label: say(lang, 'reject'),
          style: 'danger',
          payload: { type: 'reject_draft', draft: d.key, version },
        },
        { label: say(lang, 'regenerate'), payload: { type: 'regenerate_draft', draft: d.key } },
      ]
    : d.status === 'superseded'
      ? [
          {
            label: say(lang, 'draftAgain'),
            style: 'primary',
            payload: { type: 'draft_next', customer: d.customer },
          },
        ]
      : [];
  const links = communicationLinks(d, lang, services?.links);
  const toPost = toPostForm(d, lang);
  return {
    summary: title,
    title,
    card: { draft: d.key, shown: cardState(d) },
    sections: [
      { blocks: [{ kind: 'facts', facts: info }] },
      { blocks: [{ kind: 'text', text: draftText(v.content, { ...facts, lang: d.lang as Lang }) }] },
      ...(links ? [{ blocks: [links] }] : []),
      ...(toPost ? [{ blocks: [toPost] }] : []),
      ...(actions.length ? [{ blocks: [{ kind: 'actions' as const, actions }] }] : []),
    ],
  };
}
