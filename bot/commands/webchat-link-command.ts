/**
 * `relance webchat-link --as <handle> [--minutes N] [--url https://host]`: prints a signed
 * login link to the web chat for one person (valid N minutes, once). Send it to them in a
 * direct message; opening it gives a session as that person and nobody else.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../models/errors';
import { loginLink } from '../webchat/session';
import { exitWithError, withLedger } from './shared';

export function registerWebChatLinkCommand(program: Command): void {
  program
    .command('webchat-link')
    .description(
      'print a signed, single-use login link to the web chat for one staff member (needs WEBCHAT_SECRET)',
    )
    .requiredOption('--as <handle>', 'the staff member the link signs in')
    .option('--minutes <n>', 'how long the link stays valid (default WEBCHAT_LINK_MINUTES, 15)')
    .option('--url <base>', 'the address people open Relance at (default http://HOST:PORT)')
    .action(async (opts: { as: string; minutes?: string; url?: string }) => {
      try {
        const link = await withLedger(async (ledger, { config }) => {
          if (!config.webchatSecret)
            throw new ValidationError('WEBCHAT_SECRET is not set: the web chat has no logins to sign');
          const minutes = opts.minutes === undefined ? config.webchat.linkMinutes : Number(opts.minutes);
          if (!Number.isInteger(minutes) || minutes < 1 || minutes > 7 * 24 * 60)
            throw new ValidationError('--minutes must be a whole number of minutes (1 to 10080)');
          const handle = opts.as.trim().toLowerCase();
          const staff = await ledger.models.Staff.findOne({ handle, active: { $ne: false } }).lean();
          if (!staff) throw new ValidationError(`no active staff member "${handle}"`);
          const base =
            opts.url ??
            `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
          if (!URL.canParse(base))
            throw new ValidationError('--url must be an address such as https://relance.example.com');
          return loginLink(base, config.webchatSecret, handle, minutes);
        });
        process.stdout.write(`${link}\n`);
      } catch (err) {
        exitWithError(err);
      }
    });
}
