import { markDirty } from '../../../models/ledger/summaries';
import type { CustomerRowT } from '../rows';
import { countUpserts, emptyOutcome, type Writer } from './types';

/** Customers, keyed by reference. The owner must be a known staff member (handle or email). */
export const writeCustomers: Writer<CustomerRowT> = async (batch, { models }) => {
  const out = emptyOutcome();
  const people = batch.flatMap((b) =>
    b.value.sales_rep ? [b.value.owner, b.value.sales_rep] : [b.value.owner],
  );
  const owners = [...new Set(people.map((p) => p.toLowerCase()))];
  const staff = await models.Staff.find(
    { $or: [{ handle: { $in: owners } }, { email: { $in: owners } }] },
    { handle: 1, email: 1 },
  ).lean();
  const handleOf = new Map<string, string>();
  for (const s of staff) {
    handleOf.set(s.handle, s.handle);
    handleOf.set(s.email, s.handle);
  }
  const existing = new Map(
    (await models.Customer.find({ reference: { $in: batch.map((b) => b.value.reference) } }).lean()).map(
      (c) => [c.reference, c],
    ),
  );
  const ops: unknown[] = [];
  const dirty: Array<{ customer: string; owner: string }> = [];
  const ownerMoves: Array<{ reference: string; owner: string }> = [];
  for (const { row, value: r } of batch) {
    const owner = handleOf.get(r.owner.toLowerCase());
    if (!owner) {
      out.rejected.push({
        row,
        column: 'owner',
        reason: `unknown staff member "${r.owner}" (import staff first)`,
      });
      continue;
    }
    const salesRep = r.sales_rep ? handleOf.get(r.sales_rep.toLowerCase()) : undefined;
    if (r.sales_rep && !salesRep) {
      out.rejected.push({
        row,
        column: 'sales_rep',
        reason: `unknown staff member "${r.sales_rep}" (import staff first)`,
      });
      continue;
    }
    const before = existing.get(r.reference);
    // The file's contact is the usual one; contacts added since (from chat) are kept.
    const contacts = (before?.contacts ?? [])
      .filter((c) => c.name !== r.contact_name)
      .map((c) => ({ ...c, usual: r.contact_name ? false : c.usual }));
    if (r.contact_name) {
      contacts.unshift({
        name: r.contact_name,
        ...(r.civility ? { civility: r.civility } : {}),
        role: r.contact_role,
        email: r.contact_email,
        phone: r.contact_phone,
        preferredChannel: 'phone',
        usual: true,
      } as (typeof contacts)[number]);
    }
    const set: Record<string, unknown> = {
      name: r.name,
      language: r.language,
      ...(r.time_zone ? { timeZone: r.time_zone } : {}),
      owner,
      ...(r.credit_limit !== undefined
        ? { creditLimit: { amount: r.credit_limit, currency: r.currency } }
        : {}),
      paymentTermsDays: r.payment_terms_days,
      // Kept as stored when the file has none (an export without these columns).
      ...(r.legal_id ? { legalId: r.legal_id } : {}),
      ...(salesRep ? { salesRep } : {}),
      strategic: r.strategic,
      contacts: JSON.parse(JSON.stringify(contacts)),
      // The postal address letters are sent to; kept as stored when the file has none.
      ...(r.address
        ? {
            address: {
              lines: r.address
                .split('|')
                .map((l) => l.trim())
                .filter(Boolean),
              postalCode: r.postal_code,
              city: r.city,
              country: r.country ?? 'FR',
            },
          }
        : {}),
    };
    // Re-importing the same export must change nothing, summaries' bookkeeping included.
    if (before && sameFields(before as unknown as Record<string, unknown>, set)) {
      out.unchanged++;
      continue;
    }
    if (before && before.owner !== owner) ownerMoves.push({ reference: r.reference, owner });
    dirty.push({ customer: r.reference, owner });
    ops.push({
      updateOne: {
        filter: { reference: r.reference },
        update: {
          $set: set,
          $setOnInsert: {
            reference: r.reference,
            consumer: false,
            businessHours: { start: '09:00', end: '18:00' },
          },
        },
        upsert: true,
      },
    });
  }
  if (ops.length > 0)
    countUpserts(await models.Customer.collection.bulkWrite(ops as never, { ordered: false }), out);
  // Invoices carry their customer's owner for portfolio queries: move them along.
  for (const m of ownerMoves)
    await models.Invoice.collection.updateMany({ customer: m.reference }, { $set: { owner: m.owner } });
  await markDirty(models, dirty);
  return out;
};

function sameFields(before: Record<string, unknown>, set: Record<string, unknown>): boolean {
  return Object.entries(set).every(([k, v]) => canonical(before[k]) === canonical(v));
}

/** JSON with sorted keys, so that stored and fresh objects compare by content. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}
