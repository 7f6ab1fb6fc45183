/** Small readers over the golden customers for drafting unit tests. */
import { addressLines } from '../../dialogs/drafting/address';
import { GOLDEN_CUSTOMERS } from '../golden/customers';

export function formatAddress(customer: string, lang: 'fr' | 'en'): string[] {
  const c = GOLDEN_CUSTOMERS[customer]!.customer.address!;
  return addressLines(
    {
      lines: c.lines ?? [],
      postalCode: c.postalCode ?? undefined,
      city: c.city ?? undefined,
      country: c.country ?? undefined,
    },
    lang,
    'FR',
  );
}
