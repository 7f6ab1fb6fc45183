/** The parser's view of the ledger, from the per-customer summaries (one read, no invoice scan). */
import type { Models } from '../../models';
import { loadPictures } from '../../models/ledger/worklist';
import type { LocalDate } from '../../models/rules/dates';
import type { NoteDirectory } from './note';

export async function loadNoteDirectory(models: Models, asOf: LocalDate): Promise<NoteDirectory> {
  const pictures = await loadPictures(models, null, asOf);
  const contacts = new Map(
    (await models.Customer.find({}, { reference: 1, contacts: 1 }).lean()).map((c) => [
      c.reference,
      (c.contacts ?? []).map((k) => ({ name: k.name, role: k.role ?? null })),
    ]),
  );
  return {
    customers: pictures.map((c) => ({
      reference: c.reference,
      name: c.name,
      currency: c.open[0]?.currency ?? c.creditLimit?.currency ?? 'EUR',
      contacts: contacts.get(c.reference) ?? [],
    })),
    invoices: pictures.flatMap((c) =>
      c.open.map((i) => ({
        number: i.number,
        customer: c.reference,
        currency: i.currency,
        outstanding: i.outstanding,
      })),
    ),
  };
}
