/**
 * Intent first, then slots. A message is a call note only when it reports a contact attempt or
 * its result about a customer; thanks, greetings, acknowledgements, emoji, questions and
 * commands never are. This module recognises the requests beyond the worklist, digest, drafts
 * and help of requests.ts — drafts to approve, a customer's invoices or history, sending a
 * letter, the PDF of the last letter, undoing the last call note — and tells small talk and
 * questions apart, FR and EN.
 */
import type { LocalDate } from '../models/rules/dates';
import { fold, NOTE_SIGNALS } from './call-note/lexicon';
import type { CallNote } from './call-note/note';
import { OUTCOME_PATTERNS, reportsDispute } from './call-note/note-facts';
import { detectLang, parseRequest, type Request } from './requests';
import { amountsIn } from './spoken-amount';
import type { Lang } from './turn';

export type MoreRequest =
  | { kind: 'drafts'; lang: Lang }
  | { kind: 'invoices'; target: string; lang: Lang }
  | { kind: 'history'; target: string; lang: Lang }
  | { kind: 'send_letter'; target: string; channel?: 'email' | 'post'; lang: Lang }
  | { kind: 'letter_pdf'; target?: string; lang: Lang }
  | { kind: 'undo'; lang: Lang };

/** What `parse-note` and the dialog call a message: `call_note`, a request's name, or `none`. */
export type IntentName =
  | 'call_note'
  | MoreRequest['kind']
  | 'worklist'
  | 'digest'
  | 'draft'
  | 'case_file'
  | 'help'
  | 'customer'
  | 'none';

const words = (list: string[]) => new RegExp(`(?<![\\p{L}\\d])(?:${list.join('|')})(?![\\p{L}\\d])`, 'iu');

/** Thanks, greetings, acknowledgements and emoji: nothing to record, nothing to ask. */
const SMALL_TALK = words([
  'merci(?: beaucoup| bien)?',
  'thanks?(?: a lot| you)?',
  'thank you(?: very much)?',
  'thx',
  'ty',
  'cheers',
  'ta',
  'super',
  'parfait',
  'top',
  'g[ée]nial',
  'nickel',
  'excellent',
  'great',
  'cool',
  'nice',
  'perfect',
  'awesome',
  'ok(?:ay)?',
  "d'accord",
  'daccord',
  'bien re[çc]u',
  'not[ée]',
  'noted',
  'got it',
  'compris',
  'entendu',
  'ça marche',
  'ca marche',
  'bonjour',
  'bonsoir',
  'salut',
  'hello',
  'hi',
  'hey',
  'coucou',
  'good (?:morning|afternoon|evening)',
  'bonne (?:journ[ée]e|soir[ée]e)',
  'have a (?:good|nice) day',
  'à plus',
  'a plus',
  'bye',
  'au revoir',
  'oui',
  'yes',
  'non',
  'no',
  'yep',
  'nope',
  'et',
  'and',
  'very much',
  'beaucoup',
  'tout',
  'much',
  'so',
  'vraiment',
  'really',
]);

/** True when the message is only politeness, acknowledgement or emoji ("🙂 merci !", "super, merci beaucoup"). */
export function isSmallTalk(text: string): boolean {
  let rest = text.toLowerCase();
  rest = rest.replace(new RegExp(SMALL_TALK.source, 'giu'), ' ');
  // What remains must be punctuation, emoji or spaces.
  return (
    rest.replace(/\p{P}|\p{S}|\p{Extended_Pictographic}|\u200d|\ufe0f|\s/gu, '') === '' && /\S/.test(text)
  );
}

/** "Qui est le contact chez Dubois ?", "can you …?": a question, not a report. */
export function isQuestion(text: string): boolean {
  const t = text.trim().toLowerCase();
  return (
    /\?\s*$/.test(t) &&
    /^(?:qui|que|quoi|quel(?:le)?s?|quand|comment|combien|pourquoi|o[uù]|est-ce|peux-tu|pouvez-vous|tu peux|vous pouvez|y a-t-il|what|who|whom|when|where|why|how|which|can|could|would|will|should|do|does|did|is|are|was|have|has)\b/.test(
      t,
    )
  );
}

/** Requests beyond worklist / digest / draft / help; null when the message is none of them. */
export function parseMoreRequest(text: string, fallback: Lang): MoreRequest | null {
  const lang = detectLang(text, fallback);
  const t = text.trim().replace(/\s*[?.!]+$/, '');
  if (
    words([
      'brouillons?',
      'drafts?',
      'courriers? (?:à|a) valider',
      'lettres? (?:à|a) valider',
      'letters? (?:to|awaiting) approv\\w*',
      'à valider',
      'a valider',
      'to approve',
      'awaiting approval',
      'pending approval',
    ]).test(t) &&
    !/\b(?:pour|for|à|chez)\s+\S/i.test(t.replace(/\b(?:drafts?|brouillons?)\s+(?:to|à|a)\s+\S+/i, ''))
  )
    return { kind: 'drafts', lang };
  const undo =
    /^(?:annule[rz]?|undo|supprime[rz]?|efface[rz]?|cancel|revert|retire[rz]?)\b(?:\s+(?:ma|la|my|the|mon|le))?(?:\s+(?:derni[eè]re|last|dernier|previous|précédente?))?(?:\s+(?:note|appel|call(?: note)?|saisie|entr(?:y|ée)))?(?:\s+(?:d'appel|de appel))?\s*$/i;
  if (undo.test(t) && /(?:derni|last|previous|préc|note|appel|call)/i.test(t)) return { kind: 'undo', lang };
  const invoices =
    /^(?:(?:montre|affiche|liste|voir|show|list|see|open)\s+(?:moi\s+)?(?:les\s+|the\s+)?)?(?:factures?|invoices?|open invoices|factures? ouvertes|encours|outstanding)\s+(?:ouvertes?\s+|open\s+)?(?:de|du|des|d'|of|for|pour|chez|at)\s*(.+)$/i.exec(
      t,
    );
  if (invoices) return { kind: 'invoices', target: clean(invoices[1]!), lang };
  const history =
    /^(?:(?:montre|affiche|voir|show|see)\s+(?:moi\s+)?(?:l'|the\s+)?)?(?:historique|history|historic|activit[ée]s?|activity|timeline|journal)\s+(?:de|du|des|d'|of|for|pour|chez|with|at)?\s*(.+)$/i.exec(
      t,
    );
  if (history) return { kind: 'history', target: clean(history[1]!), lang };
  if (/\bpdf\b/i.test(t)) {
    const target =
      /(?:de|du|pour|for|of|to|à|chez)\s+(?!la\b|le\b|the\b|dernier|derni[eè]re|last)([^,]+)$/i.exec(t)?.[1];
    return { kind: 'letter_pdf', ...(target ? { target: clean(target) } : {}), lang };
  }
  const send =
    /^(?:envoie|envoies|envoyer|envoyez|renvoie|send|email|e-mail|mail|post|poste|poster|expédie|expedie)\b(?:\s+(?:la|le|les|the|my|ma|notre|our|a|une?))?\s+(?:lettre|letter|courrier|relance|reminder|mise en demeure|formal notice|brouillon|draft)s?\b(?:\s+(?:de\s+)?(?:relance|reminder))?\s*(?:à|a|pour|for|to|de|chez|of)\s+(.+?)$/i.exec(
      t,
    );
  if (send) {
    let target = send[1]!;
    let channel: 'email' | 'post' | undefined;
    const by =
      /\s+(?:par|by|via)\s+(e-?mail|mail|courriel|courrier|la poste|poste|post|recommandée?|letter)\s*$/i.exec(
        target,
      );
    if (by) {
      channel = /e-?mail|^mail|courriel/i.test(by[1]!) ? 'email' : 'post';
      target = target.slice(0, by.index);
    } else if (/^(?:email|e-mail|mail)\b/i.test(t)) channel = 'email';
    else if (/^(?:post|poste|poster)\b/i.test(t)) channel = 'post';
    return { kind: 'send_letter', target: clean(target), ...(channel ? { channel } : {}), lang };
  }
  return null;
}

const clean = (s: string) =>
  s.trim().replace(/^(?:la société|the company|le client|customer|client)\s+/i, '');

/**
 * Does the text say anything a call note would — an outcome, a contact reached, a promise or an
 * amount, a dispute however it is told, a call-back?
 */
export function saysNoteThings(text: string): boolean {
  const f = fold(text);
  return (
    NOTE_SIGNALS.test(f) ||
    OUTCOME_PATTERNS.some(([, re]) => re.test(f)) ||
    reportsDispute(f) ||
    amountsIn(text, 'EUR').length > 0
  );
}

export interface Classified {
  more: MoreRequest | null;
  request: Request | null;
  smallTalk: boolean;
  /** Reports a contact attempt or its result — to be read as a call note. */
  noteLike: boolean;
}

/** Intent first: what kind of message this is, before any slot is read. */
export function classify(
  text: string,
  opts: { lang: Lang; today: LocalDate; timeZone: string; now: Date },
): Classified {
  const more = parseMoreRequest(text, opts.lang);
  const request = more ? null : parseRequest(text, opts);
  const smallTalk = !more && !request && isSmallTalk(text);
  const noteLike = !more && !smallTalk && saysNoteThings(text) && !isQuestion(text);
  return { more, request, smallTalk, noteLike };
}

/**
 * The `intent` of `parse-note`: `call_note` when the message would be recorded as a call note,
 * otherwise the request's name, `customer` for a bare customer name, or `none`.
 */
export function intentName(c: Classified, note: CallNote, text: string): IntentName {
  if (c.more) return c.more.kind;
  if (c.request && !saysNoteThings(text)) return c.request.kind;
  if (c.smallTalk) return 'none';
  const said = note.outcome || note.promises.length || note.disputes.length || note.callback || note.question;
  if (c.noteLike && said && (note.customer || note.question)) return 'call_note';
  if (c.request) return c.request.kind;
  if (note.customer && !c.noteLike && text.trim().split(/\s+/).length <= 5) return 'customer';
  return 'none';
}
