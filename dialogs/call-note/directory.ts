/** The parser's view of the ledger, from the per-customer summaries (one read, no invoice scan). */
import type { Models } from '../../models';
import { loadPictures } from '../../models/ledger/worklist';
import type { LocalDate } from '../../models/rules/dates';
import type { NoteDirectory } from './note';

export async function loadNoteDirectory(models: Models, asOf: LocalDate): Promise<NoteDirectory> {
  const pictures = await loadPictures(models, null, asOf);
  return {
    customers: pictures.map((c) => ({
      reference: c.reference,
      name: c.name,
      currency: c.open[0]?.currency ?? c.creditLimit?.currency ?? 'EUR',
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
