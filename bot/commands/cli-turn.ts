/**
 * The CLI as a channel. Its conversational commands (`worklist`, `digest`) go through the one
 * turn pipeline like every other edge (`cliAsk`): the same staff look-up, language and
 * dialogs, the reply rendered as terminal text. `cliTurn` is for the commands that read or
 * write data directly (`--json` exports, the operators' approve/reject).
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import type { ChatServices } from '../../dialogs/conversation';
import type { ActionPayload, Reply } from '../../dialogs/reply';
import type { Turn } from '../../dialogs/turn';
import type { Ledger } from '../../integrations/ledger';
import type { Logger } from '../../integrations/logger';
import { ValidationError } from '../../models/errors';
import { isLocalDate } from '../../models/rules/dates';
import { resolveStaff } from '../../pipeline/identity';
import { runTurn } from '../../pipeline/turn-pipeline';

function unknownStaff(handle: string): ValidationError {
  return new ValidationError(`unknown staff member "${handle}"`, [
    { path: '--as', message: 'expected a staff handle (see npm run relance -- import staff)' },
  ]);
}

/**
 * Asks Relance what a person would ask in a chat (a typed sentence, or a button's payload),
 * through the turn pipeline. Not a personal conversation: the person's inbox stays for the
 * chat they read. An unknown or inactive handle is a usage error (exit code 2).
 */
export async function cliAsk(
  ledger: Ledger & Partial<ChatServices>,
  logger: Logger,
  handle: string,
  ask: { text: string } | { payload: ActionPayload },
): Promise<Reply[]> {
  const outcome = await runTurn(
    { channel: 'cli', who: { handle }, eventId: randomUUID(), personal: false, ...ask },
    { services: ledger, logger },
  );
  if (outcome.kind === 'stranger') throw unknownStaff(handle);
  return outcome.replies;
}

export async function cliTurn(ledger: Ledger, handle: string): Promise<Turn> {
  // The same look-up as every channel's (active people only).
  const staff = await resolveStaff(ledger, { handle });
  if (!staff) throw unknownStaff(handle);
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
