/**
 * "Undo the last call note": within the day it was recorded, the note's writes are reversed —
 * its promise cancelled (a promise it replaced pending again), its disputes withdrawn (the
 * ladder resumes on those invoices), its call-back cleared — and a reversal is appended to the
 * trail. Nothing is deleted: the call and the reversal both stay in the customer's history.
 */
import { appendActivity } from '../../models/ledger/commitments';
import { markDirty } from '../../models/ledger/summaries';
import { localDate, toStored } from '../../models/rules/dates';
import type { CallLog } from '../../models/schemas/call-log';
import { type Reply, textReply } from '../reply';
import type { DialogServices } from '../services';
import type { Lang, Turn } from '../turn';
import { say } from '../words/call-note';
import { trailSay } from '../words/trail';
import type { Recorded } from './record';

export async function undoLastNote(turn: Turn, lang: Lang, services: DialogServices): Promise<Reply> {
  const m = services.models;
  const log = await m.CallLog.findOne({ staff: turn.staff, status: 'recorded' })
    .sort({ recordedAt: -1, _id: -1 })
    .lean<CallLog & { _id: unknown }>();
  const today = services.today();
  const tz = services.policy.timeZone;
  if (!log?.recordedAt || localDate(log.recordedAt, tz) !== today)
    return textReply(say(lang, 'nothingToUndo'));
  const result = (log.result ?? {}) as Partial<Recorded>;
  const customer = result.customer ?? log.customer ?? '';
  const key = log.key;
  await m.PaymentPromise.updateMany(
    { operationKey: `${key}#promise`, status: 'pending' },
    { $set: { status: 'cancelled' } },
  );
  if (result.supersededIds?.length)
    await m.PaymentPromise.updateMany(
      { _id: { $in: result.supersededIds }, status: 'cancelled' },
      { $set: { status: 'pending' } },
    );
  const disputes = await m.Dispute.find({
    operationKey: { $regex: `^${escapeRegExp(key)}#dispute:` },
    status: 'open',
  }).lean();
  for (const d of disputes) {
    await m.Dispute.updateOne({ _id: d._id }, { $set: { status: 'withdrawn' } });
    for (const invoice of d.invoices) {
      const still = await m.Dispute.countDocuments({ invoices: invoice, status: 'open' });
      if (still === 0) await m.Invoice.updateOne({ number: invoice }, { $set: { disputedAmount: 0 } });
    }
  }
  if (result.callback)
    await m.Customer.updateOne(
      { reference: customer, callbackOn: toStored(result.callback) },
      { $unset: { callbackOn: 1 } },
    );
  await appendActivity(m, {
    key: `${key}#reversal`,
    customer,
    invoices: [],
    kind: 'note',
    channel: 'chat',
    author: turn.staff,
    at: turn.at,
    outcome: 'reversed',
    summary: trailSay(services.policy, 'noteUndone', { text: log.text }),
  });
  await m.CallLog.updateOne({ key, status: 'recorded' }, { $set: { status: 'reversed' } });
  const owner = await m.Customer.findOne({ reference: customer }, { owner: 1, name: 1 }).lean();
  await markDirty(m, [{ customer, ...(owner ? { owner: owner.owner } : {}) }]);
  const name = owner?.name ?? customer;
  return textReply(say(lang, 'undone', { name, text: log.text }));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
