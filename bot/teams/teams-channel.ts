/**
 * Microsoft Teams on the Bot Framework: botbuilder's CloudAdapter on POST /api/messages of
 * the product's restify server. With MicrosoftAppId/password, every request must carry a valid
 * Bot Framework token (401 otherwise); without them the endpoint runs in local/emulator mode
 * and says so — never in production. Proactive messages go through stored conversation refs.
 */
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { z } from 'zod';
import type { CardUpdater } from '../../dialogs/communications/live-cards';
import type { ChatServices } from '../../dialogs/conversation';
import type { Config } from '../../integrations/config';
import type { Logger } from '../../integrations/logger';
import { normalizeError } from '../../models/errors';
import { bfCardUpdater, recordBfCard } from '../bot-framework/cards';
import { onTurnError, RelanceBot } from '../bot-framework/turn-logic';
import { isLoopbackHost, isLoopbackUrl } from '../exposure';
import type { HttpServer } from '../http-server';
import type { Notifier } from '../notifier';
import { replyActivity } from '../render/adaptive-card';

/** What every Bot Framework activity has; the rest is botbuilder's to read. */
const IncomingActivity = z
  .object({
    type: z.string().min(1),
    serviceUrl: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: z.object({ id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

export function mountTeams(
  http: HttpServer,
  services: ChatServices,
  config: Config,
  logger: Logger,
): (Notifier & { mode: 'authenticated' | 'local'; idle(): Promise<void>; cards: CardUpdater }) | null {
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
  const notifier = teamsNotifier(adapter, services, config);
  const bot = new RelanceBot({
    services,
    logger: log,
    channel: 'teams',
    proactive: (ref, logic) => adapter.continueConversationAsync(config.teams.appId ?? '', ref, logic),
    personal: notifier.notify,
  });
  http.server.post('/api/messages', async (req, res) => {
    const activity = IncomingActivity.safeParse(req.body);
    if (!activity.success) {
      res.send(400, { code: 'VALIDATION', message: 'expected a Bot Framework activity' });
      return;
    }
    // Unauthenticated local mode answers only a local emulator: replies never go elsewhere.
    const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (!creds && !(typeof serviceUrl === 'string' && isLoopbackUrl(serviceUrl))) {
      log.warn('Teams local mode: refused an activity whose serviceUrl is not on loopback');
      res.send(403, { code: 'FORBIDDEN', message: 'local mode only answers a serviceUrl on loopback' });
      return;
    }
    let ran = false;
    try {
      const invoke = await adapter.handle(
        req.header('authorization') ?? '',
        activity.data as never,
        async (context) => {
          ran = true;
          await bot.run(context);
        },
      );
      res.send(invoke?.status ?? 200, invoke?.body ?? undefined);
    } catch (err) {
      // Refused before the bot ran: a missing, forged or expired token. No internal detail leaves.
      if (!ran) {
        log.warn({ err: normalizeError(err).message }, 'Bot Framework request refused: bad token');
        res.send(401, { code: 'UNAUTHORIZED', message: 'a valid Bot Framework token is required' });
        return;
      }
      const e = normalizeError(err);
      log.error({ code: e.code, err: e.cause ?? e }, 'Bot Framework turn failed');
      res.send(500, { code: e.code, message: 'the request could not be handled' });
    }
  });
  return {
    mode: creds ? 'authenticated' : 'local',
    notify: notifier.notify,
    idle: () => bot.idle(),
    cards: teamsCardUpdater(adapter, config),
  };
}

/** botbuilder's CloudAdapter, with its authenticate-then-run step reachable so the HTTP answer is ours. */
export class TeamsAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The Bot Framework adapter, authenticated when MicrosoftAppId/password are set. */
export function teamsAdapter(config: Config): TeamsAdapter {
  const creds = config.teams.appId;
  return new TeamsAdapter(
    new ConfigurationBotFrameworkAuthentication(
      creds
        ? {
            MicrosoftAppId: config.teams.appId,
            MicrosoftAppPassword: config.teams.appPassword,
            MicrosoftAppType: config.teams.appType,
            MicrosoftAppTenantId: config.teams.tenantId,
            ...(config.teams.openIdMetadataUrl
              ? { ToBotFromChannelOpenIdMetadataUrl: config.teams.openIdMetadataUrl }
              : {}),
          }
        : {},
    ),
  );
}

/**
 * Proactive messages through the reference of the person's *personal* chat, stored when they
 * last wrote there or installed the app (group chats are stored apart and never used here).
 */
export function teamsNotifier(adapter: CloudAdapter, services: ChatServices, config: Config): Notifier {
  return {
    async notify(staff, reply) {
      const stored = await services.models.ConversationRef.findOne({ staff, channel: 'teams' }).lean();
      if (!stored) return false;
      const ref = stored.ref as ConversationReference;
      await adapter.continueConversationAsync(config.teams.appId ?? '', ref, async (context) => {
        // A new message in their chat (sendToConversation), not a reply to a past activity.
        const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        const sent = await client.conversations.sendToConversation(ref.conversation.id, {
          ...replyActivity(reply),
          from: ref.bot,
          recipient: ref.user,
          conversation: ref.conversation,
        } as never);
        await recordBfCard(services.cards, 'teams', context, reply, sent?.id);
      });
      return true;
    },
  };
}

/** Replaces a draft card posted in Teams (Bot Framework `updateActivity`, in its conversation). */
export function teamsCardUpdater(adapter: CloudAdapter, config: Config): CardUpdater {
  return bfCardUpdater((ref, logic) =>
    adapter.continueConversationAsync(config.teams.appId ?? '', ref, logic),
  );
}
