/**
 * "Who should I call today?": the ranked, explained call list, as a reply and as JSON
 * entries (the CLI's --json). A controller gets their own portfolio; a manager the team's,
 * or a named person's ("calls for Marie").
 */
import { rankedWorklist } from '../models/ledger/worklist';
import { addBusinessDays } from '../models/rules/calendar';
import { addDays, compareDates, type LocalDate } from '../models/rules/dates';
import type { Totals } from '../models/rules/money';
import { callDay, OFFICE_HOURS } from '../models/rules/office-hours';
import type { StepKey } from '../models/rules/policy';
import type { Reason, ReasonCode, Scored } from '../models/rules/scoring';
import { day, daysLate, longDay, money, OUTCOME_LABELS, STEP_LABELS, totals } from './i18n';
import type { Action, ListEntry, Reply } from './reply';
import { textReply } from './reply';
import type { WorklistRequest } from './requests';
import { type DialogServices, findStaffByHandle, findStaffByName } from './services';
import { kindLabel } from './trail-words';
import type { Lang, Turn } from './turn';

/** One entry of `relance worklist --json`: the contract scripts read. */
export interface WorklistEntry {
  rank: number;
  customer: string;
  name: string;
  owner: string;
  score: number;
  reasonCode: ReasonCode;
  reason: string;
  overdue: Totals;
  daysLate: number;
  contact: { name: string | null; phone: string | null } | null;
  lastContact: { on: string; kind: string; outcome: string | null } | null;
}

export function reasonText(r: Reason, lang: Lang): string {
  const f = r.facts;
  const amount = f.amount !== undefined && f.currency ? money(f.amount, f.currency, lang) : '';
  const when = f.date ? day(f.date, lang) : '';
  switch (r.code) {
    case 'promise_broken':
      return lang === 'fr'
        ? `Promesse non tenue : ${amount} attendus le ${when}`
        : `Broken promise: ${amount} was due on ${when}`;
    case 'promise_due':
      return lang === 'fr'
        ? `Promesse à vérifier : ${amount} prévus le ${when}`
        : `Promise to check: ${amount} due ${when}`;
    case 'callback_due':
      return lang === 'fr' ? `Rappel demandé pour le ${when}` : `Call-back requested for ${when}`;
    case 'ladder_call': {
      const step = STEP_LABELS[lang][f.step as StepKey] ?? f.step;
      return lang === 'fr' ? `Étape du jour : ${step} (${f.invoice})` : `Due today: ${step} (${f.invoice})`;
    }
    case 'money_at_risk':
      return lang === 'fr'
        ? `${amount} en retard, jusqu'à ${f.daysLate} j`
        : `${amount} overdue, up to ${f.daysLate} days late`;
  }
}

function entryOf(s: Scored, rank: number, lang: Lang): WorklistEntry {
  const c = s.customer;
  return {
    rank,
    customer: c.reference,
    name: c.name,
    owner: c.owner,
    score: s.score,
    reasonCode: s.reason.code,
    reason:
      reasonText(s.reason, lang) +
      (c.strategic ? (lang === 'fr' ? ' · compte stratégique' : ' · strategic account') : ''),
    overdue: s.overdue,
    daysLate: s.maxDaysLate,
    contact: c.contact ? { name: c.contact.name ?? null, phone: c.contact.phone ?? null } : null,
    lastContact: c.lastContact
      ? { on: c.lastContact.on, kind: c.lastContact.kind, outcome: c.lastContact.outcome ?? null }
      : null,
  };
}

/** `ownerName`: on a team's list, whose customer it is. */
function listEntry(e: WorklistEntry, lang: Lang, snoozeTo: string, ownerName?: string): ListEntry {
  const fr = lang === 'fr';
  const facts = [
    ...(ownerName ? [{ label: fr ? 'Responsable' : 'Owner', value: ownerName }] : []),
    {
      label: fr ? 'En retard' : 'Overdue',
      value: Object.keys(e.overdue).length ? totals(e.overdue, lang) : '—',
    },
    { label: fr ? 'Retard' : 'Late', value: e.daysLate > 0 ? daysLate(e.daysLate, lang) : '—' },
    {
      label: fr ? 'Dernier contact' : 'Last contact',
      value: e.lastContact
        ? `${day(e.lastContact.on, lang)} · ${kindLabel(e.lastContact.kind, lang)}${e.lastContact.outcome ? ` (${OUTCOME_LABELS[lang][e.lastContact.outcome] ?? e.lastContact.outcome})` : ''}`
        : fr
          ? 'aucun'
          : 'none',
    },
    {
      label: fr ? 'Appeler' : 'Call',
      value: e.contact ? [e.contact.name, e.contact.phone].filter(Boolean).join(' · ') : '—',
    },
  ];
  const actions: Action[] = [
    {
      label: fr ? "Script d'appel" : 'Call script',
      payload: { type: 'call_script', customer: e.customer },
      style: 'primary',
    },
    {
      label: fr ? 'Noter le résultat' : 'Log outcome',
      payload: { type: 'log_outcome', customer: e.customer },
    },
    {
      label: fr ? `Reporter au ${day(snoozeTo, lang)}` : `Snooze to ${day(snoozeTo, lang)}`,
      payload: { type: 'snooze', customer: e.customer, until: snoozeTo },
    },
  ];
  return { rank: e.rank, title: `${e.name} (${e.customer})`, why: e.reason, facts, actions };
}

export interface WorklistAnswer {
  reply: Reply;
  entries: WorklistEntry[];
}

/** Whose portfolio a request is about: a named person, else the asker (a manager: the team). */
async function scopeOf(
  req: WorklistRequest,
  turn: Turn,
  services: DialogServices,
): Promise<{ owners: string[] | null; label: string; zone: string } | { error: string }> {
  const fr = req.lang === 'fr';
  const person = req.forPerson ? await findStaffByName(services, req.forPerson) : null;
  if (req.forPerson) {
    if (!person)
      return {
        error: fr
          ? `Je ne connais personne nommé « ${req.forPerson} » dans l'équipe.`
          : `I don't know anyone called "${req.forPerson}" in the team.`,
      };
  }
  const me = await findStaffByHandle(services, turn.staff);
  if (!me) return { error: fr ? "Je ne vous trouve pas dans l'équipe." : "I can't find you in the team." };
  // Office hours are the asker's: "today" after they close is their next working day.
  const zone = me.timeZone ?? services.policy.timeZone;
  if (person) return { owners: [person.handle], label: person.name, zone };
  const manager = me.role === 'manager' || me.role === 'admin';
  if (req.team && !manager)
    return {
      error: fr
        ? "Seul un responsable voit la liste de toute l'équipe ; demandez « mes appels »."
        : 'Only a manager sees the whole team\'s list; ask for "my calls".',
    };
  if (manager) return { owners: null, label: fr ? "l'équipe" : 'the team', zone };
  return { owners: [me.handle], label: me.name, zone };
}

/** "today's calls", "tomorrow's calls", "Monday's calls" — and the day in full. */
function dayHeading(on: LocalDate, today: LocalDate, lang: Lang): string {
  const fr = lang === 'fr';
  const full = longDay(on, lang);
  if (on === today) return fr ? `appels d'aujourd'hui (${full})` : `today's calls (${full})`;
  if (on === addDays(today, 1)) return fr ? `appels de demain (${full})` : `tomorrow's calls (${full})`;
  const weekday = full.split(' ')[0];
  return fr ? `appels de ${weekday} (${full})` : `${weekday}'s calls (${full})`;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The day the answer is for and the line that says so. "Today" asked after the asker's office
 * day (or on a day off) is the next working day's list; before opening it is today's.
 */
async function listFor(
  req: WorklistRequest,
  scope: { owners: string[] | null; zone: string },
  services: DialogServices,
): Promise<{ on: LocalDate; scored: Scored[]; heading: string }> {
  const lang = req.lang;
  const fr = lang === 'fr';
  const today = services.today();
  const country = services.policy.country;
  const top = req.top ?? 10;
  const ranked = (on: LocalDate, now: Date | null) =>
    rankedWorklist(services.models, services.policy, {
      owners: scope.owners,
      asOf: on,
      now,
      top,
      minOverdue: req.minOverdue,
    });
  const ask = async (on: LocalDate, now: Date | null) => (await ranked(on, now)).entries;
  if (compareDates(req.date, today) !== 0) {
    const heading = fr ? `Appels du ${longDay(req.date, lang)} :` : `Calls for ${longDay(req.date, lang)}:`;
    return { on: req.date, scored: await ask(req.date, null), heading };
  }
  const now = services.clock.now();
  const office = callDay(now, scope.zone, country);
  if (office.moment === 'after_closing' || office.moment === 'day_off') {
    const heading = fr
      ? `Les bureaux sont fermés ; ${dayHeading(office.day, today, lang)} :`
      : `Offices are closed; ${dayHeading(office.day, today, lang)}:`;
    return { on: office.day, scored: await ask(office.day, null), heading };
  }
  // Today's list leaves out the customers whose own office day is over (another zone, other
  // hours): they are counted and said, never dropped silently.
  const reachable = await ranked(today, now);
  const open = reachable.entries;
  const closed = reachable.closedNow;
  const next = addBusinessDays(today, 1, country);
  if (open.length === 0) {
    // Nothing left today: the next working day's list, rather than "nobody".
    const later = await ask(next, null);
    if (later.length > 0) {
      const heading = fr
        ? `${closed > 0 ? "Plus personne à joindre aujourd'hui" : "Plus rien à appeler aujourd'hui"} ; ${dayHeading(next, today, lang)} :`
        : `${closed > 0 ? 'Nobody left to reach today' : 'Nothing more to call today'}; ${dayHeading(next, today, lang)}:`;
      return { on: next, scored: later, heading };
    }
  }
  const note =
    closed > 0
      ? fr
        ? ` — ${closed} client(s) aux bureaux fermés, pour le ${day(next, lang)}`
        : ` — ${closed} customer(s) whose offices have closed, for ${day(next, lang)}`
      : '';
  const heading =
    office.moment === 'before_opening'
      ? fr
        ? `Les bureaux ouvrent à ${OFFICE_HOURS.start} ; ${dayHeading(today, today, lang)}${note} :`
        : `Offices open at ${OFFICE_HOURS.start}; ${dayHeading(today, today, lang)}${note}:`
      : `${capitalised(dayHeading(today, today, lang))}${note}${fr ? ' :' : ':'}`;
  return { on: today, scored: open, heading };
}

/**
 * Staff names by handle: the controller of a manager's step ("· Marie Lambert's customer") and,
 * on a team's list, each customer's owner.
 */
async function controllerNames(
  services: DialogServices,
  scored: Scored[],
  owners: boolean,
): Promise<Map<string, string>> {
  const handles = [
    ...new Set(
      scored
        .flatMap((s) => [s.reason.facts.controller, owners ? s.customer.owner : undefined])
        .filter((h): h is string => !!h),
    ),
  ];
  if (handles.length === 0) return new Map();
  const staff = await services.models.Staff.find({ handle: { $in: handles } }, { handle: 1, name: 1 }).lean();
  return new Map(staff.map((s) => [s.handle, s.name]));
}

export function controllerNote(r: Reason, names: Map<string, string>, lang: Lang): string {
  const handle = r.facts.controller;
  if (!handle) return '';
  const name = names.get(handle) ?? handle;
  return lang === 'fr' ? ` · dossier de ${name}` : ` · ${name}'s customer`;
}

export async function answerWorklist(
  req: WorklistRequest,
  turn: Turn,
  services: DialogServices,
): Promise<WorklistAnswer> {
  const lang = req.lang;
  const fr = lang === 'fr';
  const scope = await scopeOf(req, turn, services);
  if ('error' in scope) return { reply: textReply(scope.error), entries: [] };
  const { on, scored, heading } = await listFor(req, scope, services);
  const team = scope.owners === null || scope.owners.length > 1;
  const names = await controllerNames(services, scored, team);
  const entries = scored.map((s, i) => {
    const e = entryOf(s, i + 1, lang);
    return { ...e, reason: e.reason + controllerNote(s.reason, names, lang) };
  });
  const isToday = compareDates(on, services.today()) === 0;
  const when = isToday ? (fr ? "aujourd'hui" : 'today') : fr ? `le ${day(on, lang)}` : `on ${day(on, lang)}`;
  const filter = req.minOverdue
    ? fr
      ? ` · plus de ${money(req.minOverdue, 'EUR', lang)} en retard`
      : ` · over ${money(req.minOverdue, 'EUR', lang)} overdue`
    : '';
  const title = fr
    ? `Appels pour ${scope.label}, ${when}${filter}`
    : `Calls for ${scope.label}, ${when}${filter}`;
  if (entries.length === 0) {
    const none = fr
      ? `Personne à appeler ${when} (${longDay(on, lang)})${filter} : rien n'est dû qui ne soit déjà en cours.`
      : `Nobody to call ${when} (${longDay(on, lang)})${filter}: nothing is due that is not already in hand.`;
    return { reply: { ...textReply(none), title }, entries };
  }
  const snoozeTo = addBusinessDays(on, 1, services.policy.country);
  return {
    reply: {
      title,
      summary: fr
        ? `${entries.length} appel(s) ${when}, en premier : ${entries[0]!.name}`
        : `${entries.length} call(s) ${when}, first: ${entries[0]!.name}`,
      sections: [
        {
          blocks: [
            { kind: 'text', text: heading },
            {
              kind: 'list',
              entries: entries.map((e) =>
                listEntry(e, lang, snoozeTo, team ? (names.get(e.owner) ?? e.owner) : undefined),
              ),
              // Asked again for its next page: the same people, day, filter and length.
              source: {
                type: 'worklist',
                date: on,
                ...(req.forPerson ? { forStaff: req.forPerson } : {}),
                ...(req.top ? { top: req.top } : {}),
                ...(req.minOverdue ? { minOverdue: req.minOverdue } : {}),
              },
            },
          ],
        },
      ],
    },
    entries,
  };
}
