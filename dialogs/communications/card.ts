/**
 * What a draft's card says about its life: its status in words, how it will reach the
 * customer (email, or a letter to post — and "no e-mail address" before approval), its proof
 * once sent, why it failed, was superseded or rejected; the links to its PDF and sent mail;
 * and for a letter to post, the form taking its registered-mail number.
 */

import type { DraftServices, StoredDraft } from '../drafting/drafts';
import type { DraftFacts } from '../drafting/facts';
import { day } from '../i18n';
import type { Block, Fact } from '../reply';
import type { Lang } from '../turn';
import { type Change, changesText } from './send';
import { w } from './words';

const STATUS: Record<Lang, Record<string, string>> = {
  fr: {
    awaiting_approval: 'à valider',
    edited: 'modifié, à valider',
    blocked: 'bloqué par un contrôle',
    approved: 'validé',
    to_post: 'validé, à poster',
    sending: 'en cours d’envoi',
    sent: 'envoyé',
    failed: 'validé, non envoyé (nouvel essai prévu)',
    superseded: 'remplacé : les faits ont changé',
    rejected: 'rejeté',
  },
  en: {
    awaiting_approval: 'awaiting approval',
    edited: 'edited, awaiting approval',
    blocked: 'blocked by a check',
    approved: 'approved',
    to_post: 'approved, to post',
    sending: 'sending',
    sent: 'sent',
    failed: 'approved, not sent (will retry)',
    superseded: 'superseded: its facts changed',
    rejected: 'rejected',
  },
};

/** The state a draft's card shows: a card showing another one is out of date (see live-cards). */
export function cardState(d: Pick<StoredDraft, 'status' | 'delivery' | 'versions'>): string {
  return `${d.status}:${d.delivery ?? ''}:v${d.versions.length}`;
}

export function statusLabel(d: { status: string; delivery?: string | null }, lang: Lang): string {
  const key = d.status === 'approved' && d.delivery === 'post' ? 'to_post' : d.status;
  return STATUS[lang][key] ?? d.status;
}

export function communicationFacts(d: StoredDraft, lang: Lang): Fact[] {
  const facts = d.inputs as DraftFacts;
  const out: Fact[] = [];
  const open = ['awaiting_approval', 'edited', 'blocked'].includes(d.status);
  if (d.delivery === 'email' && open)
    out.push({
      label: w(lang, 'cardSending'),
      value: w(lang, facts.customer.contact?.email ? 'cardByEmail' : 'cardNoEmail'),
    });
  if (d.delivery === 'post' && open)
    out.push({
      label: w(lang, 'cardSending'),
      value: w(lang, d.step === 'handover' ? 'cardHandover' : 'cardToPost'),
    });
  if (d.status === 'sent' && d.proof?.kind) {
    const p = d.proof;
    const vars = { to: p.to ?? '', id: p.id ?? '' };
    const how = {
      smtp: w(lang, 'proofSmtp', vars),
      outbox: w(lang, 'proofOutbox', vars),
      registered: w(lang, 'proofRegistered', vars),
      post: w(lang, p.id ? 'proofPostRef' : 'proofPost', vars),
    }[p.kind as 'smtp' | 'outbox' | 'registered' | 'post'];
    out.push({ label: w(lang, 'cardSent'), value: `${d.sentOn ? day(d.sentOn, lang) : ''} — ${how}` });
  }
  if (d.status === 'failed' && d.lastError) out.push({ label: w(lang, 'cardFailed'), value: d.lastError });
  if (d.status === 'superseded' && Array.isArray(d.changes))
    out.push({ label: w(lang, 'cardWhy'), value: changesText(d.changes as Change[], lang) });
  if (d.status === 'rejected' && d.rejectReason)
    out.push({ label: w(lang, 'cardReason'), value: d.rejectReason });
  return out;
}

/** The PDF of the version shown (the approved one once decided), and the mail once sent. */
export function communicationLinks(d: StoredDraft, lang: Lang, links: DraftServices['links']): Block | null {
  if (!links || d.kind === 'call_script') return null;
  const n = d.approvedVersion ?? d.versions.length;
  const out = [{ label: w(lang, 'linkPdf', { n }), url: links.pdf(d.key, n) }];
  if (d.status === 'sent' && d.proof?.kind === 'outbox')
    out.push({ label: w(lang, 'linkMail'), url: links.mail(d.key) });
  return { kind: 'links', links: out };
}

/** An approved letter to post: the form that records it posted. */
export function toPostForm(d: StoredDraft, lang: Lang): Block | null {
  if (d.status !== 'approved' || d.delivery !== 'post') return null;
  return {
    kind: 'form',
    fields: [
      {
        id: 'number',
        label: w(lang, d.step === 'handover' ? 'formHandoverRef' : 'formRegistered'),
        value: '',
      },
    ],
    submit: {
      label: w(lang, 'formPosted'),
      style: 'primary',
      payload: { type: 'posted_draft', draft: d.key },
    },
  };
}
