/** `relance slack-manifest --url https://…`: the Slack app manifest to paste at api.slack.com/apps. */
import type { Command } from 'commander';
import { z } from 'zod';
import { slackManifest } from '../slack/manifest';
import { exitWithError } from './shared';

const Options = z.object({
  url: z.string().url('expected the public https URL Slack reaches Relance at').optional(),
  socketMode: z.boolean().optional(),
});

export function registerSlackManifestCommand(program: Command): void {
  program
    .command('slack-manifest')
    .description('print the Slack app manifest (scopes, events, interactivity, /relance, App Home)')
    .option('--url <base>', 'public base URL of this server (request URL = <base>/slack/events)')
    .option('--socket-mode', 'for Socket Mode: no request URLs')
    .action((raw) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) return exitWithError(parsed.error);
      process.stdout.write(
        `${JSON.stringify(slackManifest({ baseUrl: parsed.data.url, socketMode: parsed.data.socketMode }), null, 2)}\n`,
      );
    });
}
