/** The CLI as a channel: a turn for the staff member named by --as, and shared option parsers. */
import { InvalidArgumentError } from 'commander';
import type { Turn } from '../../dialogs/turn';
import type { Ledger } from '../../integrations/ledger';
import { ValidationError } from '../../models/errors';
import { isLocalDate } from '../../models/rules/dates';
import { resolveStaff } from '../../pipeline/identity';

export async function cliTurn(ledger: Ledger, handle: string): Promise<Turn> {
  // The same look-up as every channel's (active people only).
  const staff = await resolveStaff(ledger, { handle });
  if (!staff)
    throw new ValidationError(`unknown staff member "${handle}"`, [
      { path: '--as', message: 'expected a staff handle (see npm run relance -- import staff)' },
    ]);
  return {
    id: `cli:${process.pid}:${Date.now()}`,
    channel: 'cli',
    staff: staff.handle,
    lang: staff.lang,
    at: ledger.clock.now(),
  };
}

export function parseDay(value: string): string {
  if (!isLocalDate(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}

export function parseTop(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new InvalidArgumentError('expected a whole number from 1 to 200');
  return n;
}
