/**
 * Slack on @slack/bolt. Over HTTP, Bolt's own HTTPReceiver (signature and timestamp checks,
 * 3-second acks) answers POST /slack/events on the product's restify server; with
 * SLACK_SOCKET_MODE the same app connects out over a WebSocket instead (teams behind a
 * firewall). Listeners: DMs and mentions, /relance, buttons, the edit modal, App Home.
 * Replies are the dialogs' channel-neutral Replies rendered as Block Kit.
 */

import type { Logger as BoltLogger } from '@slack/bolt';
import {
  App,
  type ButtonAction,
  HTTPModuleFunctions,
  HTTPReceiver,
  LogLevel,
  type webApi,
} from '@slack/bolt';
import { z } from 'zod';
import type { CardUpdater } from '../../dialogs/communications/live-cards';
import { type ChatServices, staleButtonReply, unknownUserReply } from '../../dialogs/conversation';
import { homeReply } from '../../dialogs/home';
import { staffLang } from '../../dialogs/i18n';
import { ActionPayload, type Reply } from '../../dialogs/reply';
import type { Lang } from '../../dialogs/turn';
import type { Config } from '../../integrations/config';
import type { Logger } from '../../integrations/logger';
import { normalizeError } from '../../models/errors';
import { type KnownStaff, resolveStaff } from '../../pipeline/identity';
import { type Arrival, SLOW_AFTER_MS } from '../../pipeline/turn-pipeline';
import type { HttpServer } from '../http-server';
import type { Notifier } from '../notifier';
import {
  ACTION_PREFIX,
  FORM_CALLBACK,
  formValues,
  LIMITS,
  replyBlocks,
  replyMessage,
} from '../render/block-kit';
import { refuseFutureTimestamps } from './request-age';
import { recordSlackCard, slackCardUpdater, uploadLetter } from './slack-cards';
import { type Outlet, runSlackTurn } from './slack-turn';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_COMMAND = '/relance';

export interface SlackEdge extends Notifier {
  mode: 'http' | 'socket';
  app: App;
  /** Updates a draft card posted here (one live card per draft). */
  cards: CardUpdater;
  stop(): Promise<void>;
  /** Resolves when every turn started so far is delivered (Bolt acks before listeners finish). */
  idle(): Promise<void>;
}

export interface SlackOptions {
  /** How long a turn may take before a "drafting…" placeholder is shown (ms). */
  placeholderAfterMs?: number;
}

/** Bolt logs through ours (same redaction, same format). */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  // Bolt logs strings and Error objects: errors go under `err` so pino keeps their stack.
  const write = (fn: 'debug' | 'info' | 'warn' | 'error', msg: unknown[]) => {
    const err = msg.find((m) => m instanceof Error);
    const text = msg
      .filter((m) => m !== err)
      .map((m) => (typeof m === 'string' ? m : JSON.stringify(m)))
      .join(' ');
    if (err) log[fn]({ err }, text);
    else log[fn](text);
  };
  return {
    debug: (...m) => write('debug', m),
    info: (...m) => write('info', m),
    warn: (...m) => write('warn', m),
    error: (...m) => write('error', m),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** A button's raw payload (the pipeline validates it); null when it is not JSON. */
function payloadOf(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? '');
  } catch {
    return null;
  }
}

/** What a form modal carries in its private_metadata: the submit payload and where it came from. */
const FormOrigin = z.object({
  p: ActionPayload,
  channel: z.string().optional(),
  ts: z.string().optional(),
  responseUrl: z.string().url().optional(),
});

/** "<@U123> who should I call?" → "who should I call?" */
const withoutMentions = (text: string) =>
  text
    .replace(/<@[A-Z0-9]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export async function mountSlack(
  http: HttpServer,
  services: ChatServices,
  config: Config,
  logger: Logger,
  options: SlackOptions = {},
): Promise<SlackEdge | null> {
  const log = logger.child({ channel: 'slack' });
  const { botToken, signingSecret, appToken, socketMode, apiUrl } = config.slack;
  if (!botToken) {
    log.info('Slack is off: no SLACK_BOT_TOKEN');
    return null;
  }
  const common = {
    token: botToken,
    logger: boltLogger(log),
    ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {}),
  };
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (socketMode) {
    app = new App({ ...common, socketMode: true, appToken });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: signingSecret!,
      endpoints: SLACK_EVENTS_PATH,
      logger: common.logger,
      // Bolt's default logs the error itself only at debug level: keep its code and stack.
      processEventErrorHandler: async (args) => {
        const e = normalizeError(args.error);
        log.error({ code: e.code, err: e.cause ?? e }, 'Slack request failed');
        return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      },
    });
    app = new App({ ...common, receiver });
  }
  const client = app.client;
  const deps = { services, logger: log, placeholderAfterMs: options.placeholderAfterMs ?? SLOW_AFTER_MS };
  const pending = new Set<Promise<void>>();
  /** Runs a turn, tracked so that `idle()` can await it. */
  const turn = (...args: Parameters<typeof runSlackTurn>) => {
    const running: Promise<void> = runSlackTurn(...args).finally(() => pending.delete(running));
    pending.add(running);
    return running;
  };
  // Every request Bolt processes is tracked from before its ack (Bolt acks events before any
  // listener runs): `idle()` then also awaits a redelivery found to be a duplicate, or a press
  // no listener handles — what a test asserting "nothing was sent" must wait for.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const running: Promise<void> = processEvent(event).finally(() => pending.delete(running));
    pending.add(running);
    return running;
  };
  const lang = (s: KnownStaff | null): Lang => s?.lang ?? services.policy.defaultLocale;
  const staffOf = (userId: string) => resolveStaff(services, { slackUserId: userId });
  // Every reply is rendered in the language it declares (the pipeline sets it).
  const rendered = (reply: Reply) => replyMessage(reply, reply.lang ?? services.policy.defaultLocale);

  const channelOutlet = (channel: string, threadTs?: string, user?: string): Outlet => ({
    post: async (reply) => {
      const res = await client.chat.postMessage({
        channel,
        ...rendered(reply),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      const at = res.channel && res.ts ? { channel: res.channel, ts: res.ts } : undefined;
      await recordSlackCard(services.cards, reply, at);
      await uploadLetter(client, services, reply, at, log);
      return at;
    },
    update: async (ref, reply) => {
      await client.chat.update({ channel: ref.channel, ts: ref.ts, ...rendered(reply) });
      await recordSlackCard(services.cards, reply, ref);
      // A placeholder that became a draft's card: a card new to the person.
      await uploadLetter(client, services, reply, ref, log);
    },
    // In a channel, words for one person only are ephemeral; in a DM a message is theirs anyway.
    ...(user && !channel.startsWith('D')
      ? {
          ephemeral: async (reply: Reply) => {
            await client.chat.postEphemeral({
              channel,
              user,
              ...rendered(reply),
              ...(threadTs ? { thread_ts: threadTs } : {}),
            });
          },
        }
      : {}),
  });

  // Messages: DMs to the app, and mentions in channels (answered in a thread).
  const onMessage = async (
    event: { user?: string; text?: string; channel: string; ts: string; thread_ts?: string },
    body: { event_id?: string; team_id?: string },
    where: { threaded: boolean; personal: boolean },
  ) => {
    if (!event.user) return;
    const out = channelOutlet(
      event.channel,
      where.threaded ? (event.thread_ts ?? event.ts) : event.thread_ts,
      event.user,
    );
    // Slack redelivers an event it thinks was missed (X-Slack-Retry-Num) under the same
    // event_id; an event without one is keyed by its place (team, channel, ts), never shared.
    const arrival: Arrival = {
      channel: 'slack',
      who: { slackUserId: event.user },
      eventId: body.event_id
        ? `event:${body.event_id}`
        : `msg:${body.team_id ?? ''}:${event.channel}:${event.ts}`,
      text: withoutMentions(event.text ?? ''),
      personal: where.personal,
    };
    await turn(arrival, out, deps);
  };

  /** A message from a person (not a bot, not an edit or a join) with words in it. */
  const fromPerson = (e: { subtype?: string; bot_id?: string; text?: string }) =>
    !e.bot_id &&
    (e.subtype === undefined || e.subtype === 'file_share' || e.subtype === 'thread_broadcast') &&
    (e.text ?? '').trim() !== '';

  app.event('message', async ({ event, body }) => {
    const e = event as unknown as {
      subtype?: string;
      bot_id?: string;
      channel_type?: string;
      user?: string;
      text?: string;
      channel: string;
      ts: string;
      thread_ts?: string;
    };
    // People's own new messages in the app's DM: typed, with a file (a call note with an
    // attachment), or a thread reply also sent to the conversation.
    if (e.channel_type !== 'im' || !fromPerson(e)) return;
    await onMessage(e, body, { threaded: false, personal: true });
  });
  app.event('app_mention', async ({ event, body }) => {
    // Another bot mentioning us (or a workflow) is not a person asking.
    if (!fromPerson(event as { subtype?: string; bot_id?: string; text?: string })) return;
    await onMessage(event, body, { threaded: true, personal: false });
  });

  // App Home: today's calls and the drafts waiting for this person.
  const publishHome = async (userId: string, staff: KnownStaff | null) => {
    const reply: Reply = staff
      ? await homeReply(
          {
            id: `slack:home:${userId}`,
            channel: 'slack',
            staff: staff.handle,
            lang: staff.lang,
            at: services.clock.now(),
            text: '',
          },
          services,
        )
      : unknownUserReply(lang(staff), 'Slack');
    await client.views.publish({
      user_id: userId,
      view: { type: 'home', blocks: replyBlocks(reply, lang(staff), LIMITS.viewBlocks) as never },
    });
  };
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(event.user, await staffOf(event.user));
    } catch (err) {
      log.error({ code: normalizeError(err).code, err }, 'App Home could not be published');
    }
  });

  // /relance <anything you would write in a DM>: answered privately where it was typed.
  app.command(SLACK_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const out: Outlet = {
      post: async (reply) => {
        await respond({ response_type: 'ephemeral', ...rendered(reply) });
        return undefined;
      },
      update: async (_ref, reply) => {
        await respond({ response_type: 'ephemeral', ...rendered(reply) });
      },
      openModal: async (view) => {
        await client.views.open({ trigger_id: command.trigger_id, view: view as never });
      },
      origin: { responseUrl: command.response_url },
    };
    // A replayed command (the same signed request again) carries the same trigger_id: run once.
    const arrival: Arrival = {
      channel: 'slack',
      who: { slackUserId: command.user_id },
      eventId: `cmd:${command.team_id}:${command.trigger_id}`,
      text: command.text.trim() || 'help',
      personal: false,
    };
    await turn(arrival, out, deps);
  });

  // Buttons: every action id Relance renders starts with "relance:"; the value is the payload.
  app.action({ action_id: new RegExp(`^${ACTION_PREFIX}:`) }, async ({ action, body, ack, respond }) => {
    await ack();
    if (action.type !== 'button' || body.type !== 'block_actions') return;
    const button = action as ButtonAction;
    const userId = body.user.id;
    const container = body.container as {
      type: string;
      message_ts?: string;
      channel_id?: string;
      is_ephemeral?: boolean;
      view_id?: string;
    };
    const fromHome = container.type === 'view';
    const dm = channelOutlet(userId);
    const out: Outlet = fromHome
      ? { ...dm }
      : container.is_ephemeral || !container.channel_id || !container.message_ts
        ? {
            post: async (reply) => {
              await respond({ response_type: 'ephemeral', replace_original: false, ...rendered(reply) });
              return undefined;
            },
            update: async (_ref, reply) => {
              await respond({ response_type: 'ephemeral', replace_original: false, ...rendered(reply) });
            },
            replaceOrigin: async (reply) => {
              await respond({ replace_original: true, ...rendered(reply) });
            },
            origin: { responseUrl: body.response_url },
          }
        : {
            ...channelOutlet(container.channel_id, body.message?.thread_ts as string | undefined, userId),
            replaceOrigin: async (reply) => {
              const at = { channel: container.channel_id!, ts: container.message_ts! };
              await client.chat.update({ ...at, ...rendered(reply) });
              await recordSlackCard(services.cards, reply, at);
            },
            origin: { channel: container.channel_id, ts: container.message_ts },
          };
    out.openModal = async (view) => {
      await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    };
    // The message the button was on: a decision there counts once, however many clicks.
    // (A home view gets a new hash each time it is published: a later click there is a new one.)
    const where = container.message_ts ?? `${container.view_id}:${body.view?.hash ?? ''}`;
    const arrival: Arrival = {
      channel: 'slack',
      who: { slackUserId: userId },
      eventId: `press:${body.trigger_id}`,
      origin: `${body.team?.id ?? ''}:${container.channel_id ?? userId}:${where}`,
      payload: payloadOf(button.value),
      personal: fromHome || (container.channel_id ?? '').startsWith('D'),
    };
    await turn(arrival, out, deps, async () => {
      if (fromHome) await publishHome(userId, await staffOf(userId)).catch(() => undefined);
    });
  });

  // The form modal (Edit on a draft): its values join the payload; the draft message is updated.
  app.view(FORM_CALLBACK, async ({ ack, body, view }) => {
    const origin = (() => {
      try {
        return FormOrigin.safeParse(JSON.parse(view.private_metadata));
      } catch {
        return null;
      }
    })();
    const values = formValues(view.state.values as never);
    if (origin?.success && origin.data.p.type === 'edit_draft' && !values.body?.trim()) {
      await ack({
        response_action: 'errors',
        errors: { 'body:0': 'The text cannot be empty / Le texte ne peut pas être vide' },
      });
      return;
    }
    await ack();
    const userId = body.user.id;
    const dm = channelOutlet(userId);
    if (!origin?.success) {
      const staff = await staffOf(userId);
      const l = lang(staff);
      await dm.post(staff ? staleButtonReply(l, 'form') : unknownUserReply(l, 'Slack'));
      return;
    }
    const { p, channel, ts, responseUrl } = origin.data;
    const out: Outlet = {
      ...(channel ? channelOutlet(channel, undefined, userId) : dm),
      replaceOrigin: async (reply) => {
        if (channel && ts) {
          await client.chat.update({ channel, ts, ...rendered(reply) });
          await recordSlackCard(services.cards, reply, { channel, ts });
        } else if (responseUrl)
          await postToResponseUrl(responseUrl, { replace_original: true, ...rendered(reply) });
        else await dm.post(reply);
      },
    };
    const arrival: Arrival = {
      channel: 'slack',
      who: { slackUserId: userId },
      eventId: `view:${view.id}:${view.hash}`,
      payload: { ...p, ...values },
      personal: !channel,
    };
    await turn(arrival, out, deps);
  });

  // Anything else interactive that reaches us (an old button, a shortcut, another form) is
  // acknowledged at once: Slack must never wait for a listener that is not there.
  app.action({ action_id: new RegExp(`^(?!${ACTION_PREFIX}:)`) }, async ({ ack }) => {
    await ack();
  });
  app.view({ callback_id: new RegExp(`^(?!${FORM_CALLBACK}$)`) }, async ({ ack }) => {
    await ack();
  });
  app.view({ callback_id: /.*/, type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });
  app.shortcut(/.*/, async ({ ack }) => {
    await ack();
  });
  app.options(/.*/, async ({ ack }) => {
    await ack({ options: [] });
  });

  app.error(async (err) => {
    const e = normalizeError(err);
    log.error({ code: e.code, err: e.cause ?? e }, 'Slack listener failed');
  });

  if (receiver) {
    // Bolt reads the raw body itself (the signature covers it): served before restify parses it.
    http.mountRaw(
      SLACK_EVENTS_PATH,
      refuseFutureTimestamps(receiver.requestListener, () =>
        log.warn('Slack request refused: timestamp more than 5 minutes in the future'),
      ),
    );
  } else {
    await app.start();
  }
  log.info(
    { mode: socketMode ? 'socket' : 'http', path: socketMode ? undefined : SLACK_EVENTS_PATH },
    'Slack is on',
  );

  return {
    mode: socketMode ? 'socket' : 'http',
    app,
    stop: async () => {
      if (socketMode) await app.stop();
    },
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    notify: slackNotifier(client, services).notify,
    cards: slackCardUpdater(client),
  };
}

/** A response_url answer outside a Bolt listener (a modal submitted from an ephemeral message). */
async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Proactive messages in the app's DM with the person (posting to a user id opens it). */
export function slackNotifier(client: webApi.WebClient, services: ChatServices): Notifier {
  return {
    async notify(staff, reply) {
      const person = await services.models.Staff.findOne(
        { handle: staff, active: { $ne: false } },
        { slackUserId: 1, language: 1 },
      ).lean();
      if (!person?.slackUserId) return false;
      const l = reply.lang ?? staffLang(person, services.policy.defaultLocale);
      const res = await client.chat.postMessage({ channel: person.slackUserId, ...replyMessage(reply, l) });
      await recordSlackCard(
        services.cards,
        { ...reply, lang: l },
        res.channel && res.ts ? { channel: res.channel, ts: res.ts } : undefined,
      );
      return true;
    },
  };
}
