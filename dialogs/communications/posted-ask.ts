/**
 * A registered-mail number typed in chat ("recommandé 1A 123 456 7890 1 pour Dubois", "posted
 * D1A2B3C4D 1A12345678901", or the number alone): it records the letter to post it belongs to
 * as sent that day — the draft named (its id or its customer), else the person's only letter
 * waiting to be posted; with several, Relance asks which.
 */
import type { DraftServices, StoredDraft } from '../drafting/drafts';
import type { Reply } from '../reply';
import { textReply } from '../reply';
import type { Turn } from '../turn';

/** La Poste's numbers (1A 123 456 7890 1: a digit, a letter, 11 digits) and UPU ones (RR123456789FR). */
const NUMBER = /\b(\d[A-Z](?:\s?\d){11}|[A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}\s?[A-Z]{2})\b/i;
const REF = /\b(D[0-9A-F]{8})\b/i;

export function postedNumberIn(text: string): { number: string; ref: string | null } | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  return { number: m[1]!.replace(/\s+/g, '').toUpperCase(), ref: REF.exec(text)?.[1]?.toUpperCase() ?? null };
}

/** The letter the number is for, or a question; null when the text is not about posting. */
export async function answerPostedNumber(
  turn: Turn,
  services: DraftServices,
  record: (draftKey: string, number: string) => Promise<Reply>,
): Promise<Reply | null> {
  const found = postedNumberIn(turn.text ?? '');
  if (!found) return null;
  const fr = turn.lang === 'fr';
  const waiting = await services.models.Draft.find({
    status: 'approved',
    delivery: 'post',
    ...(found.ref ? { ref: found.ref } : { owner: turn.staff }),
  }).lean<StoredDraft[]>();
  const text = (turn.text ?? '').toLowerCase();
  const named = waiting.filter(
    (d) =>
      text.includes(d.customer.toLowerCase()) ||
      text.includes(
        String((d.inputs as { customer?: { name?: string } }).customer?.name ?? '\u0000').toLowerCase(),
      ),
  );
  const candidates = named.length ? named : waiting;
  if (candidates.length === 1) return record(candidates[0]!.key, found.number);
  if (candidates.length === 0)
    return textReply(
      fr
        ? `Aucune lettre validée n’attend d’être postée : je n’ai pas enregistré le n° ${found.number}.`
        : `No approved letter is waiting to be posted: I did not record number ${found.number}.`,
    );
  const list = candidates.map((d) => `${d.ref} (${d.customer}, ${d.step})`).join(fr ? ' ou ' : ' or ');
  return textReply(
    fr
      ? `Pour quelle lettre est le n° ${found.number} : ${list} ? Écrivez par exemple « recommandé ${candidates[0]!.ref} ${found.number} ».`
      : `Which letter is number ${found.number} for: ${list}? Write for example "posted ${candidates[0]!.ref} ${found.number}".`,
  );
}
