/**
 * What Relance says on its own initiative when a follow-up falls due: a promise broken, a
 * dispute to review, a call-back asked for. Each reply carries the buttons that act on it.
 */
import type { StepKey } from '../models/rules/policy';
import { day, money, STEP_LABELS } from './i18n';
import { type Action, type Fact, type Reply, titledReply } from './reply';
import type { Lang } from './turn';

interface CustomerRef {
  reference: string;
  name: string;
}

export interface BrokenPromise {
  status: string;
  instalments: Array<{ date: string; amount: number; currency: string; paidToward: number; status: string }>;
}

export function brokenPromiseReply(
  customer: CustomerRef,
  promise: BrokenPromise,
  next: { step: StepKey; draft: string | null } | null,
  lang: Lang,
): Reply {
  const fr = lang === 'fr';
  const missed = promise.instalments.filter((i) => i.status === 'broken' || i.status === 'partially_kept');
  const facts: Fact[] = missed.map((i) => ({
    label: fr ? `Promis pour le ${day(i.date, lang)}` : `Promised for ${day(i.date, lang)}`,
    value: `${money(i.amount, i.currency, lang)} — ${fr ? 'reçu' : 'received'} ${money(i.paidToward, i.currency, lang)}`,
  }));
  const actions: Action[] = [
    ...(next?.draft
      ? [
          {
            label: fr ? 'Voir le brouillon' : 'Open the draft',
            payload: { type: 'show_draft' as const, draft: next.draft },
            style: 'primary' as const,
          },
        ]
      : []),
    {
      label: fr ? "Script d'appel" : 'Call script',
      payload: { type: 'call_script', customer: customer.reference },
    },
    {
      label: fr ? 'Noter le résultat' : 'Log outcome',
      payload: { type: 'log_outcome', customer: customer.reference },
    },
  ];
  const partly = promise.status === 'partially_kept';
  const title = fr
    ? `Promesse ${partly ? 'tenue en partie' : 'non tenue'} — ${customer.name} (${customer.reference})`
    : `Promise ${partly ? 'only partly kept' : 'broken'} — ${customer.name} (${customer.reference})`;
  const nextText = next
    ? fr
      ? `Étape suivante avancée : ${STEP_LABELS.fr[next.step]}${next.draft ? ', brouillon prêt à valider.' : '.'}`
      : `Next step brought forward: ${STEP_LABELS.en[next.step]}${next.draft ? ', draft ready for your approval.' : '.'}`
    : fr
      ? "Plus d'étape amiable : à transmettre."
      : 'No amicable step left: hand it over.';
  return titledReply(title, [
    { kind: 'facts', facts },
    { kind: 'text', text: nextText },
    { kind: 'actions', actions },
  ]);
}

export function disputeReviewReply(
  customer: CustomerRef,
  dispute: {
    invoices: string[];
    reason: string;
    detail?: string | null;
    recordedBy: string;
    openedOn: string;
    amount?: string;
  },
  lang: Lang,
): Reply {
  const fr = lang === 'fr';
  const title = fr
    ? `Litige à revoir — ${customer.name} (${customer.reference})`
    : `Dispute to review — ${customer.name} (${customer.reference})`;
  const facts: Fact[] = [
    { label: fr ? 'Factures' : 'Invoices', value: dispute.invoices.join(', ') },
    { label: fr ? 'Motif' : 'Reason', value: [dispute.reason, dispute.detail].filter(Boolean).join(' — ') },
    { label: fr ? 'Ouvert' : 'Opened', value: `${day(dispute.openedOn, lang)} (${dispute.recordedBy})` },
    ...(dispute.amount
      ? [{ label: fr ? 'Montant contesté' : 'Disputed amount', value: dispute.amount }]
      : []),
  ];
  return titledReply(title, [
    { kind: 'facts', facts },
    {
      kind: 'text',
      text: fr
        ? 'Le litige met ces factures en pause : résolvez-le (avoir, en notre faveur, retiré) ou relancez le client.'
        : 'The dispute pauses these invoices: resolve it (credit note, in our favour, withdrawn) or chase the customer.',
    },
    {
      kind: 'actions',
      actions: [
        {
          label: fr ? 'Fiche client' : 'Customer card',
          payload: { type: 'show_customer', customer: customer.reference },
        },
        {
          label: fr ? 'Noter le résultat' : 'Log outcome',
          payload: { type: 'log_outcome', customer: customer.reference },
        },
      ],
    },
  ]);
}

export function callBackReply(
  customer: CustomerRef,
  why: 'callback' | 'snooze',
  contact: string | null,
  lang: Lang,
): Reply {
  const fr = lang === 'fr';
  const title =
    why === 'callback'
      ? fr
        ? `À rappeler aujourd'hui — ${customer.name} (${customer.reference})`
        : `Call back today — ${customer.name} (${customer.reference})`
      : fr
        ? `Fin du report — ${customer.name} (${customer.reference}) revient dans vos appels`
        : `Snooze over — ${customer.name} (${customer.reference}) is back in your calls`;
  return titledReply(title, [
    ...(contact
      ? [{ kind: 'facts' as const, facts: [{ label: fr ? 'Appeler' : 'Call', value: contact }] }]
      : []),
    {
      kind: 'actions',
      actions: [
        {
          label: fr ? "Script d'appel" : 'Call script',
          payload: { type: 'call_script', customer: customer.reference },
          style: 'primary',
        },
        {
          label: fr ? 'Noter le résultat' : 'Log outcome',
          payload: { type: 'log_outcome', customer: customer.reference },
        },
      ],
    },
  ]);
}
