/**
 * The morning digest as a reply: the essentials first (short enough for a phone), the details
 * behind a button. A manager gets the team view.
 */
import {
  type PersonalDigest,
  personalDigest,
  recordDigest,
  type TeamDigest,
  teamDigest,
} from '../models/ledger/digest';
import type { DisputeLine, DraftLine, InvoiceLine, PromiseLine } from '../models/ledger/digest-changes';
import type { HandedOverCustomer } from '../models/ledger/handover';
import { insurerWatch } from '../models/ledger/insurer-watch';
import { limitationWatch } from '../models/ledger/limitation-watch';
import { compareDates, type LocalDate } from '../models/rules/dates';
import type { Totals } from '../models/rules/money';
import { callDay } from '../models/rules/office-hours';
import { type PartOfDay, partOfDay } from '../models/rules/part-of-day';
import type { StepKey } from '../models/rules/policy';
import { agedTable } from './aged-table';
import { w } from './communications/words';
import { digestWord, hello } from './digest-words';
import { handoverSection, insurerSection } from './handover/digest-sections';
import { day, longDay, money, OUTCOME_LABELS, STEP_LABELS, totals } from './i18n';
import { limitationSection } from './limitation';
import type { Action, Block, Fact, ListEntry, Reply, Section } from './reply';
import { textReply } from './reply';
import { type DialogServices, findStaffByHandle } from './services';
import type { Lang, Turn } from './turn';
import { controllerNote, reasonText } from './worklist';

export type Digest = PersonalDigest | TeamDigest;

function signed(t: Totals, lang: Lang): string {
  const parts = Object.entries(t).map(([c, v]) => `${v > 0 ? '+' : '−'}${money(Math.abs(v), c, lang)}`);
  return parts.length ? parts.join(', ') : lang === 'fr' ? 'inchangé' : 'unchanged';
}

/** The counts of the essentials, and of "since your last digest"; each opens its list. */
const ESSENTIAL_COUNTS = [
  'promises_due',
  'promises_broken',
  'disputes_review',
  'drafts',
  'over_limit',
] as const;
const CHANGE_COUNTS = [
  'new_overdue',
  'payments',
  'promises_made',
  'promises_kept',
  'promises_broken_since',
  'disputes_opened',
  'disputes_closed',
  'drafts_new',
  'handovers',
] as const;

/** The lists a digest count opens (the `digest_list` button), in the order the details show them. */
export const DIGEST_LISTS = [...ESSENTIAL_COUNTS, 'formal_notices', ...CHANGE_COUNTS] as const;
export type DigestList = (typeof DIGEST_LISTS)[number];

const LIST_LABELS: Record<Lang, Record<DigestList, string>> = {
  fr: {
    promises_due: "Promesses à vérifier aujourd'hui",
    promises_broken: 'Promesses non tenues',
    disputes_review: 'Litiges à revoir',
    drafts: 'Brouillons à approuver',
    over_limit: 'Encours autorisé dépassé',
    formal_notices: 'Mises en demeure à venir',
    new_overdue: 'Nouvelles factures en retard',
    payments: 'Paiements reçus',
    promises_made: 'Promesses obtenues',
    promises_kept: 'Promesses tenues',
    promises_broken_since: 'Promesses rompues',
    disputes_opened: 'Litiges ouverts',
    disputes_closed: 'Litiges clos',
    drafts_new: 'Nouveaux brouillons',
    handovers: 'Dossiers transmis',
  },
  en: {
    promises_due: 'Promises due today',
    promises_broken: 'Promises broken',
    disputes_review: 'Disputes to review',
    drafts: 'Drafts to approve',
    over_limit: 'Over credit limit',
    formal_notices: 'Formal notices coming',
    new_overdue: 'Newly overdue invoices',
    payments: 'Payments received',
    promises_made: 'Promises made',
    promises_kept: 'Promises kept',
    promises_broken_since: 'Promises broken',
    disputes_opened: 'Disputes opened',
    disputes_closed: 'Disputes closed',
    drafts_new: 'New drafts',
    handovers: 'Handed over',
  },
};

/** Drafts as list entries, each with the button that opens it. */
function draftBlocks(list: DraftLine[], lang: Lang): Block[] {
  const fr = lang === 'fr';
  if (list.length === 0) return [];
  return [
    {
      kind: 'list',
      entries: list.map((x, i) => ({
        rank: i + 1,
        title: `${x.name} (${x.customer})`,
        why: [
          STEP_LABELS[lang][x.step as StepKey] ?? x.step,
          ...(x.status === 'blocked' ? [fr ? 'bloqué par un contrôle' : 'blocked by a check'] : []),
          ...(x.ageBusinessDays !== undefined ? [w(lang, 'queueAge', { count: x.ageBusinessDays })] : []),
          ...(x.overdue ? [w(lang, 'queueOverdue')] : []),
        ].join(' · '),
        facts: [],
        actions: [{ label: fr ? 'Ouvrir' : 'Open', payload: { type: 'show_draft', draft: x.key } }],
      })),
    },
  ];
}

/** Every list of a digest as lines (or list entries), by key: the details, and what a count opens. */
function digestLists(d: PersonalDigest, lang: Lang): Record<DigestList, { count: number; blocks: Block[] }> {
  const fr = lang === 'fr';
  const who = (x: { name: string; customer: string }) => `${x.name} (${x.customer})`;
  const promise = (p: PromiseLine) =>
    `${who(p)} — ${money(p.amount, p.currency, lang)}, ${day(p.date, lang)}`;
  const invoice = (i: InvoiceLine) =>
    `${who(i)} — ${i.invoice}, ${money(i.amount, i.currency, lang)}, ${fr ? 'échue le' : 'due'} ${day(i.dueDate, lang)}`;
  const dispute = (x: DisputeLine) =>
    `${who(x)} ${x.invoices.join(', ')} — ${OUTCOME_LABELS[lang][x.reason] ?? x.reason}: « ${x.detail} » (${fr ? 'revue le' : 'review'} ${day(x.reviewOn, lang)})`;
  const drafts = (list: DraftLine[]) => draftBlocks(list, lang);
  const lines = <T>(list: T[], line: (x: T) => string) => ({
    count: list.length,
    blocks: list.map((x): Block => ({ kind: 'text', text: line(x) })),
  });
  const c = d.changes;
  return {
    promises_due: lines(d.promisesDue, promise),
    promises_broken: lines(d.promisesBroken, promise),
    disputes_review: lines(d.disputesToReview, dispute),
    drafts: { count: d.drafts.length, blocks: drafts(d.drafts) },
    over_limit: lines(
      d.overLimit,
      (x) =>
        `⚠ ${who(x)} — ${money(x.outstanding, x.currency, lang)} ${fr ? 'pour un encours autorisé de' : 'against a credit limit of'} ${money(x.limit, x.currency, lang)} (${Math.round((x.outstanding / x.limit) * 100)} %)`,
    ),
    formal_notices: lines(
      d.formalNoticesComing,
      (x) => `${x.name} (${x.customer}) — ${x.invoice}, ${day(x.on, lang)}`,
    ),
    new_overdue: lines(c?.newOverdue ?? [], invoice),
    payments: lines(
      c?.payments ?? [],
      (x) => `${who(x)} — ${money(x.amount, x.currency, lang)} (${x.reference}, ${day(x.date, lang)})`,
    ),
    promises_made: lines(c?.promisesMade ?? [], promise),
    promises_kept: lines(c?.promisesKept ?? [], promise),
    promises_broken_since: lines(c?.promisesBroken ?? [], promise),
    disputes_opened: lines(c?.disputesOpened ?? [], dispute),
    disputes_closed: lines(c?.disputesClosed ?? [], dispute),
    drafts_new: { count: c?.draftsNew.length ?? 0, blocks: drafts(c?.draftsNew ?? []) },
    handovers: lines(c?.handovers ?? [], invoice),
  };
}

/** A count's fact, and the button that opens its list. */
function countFacts(
  d: PersonalDigest,
  keys: readonly DigestList[],
  lists: ReturnType<typeof digestLists>,
  lang: Lang,
  onlyNonZero: boolean,
): { facts: Fact[]; actions: Action[] } {
  const shown = keys.filter((k) => !onlyNonZero || lists[k].count > 0);
  return {
    facts: shown.map((k) => ({
      label: (k === 'over_limit' && lists[k].count > 0 ? '⚠ ' : '') + LIST_LABELS[lang][k],
      value: String(lists[k].count),
    })),
    actions: shown
      .filter((k) => lists[k].count > 0)
      .map((k) => ({
        label: `${LIST_LABELS[lang][k]} (${lists[k].count})`,
        payload: { type: 'digest_list', staff: d.staff, date: d.on, list: k },
      })),
  };
}

function personalReply(
  d: PersonalDigest,
  name: string,
  lang: Lang,
  view: { details: boolean; list?: DigestList; part: PartOfDay },
): Reply {
  const fr = lang === 'fr';
  const lists = digestLists(d, lang);
  if (view.list) {
    const list = lists[view.list];
    return {
      title: `${LIST_LABELS[lang][view.list]} — ${day(d.on, lang)}`,
      summary: `${LIST_LABELS[lang][view.list]}: ${list.count}`,
      sections: [
        {
          blocks: list.count ? list.blocks : [{ kind: 'text', text: fr ? 'Aucun.' : 'None.' }],
        },
      ],
    };
  }
  const counts = countFacts(d, ESSENTIAL_COUNTS, lists, lang, false);
  const essentials: Fact[] = [
    { label: fr ? 'Encours total' : 'Total outstanding', value: totals(d.balance.total, lang) },
    { label: fr ? 'En retard' : 'Overdue', value: totals(d.balance.overdue, lang) },
    ...(d.previous
      ? [
          {
            label: fr ? `Depuis le ${day(d.previous.on, lang)}` : `Since ${day(d.previous.on, lang)}`,
            value: signed(d.overdueChange, lang),
          },
        ]
      : []),
    ...counts.facts,
  ];
  const calls: ListEntry[] = d.topCalls.map((s, i) => ({
    rank: i + 1,
    title: `${s.customer.name} (${s.customer.reference})`,
    why: reasonText(s.reason, lang),
    facts: callFacts(s.customer, lang),
    actions: [callScriptAction(s.customer.reference, lang)],
  }));
  const sections: Section[] = [];
  if (d.changes) {
    // First what changed since the person last looked: the reason to open the digest at all.
    const changed = countFacts(d, CHANGE_COUNTS, lists, lang, true);
    sections.push({
      title: fr
        ? `Depuis votre dernier point (${day(d.changes.since, lang)})`
        : `Since your last digest (${day(d.changes.since, lang)})`,
      blocks: changed.facts.length
        ? [
            { kind: 'facts', facts: changed.facts },
            { kind: 'actions', actions: changed.actions },
          ]
        : [{ kind: 'text', text: fr ? 'Rien de nouveau.' : 'Nothing new.' }],
    });
  }
  sections.push({
    blocks: [
      { kind: 'facts', facts: essentials },
      ...(counts.actions.length ? [{ kind: 'actions' as const, actions: counts.actions }] : []),
    ],
  });
  const callsTitle =
    d.callsOn === d.on
      ? fr
        ? 'Appels du jour'
        : "Today's calls"
      : fr
        ? `Bureaux fermés — appels du ${longDay(d.callsOn, lang)}`
        : `Offices are closed — calls for ${longDay(d.callsOn, lang)}`;
  sections.push({
    title: callsTitle,
    blocks: calls.length
      ? [{ kind: 'list', entries: calls, source: { type: 'worklist', date: d.callsOn } }]
      : [{ kind: 'text', text: fr ? 'Aucun appel urgent.' : 'No urgent call.' }],
  });
  if (!view.details) {
    sections.push({
      blocks: [
        {
          kind: 'actions',
          actions: [
            {
              label: fr ? 'Détails' : 'Details',
              payload: { type: 'digest_details', staff: d.staff, date: d.on },
            },
            {
              label: fr ? 'Toute la liste' : 'Full call list',
              payload: { type: 'worklist', date: d.callsOn },
            },
          ],
        },
      ],
    });
  } else {
    sections.push({
      title: fr ? 'Balance âgée' : 'Aged balance',
      blocks: [{ kind: 'aged', table: agedTable(d.balance, lang) }],
    });
    for (const key of DIGEST_LISTS) {
      const list = lists[key];
      if (list.count === 0) continue;
      const since = (CHANGE_COUNTS as readonly DigestList[]).includes(key)
        ? fr
          ? ' (depuis le dernier point)'
          : ' (since the last digest)'
        : '';
      sections.push({ title: `${LIST_LABELS[lang][key]}${since}`, blocks: list.blocks });
    }
  }
  const first = name.split(' ')[0];
  const title = digestWord(lang, 'title', {
    hello: hello(lang, view.part),
    name: first ?? name,
    day: longDay(d.on, lang),
  });
  const summary = fr
    ? `${totals(d.balance.overdue, lang)} en retard · ${d.promisesDue.length} promesse(s) à vérifier · ${d.topCalls.length} appel(s) prioritaire(s)`
    : `${totals(d.balance.overdue, lang)} overdue · ${d.promisesDue.length} promise(s) due · ${d.topCalls.length} priority call(s)`;
  return { title, summary, sections };
}

/** The lists of a manager's digest that a count opens. */
export const TEAM_LISTS = ['manager_calls', 'approvals'] as const;
export type TeamList = (typeof TEAM_LISTS)[number];

function teamReply(d: TeamDigest, lang: Lang, list?: TeamList, details = false): Reply {
  const fr = lang === 'fr';
  const controllerName = new Map(d.controllers.map((c) => [c.handle, c.name]));
  const managerCalls: ListEntry[] = d.managerCalls.map((s, i) => ({
    rank: i + 1,
    title: `${s.customer.name} (${s.customer.reference})`,
    why: reasonText(s.reason, lang) + controllerNote(s.reason, controllerName, lang),
    facts: [
      { label: fr ? 'En retard' : 'Overdue', value: totals(s.overdue, lang) },
      ...callFacts(s.customer, lang),
    ],
    actions: [callScriptAction(s.customer.reference, lang)],
  }));
  const LABELS: Record<TeamList, string> = {
    manager_calls: fr ? 'Vos appels (appels du responsable)' : 'Your calls (manager calls)',
    approvals: fr ? 'Approbations en attente (> 1 j)' : 'Approvals waiting (> 1 d)',
  };
  // The request that lists the manager calls again, for their next page.
  const managerSource = { type: 'digest_list' as const, staff: d.staff, date: d.on, list: 'manager_calls' };
  const blocksOf: Record<TeamList, Block[]> = {
    manager_calls: managerCalls.length
      ? [
          {
            kind: 'list',
            entries: managerCalls,
            source: managerSource,
          },
        ]
      : [],
    approvals: draftBlocks(d.approvals, lang),
  };
  if (list)
    return {
      title: `${LABELS[list]} — ${day(d.on, lang)}`,
      summary: `${LABELS[list]}: ${list === 'approvals' ? d.approvals.length : managerCalls.length}`,
      sections: [
        {
          blocks: blocksOf[list].length ? blocksOf[list] : [{ kind: 'text', text: fr ? 'Aucun.' : 'None.' }],
        },
      ],
    };
  const perController: Fact[] = d.controllers.map((c) => ({
    label: `${c.name} (${c.customers} ${fr ? 'clients' : 'customers'})`,
    value: `${totals(c.overdue, lang)} ${fr ? 'en retard' : 'overdue'} / ${totals(c.total, lang)}`,
  }));
  const pct = (t: Totals, unit: string) =>
    Object.keys(t).length
      ? Object.entries(t)
          .map(([c, v]) => `${c} ${v}${unit}`)
          .join(', ')
      : '—';
  const measures: Fact[] = [
    { label: 'DSO', value: pct(d.measures.dsoDays, fr ? ' j' : ' d') },
    { label: fr ? 'Taux de retard' : 'Overdue ratio', value: pct(d.measures.overdueRatioPct, ' %') },
    {
      label: fr ? 'Promesses tenues (90 j)' : 'Promises kept (90 d)',
      value: d.measures.promisesKeptPct === null ? '—' : `${d.measures.promisesKeptPct} %`,
    },
    { label: LABELS.approvals, value: String(d.approvalsOverdue) },
  ];
  const risks: ListEntry[] = d.largestRisks.map((s, i) => ({
    rank: i + 1,
    title: `${s.customer.name} (${s.customer.reference})`,
    why: reasonText(s.reason, lang),
    facts: [
      { label: digestWord(lang, 'owner'), value: controllerName.get(s.customer.owner) ?? s.customer.owner },
      { label: digestWord(lang, 'overdue'), value: totals(s.overdue, lang) },
    ],
    actions: [
      {
        label: fr ? 'Fiche client' : 'Customer card',
        payload: { type: 'show_customer', customer: s.customer.reference },
      },
    ],
  }));
  const open = (key: TeamList, n: number): Action[] =>
    n > 0
      ? [
          {
            label: `${LABELS[key]} (${n})`,
            payload: { type: 'digest_list', staff: d.staff, date: d.on, list: key },
          },
        ]
      : [];
  const buttons = [
    ...open('manager_calls', managerCalls.length),
    ...open('approvals', d.approvals.length),
    ...(details
      ? []
      : [
          {
            label: digestWord(lang, 'details'),
            payload: { type: 'digest_details' as const, staff: d.staff, date: d.on },
          },
        ]),
  ];
  // Details: every manager call (in pages) and the approvals waiting, not only the first five.
  const detailSections: Section[] = details
    ? [...(d.approvals.length ? [{ title: LABELS.approvals, blocks: draftBlocks(d.approvals, lang) }] : [])]
    : [];
  return {
    title: digestWord(lang, 'teamTitle', { day: longDay(d.on, lang) }),
    summary: perController.map((f) => `${f.label}: ${f.value}`).join(' · '),
    sections: [
      {
        title: `${LABELS.manager_calls}: ${managerCalls.length}`,
        blocks: managerCalls.length
          ? [
              {
                kind: 'list',
                entries: details ? managerCalls : managerCalls.slice(0, 5),
                ...(details ? { source: managerSource } : {}),
              },
            ]
          : [{ kind: 'text', text: fr ? 'Aucun appel du responsable dû.' : 'No manager call due.' }],
      },
      {
        title: fr ? 'Par chargé de recouvrement' : 'Per credit controller',
        blocks: [{ kind: 'facts', facts: perController }],
      },
      {
        title: fr ? 'Indicateurs' : 'Measures',
        blocks: [
          { kind: 'facts', facts: measures },
          ...(buttons.length ? [{ kind: 'actions' as const, actions: buttons }] : []),
        ],
      },
      { title: fr ? 'Plus gros risques' : 'Largest risks', blocks: [{ kind: 'list', entries: risks }] },
      ...detailSections,
    ],
  };
}

export interface DigestAnswer {
  reply: Reply;
  digest: Digest | null;
}

export interface DigestView {
  /** Record it as delivered (the scheduler's delivery, the digest asked for in chat). */
  record?: boolean;
  /** Only one of its lists (a count's button). */
  list?: DigestList | TeamList;
}

/** The digest of `handle` for `on`; `details` shows everything (the button, or a terminal). */
export async function answerDigest(
  handle: string,
  on: LocalDate,
  lang: Lang,
  services: DialogServices,
  details = false,
  view: DigestView = {},
): Promise<DigestAnswer> {
  const me = await findStaffByHandle(services, handle);
  if (!me)
    return {
      reply: textReply(
        lang === 'fr' ? "Je ne vous trouve pas dans l'équipe." : "I can't find you in the team.",
      ),
      digest: null,
    };
  const isToday = compareDates(on, services.today()) === 0;
  if (me.role === 'manager' || me.role === 'admin') {
    const d = await teamDigest(services.models, services.policy, me.handle, on);
    const list = (TEAM_LISTS as readonly string[]).includes(view.list ?? '')
      ? (view.list as TeamList)
      : undefined;
    const reply = teamReply(d, lang, list, details);
    // Debts close to limitation across the team, on the digest itself (not on a list).
    const alerts = list ? [] : await limitationWatch(services.models, services.policy, {}, on);
    if (alerts.length) reply.sections = [...reply.sections, ...limitationSection(alerts, lang, true)];
    if (!list) reply.sections.push(...(await datesAndHandovers(services, d.handedOver, {}, on, lang)));
    return { reply, digest: d };
  }
  const now = services.clock.now();
  // Asked after the office day (or on a day off), its calls are the next working day's.
  const office = isToday
    ? callDay(now, me.timeZone ?? services.policy.timeZone, services.policy.country)
    : null;
  const closed = office?.moment === 'after_closing' || office?.moment === 'day_off';
  const d = await personalDigest(services.models, services.policy, me.handle, on, {
    now: isToday ? now : null,
    callsOn: closed ? office!.day : on,
  });
  if (view.record) await recordDigest(services.models, d, now);
  const list = (DIGEST_LISTS as readonly string[]).includes(view.list ?? '')
    ? (view.list as DigestList)
    : undefined;
  // Greeted by the person's own time of day (21:02 is the evening).
  const part = partOfDay(now, me.timeZone ?? services.policy.timeZone);
  const reply = personalReply(d, me.name, lang, { details, list, part });
  // Debts close to limitation: flagged every morning, 180 days ahead by default.
  const alerts = list
    ? []
    : await limitationWatch(services.models, services.policy, { owner: me.handle }, on);
  if (alerts.length) reply.sections = [...reply.sections, ...limitationSection(alerts, lang, true)];
  if (!list)
    reply.sections.push(...(await datesAndHandovers(services, d.handedOver, { owner: me.handle }, on, lang)));
  return { reply, digest: d };
}

/** The credit insurer's deadlines coming, and the customers handed over (shown apart). */
async function datesAndHandovers(
  services: DialogServices,
  handedOver: HandedOverCustomer[],
  scope: { owner?: string },
  on: LocalDate,
  lang: Lang,
): Promise<Section[]> {
  const insurer = await insurerWatch(services.models, services.policy, scope, on);
  return [...insurerSection(insurer, services.policy, lang), ...handoverSection(handedOver, lang)];
}

/** One list of a digest, opened from its count: the person's own, or anyone's for a manager. */
export async function answerDigestList(
  turn: Turn,
  staff: string,
  on: LocalDate,
  list: string,
  services: DialogServices,
): Promise<DigestAnswer> {
  const fr = turn.lang === 'fr';
  if (![...DIGEST_LISTS, ...TEAM_LISTS].includes(list as never))
    return {
      reply: textReply(fr ? `Je ne connais pas la liste « ${list} ».` : `I don't know the list "${list}".`),
      digest: null,
    };
  if (turn.staff !== staff) {
    const me = await findStaffByHandle(services, turn.staff);
    if (me?.role !== 'manager' && me?.role !== 'admin')
      return {
        reply: textReply(fr ? 'Ce point est celui d’un collègue.' : "That digest is a colleague's."),
        digest: null,
      };
  }
  return answerDigest(staff, on, turn.lang, services, false, { list: list as DigestList | TeamList });
}

/** "Call: Julien Garnier · 02 40 …" when the customer has a phone number: one line for every call entry. */
function callFacts(c: { contact?: { name?: string | null; phone?: string | null } | null }, lang: Lang) {
  return c.contact?.phone
    ? [
        {
          label: lang === 'fr' ? 'Appeler' : 'Call',
          value: [c.contact.name, c.contact.phone].filter(Boolean).join(' · '),
        },
      ]
    : [];
}

function callScriptAction(customer: string, lang: Lang) {
  return {
    label: lang === 'fr' ? "Script d'appel" : 'Call script',
    payload: { type: 'call_script' as const, customer },
  };
}
