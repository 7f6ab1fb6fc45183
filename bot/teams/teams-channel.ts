/**
 * Microsoft Teams on the Bot Framework: botbuilder's CloudAdapter on POST /api/messages of
 * the product's restify server. With MicrosoftAppId/password, every request must carry a valid
 * Bot Framework token (401 otherwise); without them the endpoint runs in local/emulator mode
 * and says so — never in production. Proactive messages go through stored conversation refs.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ChatServices } from '../../dialogs/conversation';
import type { Config } from '../../integrations/config';
import type { Logger } from '../../integrations/logger';
import { onTurnError, turnLogic } from '../bot-framework/turn-logic';
import { isLoopbackHost, isLoopbackUrl } from '../exposure';
import type { HttpServer } from '../http-server';
import type { Notifier } from '../notifier';
import { replyActivity } from '../render/adaptive-card';

export function mountTeams(
  http: HttpServer,
  services: ChatServices,
  config: Config,
  logger: Logger,
): (Notifier & { mode: 'authenticated' | 'local' }) | null {
  const log = logger.child({ channel: 'teams' });
  const creds = config.teams.appId;
  if (!creds && (config.env === 'production' || !isLoopbackHost(config.host))) {
    log.warn(
      `Teams is off: no MicrosoftAppId/MicrosoftAppPassword ${config.env === 'production' ? 'in production' : `while listening on ${config.host}`} (the unauthenticated local mode is for loopback only)`,
    );
    return null;
  }
  if (!creds) log.warn('Teams endpoint /api/messages in local/emulator mode: requests are not authenticated');
  const adapter = teamsAdapter(config);
  adapter.onTurnError = onTurnError(log, () => services.policy.defaultLocale);
  const logic = turnLogic({ services, logger: log, channel: 'teams' });
  http.server.post('/api/messages', async (req, res) => {
    // Unauthenticated local mode answers only a local emulator: replies never go elsewhere.
    const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (!creds && !(typeof serviceUrl === 'string' && isLoopbackUrl(serviceUrl))) {
      log.warn('Teams local mode: refused an activity whose serviceUrl is not on loopback');
      res.send(403, { code: 'FORBIDDEN', message: 'local mode only answers a serviceUrl on loopback' });
      return;
    }
    await adapter.process(req as never, res as never, logic);
  });
  return {
    mode: creds ? 'authenticated' : 'local',
    notify: teamsNotifier(adapter, services, config).notify,
  };
}

/** The Bot Framework adapter, authenticated when MicrosoftAppId/password are set. */
export function teamsAdapter(config: Config): CloudAdapter {
  const creds = config.teams.appId;
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      creds
        ? {
            MicrosoftAppId: config.teams.appId,
            MicrosoftAppPassword: config.teams.appPassword,
            MicrosoftAppType: config.teams.appType,
            MicrosoftAppTenantId: config.teams.tenantId,
          }
        : {},
    ),
  );
}

/** Proactive messages through the conversation reference stored when they last wrote. */
export function teamsNotifier(adapter: CloudAdapter, services: ChatServices, config: Config): Notifier {
  return {
    async notify(staff, reply) {
      const stored = await services.models.ConversationRef.findOne({ staff, channel: 'teams' }).lean();
      if (!stored) return false;
      const ref = stored.ref as ConversationReference;
      await adapter.continueConversationAsync(config.teams.appId ?? '', ref, async (context) => {
        // A new message in their chat (sendToConversation), not a reply to a past activity.
        const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        await client.conversations.sendToConversation(ref.conversation.id, {
          ...replyActivity(reply),
          from: ref.bot,
          recipient: ref.user,
          conversation: ref.conversation,
        } as never);
      });
      return true;
    },
  };
}
