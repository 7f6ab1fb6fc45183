/**
 * The morning digest as a reply: the essentials first (short enough for a phone), the details
 * behind a button. A manager gets the team view.
 */

import { type PersonalDigest, personalDigest, type TeamDigest, teamDigest } from '../models/ledger/digest';
import { limitationWatch } from '../models/ledger/limitation-watch';
import { compareDates, type LocalDate } from '../models/rules/dates';
import type { Totals } from '../models/rules/money';
import { agedTable } from './aged-table';
import { day, longDay, money, OUTCOME_LABELS, totals } from './i18n';
import { limitationSection } from './limitation';
import type { Fact, ListEntry, Reply, Section } from './reply';
import { textReply } from './reply';
import { type DialogServices, findStaffByHandle } from './services';
import type { Lang } from './turn';
import { reasonText } from './worklist';

export type Digest = PersonalDigest | TeamDigest;

function signed(t: Totals, lang: Lang): string {
  const parts = Object.entries(t).map(([c, v]) => `${v > 0 ? '+' : '−'}${money(Math.abs(v), c, lang)}`);
  return parts.length ? parts.join(', ') : lang === 'fr' ? 'inchangé' : 'unchanged';
}

function personalReply(d: PersonalDigest, name: string, lang: Lang, details: boolean): Reply {
  const fr = lang === 'fr';
  const essentials: Fact[] = [
    { label: fr ? 'En retard' : 'Overdue', value: totals(d.balance.overdue, lang) },
    ...(d.previous
      ? [
          {
            label: fr ? `Depuis le ${day(d.previous.on, lang)}` : `Since ${day(d.previous.on, lang)}`,
            value: signed(d.overdueChange, lang),
          },
        ]
      : []),
    {
      label: fr ? "Promesses à vérifier aujourd'hui" : 'Promises due today',
      value: String(d.promisesDue.length),
    },
    { label: fr ? 'Promesses non tenues' : 'Promises broken', value: String(d.promisesBroken.length) },
    { label: fr ? 'Litiges à revoir' : 'Disputes to review', value: String(d.disputesToReview.length) },
    { label: fr ? 'Brouillons à approuver' : 'Drafts to approve', value: String(d.draftsWaiting) },
  ];
  const calls: ListEntry[] = d.topCalls.map((s, i) => ({
    rank: i + 1,
    title: `${s.customer.name} (${s.customer.reference})`,
    why: reasonText(s.reason, lang),
    facts: s.customer.contact?.phone
      ? [
          {
            label: fr ? 'Appeler' : 'Call',
            value: [s.customer.contact.name, s.customer.contact.phone].filter(Boolean).join(' · '),
          },
        ]
      : [],
    actions: [
      {
        label: fr ? "Script d'appel" : 'Call script',
        payload: { type: 'call_script', customer: s.customer.reference },
      },
    ],
  }));
  const sections: Section[] = [
    { blocks: [{ kind: 'facts', facts: essentials }] },
    {
      title: fr ? 'Appels du jour' : "Today's calls",
      blocks: calls.length
        ? [{ kind: 'list', entries: calls }]
        : [{ kind: 'text', text: fr ? 'Aucun appel urgent.' : 'No urgent call.' }],
    },
  ];
  if (!details) {
    sections.push({
      blocks: [
        {
          kind: 'actions',
          actions: [
            {
              label: fr ? 'Détails' : 'Details',
              payload: { type: 'digest_details', staff: d.staff, date: d.on },
            },
            { label: fr ? 'Toute la liste' : 'Full call list', payload: { type: 'worklist', date: d.on } },
          ],
        },
      ],
    });
  } else {
    sections.push({
      title: fr ? 'Balance âgée' : 'Aged balance',
      blocks: [{ kind: 'aged', table: agedTable(d.balance, lang) }],
    });
    const line = (p: { name: string; customer: string; amount: number; currency: string; date: LocalDate }) =>
      `${p.name} (${p.customer}) — ${money(p.amount, p.currency, lang)}, ${day(p.date, lang)}`;
    if (d.promisesDue.length)
      sections.push({
        title: fr ? "Promesses à vérifier aujourd'hui" : 'Promises due today',
        blocks: d.promisesDue.map((p) => ({ kind: 'text', text: line(p) })),
      });
    if (d.promisesBroken.length)
      sections.push({
        title: fr ? 'Promesses non tenues' : 'Promises broken',
        blocks: d.promisesBroken.map((p) => ({ kind: 'text', text: line(p) })),
      });
    if (d.disputesToReview.length) {
      sections.push({
        title: fr ? 'Litiges à revoir' : 'Disputes to review',
        blocks: d.disputesToReview.map((x) => ({
          kind: 'text',
          text: `${x.customer} ${x.invoices.join(', ')} — ${OUTCOME_LABELS[lang][x.reason] ?? x.reason}: « ${x.detail} » (${day(x.reviewOn, lang)})`,
        })),
      });
    }
    if (d.formalNoticesComing.length) {
      sections.push({
        title: fr ? 'Mises en demeure à venir' : 'Formal notices coming',
        blocks: d.formalNoticesComing.map((x) => ({
          kind: 'text',
          text: `${x.name} (${x.customer}) — ${x.invoice}, ${day(x.on, lang)}`,
        })),
      });
    }
  }
  const first = name.split(' ')[0];
  const title = fr
    ? `Bonjour ${first} — point du ${longDay(d.on, lang)}`
    : `Good morning ${first} — ${longDay(d.on, lang)}`;
  const summary = fr
    ? `${totals(d.balance.overdue, lang)} en retard · ${d.promisesDue.length} promesse(s) à vérifier · ${d.topCalls.length} appel(s) prioritaire(s)`
    : `${totals(d.balance.overdue, lang)} overdue · ${d.promisesDue.length} promise(s) due · ${d.topCalls.length} priority call(s)`;
  return { title, summary, sections };
}

function teamReply(d: TeamDigest, lang: Lang): Reply {
  const fr = lang === 'fr';
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
    {
      label: fr ? 'Approbations en attente (> 1 j)' : 'Approvals waiting (> 1 d)',
      value: String(d.approvalsOverdue),
    },
  ];
  const risks: ListEntry[] = d.largestRisks.map((s, i) => ({
    rank: i + 1,
    title: `${s.customer.name} (${s.customer.reference}) — ${s.customer.owner}`,
    why: reasonText(s.reason, lang),
    facts: [{ label: fr ? 'En retard' : 'Overdue', value: totals(s.overdue, lang) }],
    actions: [],
  }));
  return {
    title: fr ? `Point équipe — ${longDay(d.on, lang)}` : `Team digest — ${longDay(d.on, lang)}`,
    summary: perController.map((f) => `${f.label}: ${f.value}`).join(' · '),
    sections: [
      {
        title: fr ? 'Par chargé de recouvrement' : 'Per credit controller',
        blocks: [{ kind: 'facts', facts: perController }],
      },
      { title: fr ? 'Indicateurs' : 'Measures', blocks: [{ kind: 'facts', facts: measures }] },
      { title: fr ? 'Plus gros risques' : 'Largest risks', blocks: [{ kind: 'list', entries: risks }] },
    ],
  };
}

export interface DigestAnswer {
  reply: Reply;
  digest: Digest | null;
}

/** The digest of `handle` for `on`; `details` shows everything (the button, or a terminal). */
export async function answerDigest(
  handle: string,
  on: LocalDate,
  lang: Lang,
  services: DialogServices,
  details = false,
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
    const reply = teamReply(d, lang);
    const alerts = await limitationWatch(services.models, services.policy, {}, on);
    if (alerts.length) reply.sections = [...reply.sections, ...limitationSection(alerts, lang, true)];
    return { reply, digest: d };
  }
  const d = await personalDigest(
    services.models,
    services.policy,
    me.handle,
    on,
    isToday ? services.clock.now() : null,
  );
  const reply = personalReply(d, me.name, lang, details);
  // Debts close to limitation: flagged every morning, 180 days ahead by default.
  const alerts = await limitationWatch(services.models, services.policy, { owner: me.handle }, on);
  if (alerts.length) reply.sections = [...reply.sections, ...limitationSection(alerts, lang, true)];
  return { reply, digest: d };
}
