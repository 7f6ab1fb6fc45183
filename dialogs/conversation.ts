/**
 * The one dialog entry point every channel calls: (turn, services) → replies.
 * Typed requests ("who should I call today", the digest, help) and button payloads
 * (validated by zod in the channel edge) are routed here.
 */
import { markDirty } from '../models/ledger/summaries';
import { toStored } from '../models/rules/dates';
import { answerDigest } from './digest';
import { day } from './i18n';
import type { Reply } from './reply';
import { textReply } from './reply';
import { parseRequest } from './requests';
import type { DialogServices } from './services';
import type { Lang, Turn } from './turn';
import { answerWorklist } from './worklist';

export function helpReply(lang: Lang): Reply {
  return lang === 'fr'
    ? textReply(
        "Je peux vous dire qui appeler (« qui dois-je appeler aujourd'hui ? », « top 5 », « mes appels de demain », « appels pour Marie », « seulement au-dessus de 10k ») et vous donner le point du jour (« résumé »).",
      )
    : textReply(
        'I can tell you who to call ("who should I call today?", "top 5", "my calls for tomorrow", "calls for Marie", "only over 10k") and give you your morning digest ("digest").',
      );
}

async function snooze(turn: Turn, customer: string, until: string, services: DialogServices): Promise<Reply> {
  const fr = turn.lang === 'fr';
  const found = await services.models.Customer.findOneAndUpdate(
    { reference: customer },
    { $set: { snoozedUntil: toStored(until) } },
    { new: true },
  ).lean();
  if (!found) return textReply(fr ? `Client ${customer} introuvable.` : `Customer ${customer} not found.`);
  // One activity per button press, whatever the retries (its key is the turn's id).
  await services.models.Activity.updateOne(
    { key: `${turn.id}:snooze` },
    {
      $setOnInsert: {
        customer,
        kind: 'note',
        channel: 'chat',
        author: turn.staff,
        at: turn.at,
        outcome: 'snoozed',
        summary: `Reporté au ${until} / snoozed until ${until}`,
      },
    },
    { upsert: true },
  );
  await markDirty(services.models, [{ customer }]);
  return textReply(
    fr
      ? `${found.name} est reporté au ${day(until, 'fr')}.`
      : `${found.name} is snoozed until ${day(until, 'en')}.`,
  );
}

export async function respond(turn: Turn, services: DialogServices): Promise<Reply[]> {
  const today = services.today();
  if (turn.action) {
    const a = turn.action;
    switch (a.type) {
      case 'worklist':
        return [
          (
            await answerWorklist(
              { kind: 'worklist', date: a.date ?? today, top: a.top, forPerson: a.forStaff, lang: turn.lang },
              turn,
              services,
            )
          ).reply,
        ];
      case 'digest_details':
        return [(await answerDigest(a.staff, a.date, turn.lang, services, true)).reply];
      case 'snooze':
        return [await snooze(turn, a.customer, a.until, services)];
      default:
        return [helpReply(turn.lang)];
    }
  }
  const request = parseRequest(turn.text ?? '', {
    lang: turn.lang,
    today,
    timeZone: services.policy.timeZone,
    now: services.clock.now(),
  });
  if (!request) return [helpReply(turn.lang)];
  switch (request.kind) {
    case 'worklist':
      return [(await answerWorklist(request, turn, services)).reply];
    case 'digest':
      return [(await answerDigest(turn.staff, request.date, request.lang, services)).reply];
    case 'help':
      return [helpReply(request.lang)];
  }
}
