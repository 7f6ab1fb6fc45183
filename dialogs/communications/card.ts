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
  const fr = lang === 'fr';
  const facts = d.inputs as DraftFacts;
  const out: Fact[] = [];
  const open = ['awaiting_approval', 'edited', 'blocked'].includes(d.status);
  if (d.delivery === 'email' && open)
    out.push({
      label: fr ? 'Envoi' : 'Sending',
      value: facts.customer.contact?.email
        ? fr
          ? `par e-mail, avec la lettre en PDF et un relevé de compte`
          : `by email, with the letter as a PDF and a statement of account`
        : fr
          ? 'aucune adresse e-mail pour ce client : la lettre sera à poster'
          : 'no e-mail address for this customer: the letter will be to post',
    });
  if (d.delivery === 'post' && open)
    out.push({
      label: fr ? 'Envoi' : 'Sending',
      value:
        d.step === 'handover'
          ? fr
            ? 'dossier à transmettre (à valider par un manager)'
            : 'file to hand over (needs a manager)'
          : fr
            ? 'lettre recommandée à poster : le n° de recommandé la comptera envoyée'
            : 'registered letter to post: its registered-mail number records it sent',
    });
  if (d.status === 'sent' && d.proof?.kind) {
    const p = d.proof;
    const how = {
      smtp: fr ? `e-mail à ${p.to}, message ${p.id}` : `email to ${p.to}, message ${p.id}`,
      outbox: fr
        ? `e-mail à ${p.to} (boîte d’envoi locale), message ${p.id}`
        : `email to ${p.to} (local outbox), message ${p.id}`,
      registered: fr ? `recommandé n° ${p.id}` : `registered mail no. ${p.id}`,
      post: p.id
        ? fr
          ? `posté, réf. ${p.id}`
          : `handed to post, ref. ${p.id}`
        : fr
          ? 'remis à la poste'
          : 'handed to post',
    }[p.kind as 'smtp' | 'outbox' | 'registered' | 'post'];
    out.push({ label: fr ? 'Envoyé' : 'Sent', value: `${d.sentOn ? day(d.sentOn, lang) : ''} — ${how}` });
  }
  if (d.status === 'failed' && d.lastError) out.push({ label: fr ? 'Échec' : 'Failed', value: d.lastError });
  if (d.status === 'superseded' && Array.isArray(d.changes))
    out.push({ label: fr ? 'Pourquoi' : 'Why', value: changesText(d.changes as Change[], lang) });
  if (d.status === 'rejected' && d.rejectReason)
    out.push({ label: fr ? 'Motif' : 'Reason', value: d.rejectReason });
  return out;
}

/** The PDF of the version shown (the approved one once decided), and the mail once sent. */
export function communicationLinks(d: StoredDraft, lang: Lang, links: DraftServices['links']): Block | null {
  if (!links || d.kind === 'call_script') return null;
  const fr = lang === 'fr';
  const n = d.approvedVersion ?? d.versions.length;
  const out = [{ label: fr ? `Lettre PDF (v${n})` : `Letter PDF (v${n})`, url: links.pdf(d.key, n) }];
  if (d.status === 'sent' && d.proof?.kind === 'outbox')
    out.push({ label: fr ? 'Lire l’e-mail envoyé' : 'Read the mail sent', url: links.mail(d.key) });
  return { kind: 'links', links: out };
}

/** An approved letter to post: the form that records it posted. */
export function toPostForm(d: StoredDraft, lang: Lang): Block | null {
  if (d.status !== 'approved' || d.delivery !== 'post') return null;
  const fr = lang === 'fr';
  return {
    kind: 'form',
    fields: [
      {
        id: 'number',
        label:
          d.step === 'handover'
            ? fr
              ? 'Référence du dossier transmis'
              : 'Reference of the file handed over'
            : fr
              ? 'N° de recommandé'
              : 'Registered-mail number',
        value: '',
      },
    ],
    submit: {
      label: fr ? 'Posté' : 'Posted',
      style: 'primary',
      payload: { type: 'posted_draft', draft: d.key },
    },
  };
}
