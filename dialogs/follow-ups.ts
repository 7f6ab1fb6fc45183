/**
 * What Relance says on its own initiative when a follow-up falls due: a promise broken, a
 * dispute to review, a call-back asked for. Each reply carries the buttons that act on it.
 */
import type { StepKey } from '../models/rules/policy';
import { day, money, STEP_LABELS } from './i18n';
import { type Action, type Fact, type Reply, titledReply } from './reply';
import type { Lang } from './turn';
import { say } from './words/follow-ups';

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
  const missed = promise.instalments.filter((i) => i.status === 'broken' || i.status === 'partially_kept');
  const facts: Fact[] = missed.map((i) => ({
    label: say(lang, 'promisedFor', { day: day(i.date, lang) }),
    value: say(lang, 'received', {
      amount: money(i.amount, i.currency, lang),
      paid: money(i.paidToward, i.currency, lang),
    }),
  }));
  const actions: Action[] = [
    ...(next?.draft
      ? [
          {
            label: say(lang, 'openDraft'),
            payload: { type: 'show_draft' as const, draft: next.draft },
            style: 'primary' as const,
          },
        ]
      : []),
    {
      label: say(lang, 'callScript'),
      payload: { type: 'call_script', customer: customer.reference },
    },
    {
      label: say(lang, 'logOutcome'),
      payload: { type: 'log_outcome', customer: customer.reference },
    },
  ];
  const who = { name: customer.name, ref: customer.reference };
  const title = say(lang, promise.status === 'partially_kept' ? 'promisePartly' : 'promiseBroken', who);
  const nextText = next
    ? say(lang, next.draft ? 'nextStepDraft' : 'nextStep', { step: STEP_LABELS[lang][next.step] })
    : say(lang, 'noStepLeft');
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
  const title = say(lang, 'disputeToReview', { name: customer.name, ref: customer.reference });
  const facts: Fact[] = [
    { label: say(lang, 'invoices'), value: dispute.invoices.join(', ') },
    { label: say(lang, 'reason'), value: [dispute.reason, dispute.detail].filter(Boolean).join(' — ') },
    { label: say(lang, 'opened'), value: `${day(dispute.openedOn, lang)} (${dispute.recordedBy})` },
    ...(dispute.amount ? [{ label: say(lang, 'disputedAmount'), value: dispute.amount }] : []),
  ];
  return titledReply(title, [
    { kind: 'facts', facts },
    {
      kind: 'text',
      text: say(lang, 'disputePauses'),
    },
    {
      kind: 'actions',
      actions: [
        {
          label: say(lang, 'customerCard'),
          payload: { type: 'show_customer', customer: customer.reference },
        },
        {
          label: say(lang, 'logOutcome'),
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
  const title = say(lang, why === 'callback' ? 'callBackToday' : 'snoozeOver', {
    name: customer.name,
    ref: customer.reference,
  });
  return titledReply(title, [
    ...(contact ? [{ kind: 'facts' as const, facts: [{ label: say(lang, 'call'), value: contact }] }] : []),
    {
      kind: 'actions',
      actions: [
        {
          label: say(lang, 'callScript'),
          payload: { type: 'call_script', customer: customer.reference },
          style: 'primary',
        },
        {
          label: say(lang, 'logOutcome'),
          payload: { type: 'log_outcome', customer: customer.reference },
        },
      ],
    },
  ]);
}
