/**
 * The command line's side of "one live card per draft": a draft approved, rejected or posted
 * from the terminal updates its cards in Slack and Teams directly (the same Web API and Bot
 * Framework calls the server makes); the web chat's cards live in the server's memory, so they
 * are left stale and the server updates them on its next `retry-deliveries` run.
 */
import { webApi } from '@slack/bolt';
import { type LiveCards, liveCards } from '../../dialogs/communications/live-cards';
import { draftReply } from '../../dialogs/drafting/draft-dialog';
import type { Config } from '../../integrations/config';
import type { Ledger } from '../../integrations/ledger';
import { linkSigner } from '../../integrations/links';
import type { Logger } from '../../integrations/logger';
import { draftLinks } from '../files';
import { slackCardUpdater } from '../slack/slack-cards';
import { teamsAdapter, teamsCardUpdater } from '../teams/teams-channel';

export function cliCards(ledger: Ledger, config: Config, logger: Logger): LiveCards {
  // The server's links verify only under the shared LINK_SECRET: without it the card has none.
  const links = config.linkSecret
    ? draftLinks(
        linkSigner(config.linkSecret, () => config.publicUrl ?? `http://${config.host}:${config.port}`),
      )
    : undefined;
  const cards = liveCards(
    ledger,
    (d, lang) => draftReply(d, lang, { links }),
    (err, what) => logger.warn({ err }, what),
  );
  if (config.slack.botToken)
    cards.attach(
      'slack',
      slackCardUpdater(
        new webApi.WebClient(
          config.slack.botToken,
          config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
        ),
      ),
    );
  // Teams cards exist only where Teams was reached (authenticated, or the loopback local mode).
  cards.attach('teams', teamsCardUpdater(teamsAdapter(config), config));
  return cards;
}
