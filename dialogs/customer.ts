/**
 * The customer card: "Dubois?", "show FR004", "fiche Textiles Dubois", or the Show button —
 * the aged balance, the usual contact, pending promises, open disputes, the last activities,
 * and what to do next (call script, draft, log a call).
 */

import { invoiceFacts } from '../models/ledger/invoice-state';
import { limitationWatch } from '../models/ledger/limitation-watch';
import { agedBalance } from '../models/rules/aging';
import { fromStored } from '../models/rules/dates';
import { agedTable } from './aged-table';
import { loadNoteDirectory } from './call-note/directory';
import { findCustomer, findInvoices } from './call-note/directory-match';
import { day, money, OUTCOME_LABELS } from './i18n';
import { whichCustomer } from './ledger-answers';
import { limitationSection } from './limitation';
import type { Fact, Reply, Section } from './reply';
import { textReply } from './reply';
import type { DialogServices } from './services';
import { kindLabel, trailText } from './trail-words';
import type { Lang } from './turn';

/** "Dubois?", "show Acme", "fiche FR004", "client Dubois": who is asked about, or null. */
export function customerAsk(text: string): string | null {
  const t = text.trim();
  const named = /^(?:show|customer|client|fiche(?: client)?|voir|info(?:s)?(?: sur)?)\s+(.+?)\s*\??$/i.exec(
    t,
  );
  if (named) return named[1]!;
  const bare = /^([^?]{2,60})\?$/.exec(t);
  return bare && bare[1]!.trim().split(/\s+/).length <= 4 ? bare[1]!.trim() : null;
}

/** Finds the customer named; null when nobody matches (the caller answers otherwise). */
export async function lookUpCustomer(
  target: string,
  lang: Lang,
  services: DialogServices,
): Promise<Reply | null> {
  const dir = await loadNoteDirectory(services.models, services.today());
  const match = findCustomer(target, dir, findInvoices(target, dir).known);
  // "Lequel ?" with one button per candidate (a name typed next opens that card).
  if (match.kind === 'several') return whichCustomer(match.candidates, lang, 'card');
  if (match.kind !== 'one') return null;
  return customerCard(match.customer, lang, services);
}

function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export async function customerCard(reference: string, lang: Lang, services: DialogServices): Promise<Reply> {
  const fr = lang === 'fr';
  const m = services.models;
  const customer = await m.Customer.findOne({ reference }).lean();
  if (!customer)
    return textReply(fr ? `Client ${reference} introuvable.` : `Customer ${reference} not found.`);
  const [invoices, promises, disputes, activities, owner] = await Promise.all([
    m.Invoice.find({ customer: reference, status: { $in: ['open', 'partially_paid'] } }).lean(),
    m.PaymentPromise.find({ customer: reference, status: 'pending' }).lean(),
    m.Dispute.find({ customer: reference, status: 'open' }).lean(),
    m.Activity.find({ customer: reference }).sort({ at: -1 }).limit(5).lean(),
    m.Staff.findOne({ handle: customer.owner }, { name: 1 }).lean(),
  ]);
  const today = services.today();
  const balance = agedBalance(invoices.map(invoiceFacts), today, services.policy.country);
  const contact = customer.contacts.find((c) => c.usual) ?? customer.contacts[0];
  const facts: Fact[] = [
    { label: fr ? 'Responsable' : 'Owner', value: owner?.name ?? customer.owner },
    {
      label: fr ? 'Conditions' : 'Terms',
      value: fr ? `${customer.paymentTermsDays} jours` : `${customer.paymentTermsDays} days`,
    },
  ];
  if (contact)
    facts.push({
      label: 'Contact',
      value: [contact.name, contact.role, contact.phone, contact.email].filter(Boolean).join(' · '),
    });
  const limit = customer.creditLimit;
  // Over the limit is a risk to act on (stop deliveries, ask for a payment): said first.
  const over = limit && limit.amount > 0 && (balance.total[limit.currency] ?? 0) > limit.amount;
  if (limit)
    facts.push({
      label: over
        ? fr
          ? '⚠ Encours autorisé dépassé'
          : '⚠ Credit limit exceeded'
        : fr
          ? 'Encours autorisé'
          : 'Credit limit',
      value: over
        ? fr
          ? `${money(balance.total[limit.currency]!, limit.currency, lang)} dus pour un encours autorisé de ${money(limit.amount, limit.currency, lang)} (${Math.round((balance.total[limit.currency]! / limit.amount) * 100)} %)`
          : `${money(balance.total[limit.currency]!, limit.currency, lang)} owed against a limit of ${money(limit.amount, limit.currency, lang)} (${Math.round((balance.total[limit.currency]! / limit.amount) * 100)} %)`
        : money(limit.amount, limit.currency, lang),
    });
  if (customer.callbackOn)
    facts.push({
      label: fr ? 'Rappel prévu' : 'Call back',
      value: day(fromStored(customer.callbackOn), lang),
    });

  const sections: Section[] = [
    {
      blocks: [
        ...(over
          ? [
              {
                kind: 'text' as const,
                text: fr
                  ? '⚠ Encours autorisé dépassé : voir avec le commercial avant toute nouvelle livraison.'
                  : '⚠ Over its credit limit: check with sales before any new delivery.',
              },
            ]
          : []),
        { kind: 'facts', facts },
      ],
    },
    {
      title: fr ? 'Balance âgée' : 'Aged balance',
      blocks: invoices.length
        ? [{ kind: 'aged', table: agedTable(balance, lang) }]
        : [{ kind: 'text', text: fr ? 'Rien à encaisser.' : 'Nothing outstanding.' }],
    },
  ];
  sections.push(
    ...limitationSection(await limitationWatch(m, services.policy, { customer: reference }, today), lang),
  );
  if (promises.length)
    sections.push({
      title: fr ? 'Promesses en cours' : 'Pending promises',
      blocks: [
        {
          kind: 'facts',
          facts: promises.flatMap((p) =>
            p.instalments.map((i) => ({
              label: day(fromStored(i.date), lang),
              value: `${money(i.amount, i.currency, lang)} (${p.recordedBy})`,
            })),
          ),
        },
      ],
    });
  if (disputes.length)
    sections.push({
      title: fr ? 'Litiges ouverts' : 'Open disputes',
      blocks: [
        {
          kind: 'facts',
          facts: disputes.map((d) => ({
            label: d.invoices.join(', '),
            value: `${OUTCOME_LABELS[lang][d.reason] ?? d.reason}${d.detail ? ` — ${d.detail}` : ''} (${fr ? 'revue le' : 'review on'} ${day(fromStored(d.reviewOn), lang)})`,
          })),
        },
      ],
    });
  if (activities.length)
    sections.push({
      title: fr ? 'Dernières actions' : 'Last activities',
      blocks: [
        {
          kind: 'facts',
          facts: activities.map((a) => ({
            label: `${day(fromStored(a.at), lang)} · ${kindLabel(a.kind, lang)}`,
            value: `${clipped(trailText(a.summary, lang), 140)} (${a.author})`,
          })),
        },
      ],
    });
  sections.push({
    blocks: [
      {
        kind: 'actions',
        actions: [
          {
            label: fr ? "Script d'appel" : 'Call script',
            payload: { type: 'call_script', customer: reference },
          },
          {
            label: fr ? 'Préparer la relance' : 'Draft next reminder',
            payload: { type: 'draft_next', customer: reference },
          },
          {
            label: fr ? 'Noter un appel' : 'Log outcome',
            payload: { type: 'log_outcome', customer: reference },
          },
        ],
      },
    ],
  });
  const title = `${customer.name} (${reference})`;
  return { summary: title, title, sections };
}
