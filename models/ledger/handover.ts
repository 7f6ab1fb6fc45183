/**
 * The hand-over state: a customer "with agency / commissaire de justice" since a manager
 * approved its hand-over — who it went to, who approved, since when — stored on the customer
 * with an Activity in the trail. While it lasts its invoices leave the ladder (the sweep drafts
 * nothing for them) and every call list, and the digest shows them apart; payments imported
 * later still settle them (imports and allocation do not look at this state). A manager can
 * take a customer back: the trail keeps both events.
 */
import type { Models } from '../index';
import { fromStored, type LocalDate, localDate } from '../rules/dates';
import { outstanding } from '../rules/invoice-facts';
import type { Totals } from '../rules/money';
import { catalogue, type Lang } from '../words/catalogue';
import { appendActivity } from './commitments';
import { invoiceFacts } from './invoice-state';
import { markDirty } from './summaries';

/** The trail's words (in the team's language, as every trail summary: models/words/trail.ts). */
const say = catalogue('handover-trail', {
  en: {
    handedOver: 'Handed over to {{partner}}',
    handedOverUnnamed: 'Handed over (collection agency / commissaire de justice)',
    takenBack: 'Taken back from the collection partner into amicable collection',
  },
  fr: {
    handedOver: 'Dossier transmis à {{partner}}',
    handedOverUnnamed: 'Dossier transmis (agence de recouvrement / commissaire de justice)',
    takenBack: 'Dossier repris en recouvrement amiable',
  },
});

export interface HandoverInput {
  /** The team's language, the trail's. */
  lang: Lang;
  customer: string;
  /** The agency or commissaire de justice; null when the policy does not name one. */
  partner: string | null;
  by: string;
  at: Date;
  /** The hand-over draft approved (its key): the operation key of what is written. */
  draft: string;
  invoices?: string[];
}

/** Marks the customer handed over (once: a second approval or a retry changes nothing). */
export async function markHandedOver(models: Models, h: HandoverInput): Promise<boolean> {
  const res = await models.Customer.updateOne(
    { reference: h.customer, 'handover.since': { $exists: false } },
    {
      $set: {
        handover: {
          ...(h.partner ? { partner: h.partner } : {}),
          approvedBy: h.by,
          since: h.at,
          draft: h.draft,
        },
      },
    },
  );
  const customer = await models.Customer.findOne({ reference: h.customer }, { owner: 1 }).lean();
  await appendActivity(models, {
    key: `${h.draft}#handed-over`,
    customer: h.customer,
    invoices: h.invoices ?? [],
    kind: 'escalation',
    channel: 'system',
    author: h.by,
    at: h.at,
    outcome: 'handed_over',
    summary: h.partner ? say(h.lang, 'handedOver', { partner: h.partner }) : say(h.lang, 'handedOverUnnamed'),
    data: { partner: h.partner, draft: h.draft },
  });
  if (customer) await markDirty(models, [{ customer: h.customer, owner: customer.owner }]);
  return res.modifiedCount > 0;
}

/** A manager takes the customer back into amicable collection (the ladder and call lists). */
export async function takeBack(
  models: Models,
  t: { customer: string; by: string; at: Date; key: string; lang: Lang },
): Promise<boolean> {
  const before = await models.Customer.findOneAndUpdate(
    { reference: t.customer, 'handover.since': { $exists: true } },
    { $unset: { handover: 1 } },
    { returnDocument: 'before' },
  ).lean();
  if (!before?.handover) return false;
  await appendActivity(models, {
    key: `${t.key}#taken-back`,
    customer: t.customer,
    kind: 'escalation',
    channel: 'system',
    author: t.by,
    at: t.at,
    outcome: 'taken_back',
    summary: say(t.lang, 'takenBack'),
    data: { partner: before.handover.partner ?? null, since: before.handover.since },
  });
  await markDirty(models, [{ customer: t.customer, owner: before.owner }]);
  return true;
}

export interface HandedOverCustomer {
  customer: string;
  name: string;
  partner: string | null;
  approvedBy: string;
  since: LocalDate;
  /** What is still owed, per currency (never summed across). */
  owed: Totals;
  invoices: Array<{ number: string; currency: string; remaining: number; dueDate: LocalDate }>;
}

/** The customers handed over (of an owner, or the team's), with what they still owe. */
export async function handedOverCustomers(
  models: Models,
  timeZone: string,
  owner?: string,
): Promise<HandedOverCustomer[]> {
  const customers = await models.Customer.find(
    { 'handover.since': { $exists: true }, ...(owner ? { owner } : {}) },
    { reference: 1, name: 1, handover: 1 },
  )
    .sort({ 'handover.since': 1, reference: 1 })
    .lean();
  if (customers.length === 0) return [];
  const open = await models.Invoice.find({
    customer: { $in: customers.map((c) => c.reference) },
    status: { $in: ['open', 'partially_paid'] },
  })
    .sort({ dueDate: 1 })
    .lean();
  return customers.map((c) => {
    const invoices = open
      .filter((i) => i.customer === c.reference)
      .map((i) => ({
        number: i.number,
        currency: i.currency,
        remaining: outstanding(invoiceFacts(i)),
        dueDate: fromStored(i.dueDate),
      }))
      .filter((i) => i.remaining > 0);
    const owed: Totals = {};
    for (const i of invoices) owed[i.currency] = (owed[i.currency] ?? 0) + i.remaining;
    return {
      customer: c.reference,
      name: c.name,
      partner: c.handover!.partner ?? null,
      approvedBy: c.handover!.approvedBy,
      since: localDate(c.handover!.since, timeZone),
      owed,
      invoices,
    };
  });
}
