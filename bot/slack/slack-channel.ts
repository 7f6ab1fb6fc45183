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
import { type ChatServices, staleButtonReply, unknownUserReply } from '../../dialogs/conversation';
import { homeReply } from '../../dialogs/home';
import { staffLang } from '../../dialogs/i18n';
import { ActionPayload, type Reply } from '../../dialogs/reply';
import type { Lang, Turn } from '../../dialogs/turn';
import type { Config } from '../../integrations/config';
import type { Logger } from '../../integrations/logger';
import { normalizeError } from '../../models/errors';
import { firstTime } from '../../models/ledger/processed-events';
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
import { ONCE, type Outlet, runSlackTurn, type SlackStaff, staffOfSlackUser } from './slack-turn';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_COMMAND = '/relance';

export interface SlackEdge extends Notifier {
  mode: 'http' | 'socket';
  app: App;
  stop(): Promise<void>;
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

/** A button's payload, validated; null when it is not one of ours any more. */
function payloadOf(value: string | undefined): ActionPayload | null {
  try {
    const parsed = ActionPayload.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : null;
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
  const deps = { services, logger: log, placeholderAfterMs: options.placeholderAfterMs ?? 1500 };
  const lang = (s: SlackStaff | null): Lang => s?.lang ?? services.policy.defaultLocale;

  const channelOutlet = (channel: string, threadTs?: string, l: Lang = 'en'): Outlet => ({
    post: async (reply) => {
      const res = await client.chat.postMessage({
        channel,
        ...replyMessage(reply, l),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return res.channel && res.ts ? { channel: res.channel, ts: res.ts } : undefined;
    },
    update: async (ref, reply) => {
      await client.chat.update({ channel: ref.channel, ts: ref.ts, ...replyMessage(reply, l) });
    },
  });
  const turnOf = (
    id: string,
    staff: SlackStaff,
    what: { text: string } | { action: ActionPayload },
  ): Turn => ({
    id,
    channel: 'slack',
    staff: staff.handle,
    lang: staff.lang,
    at: services.clock.now(),
    ...what,
  });

  // Messages: DMs to the app, and mentions in channels (answered in a thread).
  const onMessage = async (
    event: { user?: string; text?: string; channel: string; ts: string; thread_ts?: string },
    eventId: string,
    teamId: string,
    threaded: boolean,
  ) => {
    if (!event.user) return;
    // Slack redelivers an event it thinks was missed (X-Slack-Retry-Num): handled once.
    if (!(await firstTime(services.models, `slack:event:${eventId}`, services.clock.now()))) {
      log.info({ eventId }, 'Slack event already handled: skipped');
      return;
    }
    const staff = await staffOfSlackUser(services, event.user);
    const out = channelOutlet(
      event.channel,
      threaded ? (event.thread_ts ?? event.ts) : event.thread_ts,
      lang(staff),
    );
    if (!staff) {
      log.warn({ user: event.user }, 'message from an unknown Slack user');
      await out.post(unknownUserReply(lang(staff), 'Slack'));
      return;
    }
    const turn = turnOf(`slack:${teamId}:${event.channel}:${event.ts}`, staff, {
      text: withoutMentions(event.text ?? ''),
    });
    await runSlackTurn(turn, out, deps);
  };

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
    // Only people's own new messages in the app's DM (edits, joins and bots are not requests).
    if (e.subtype || e.bot_id || e.channel_type !== 'im') return;
    await onMessage(e, body.event_id, body.team_id, false);
  });
  app.event('app_mention', async ({ event, body }) => {
    await onMessage(event, body.event_id, body.team_id, true);
  });

  // App Home: today's calls and the drafts waiting for this person.
  const publishHome = async (userId: string, staff: SlackStaff | null) => {
    const reply: Reply = staff
      ? await homeReply(turnOf(`slack:home:${userId}`, staff, { text: '' }), services)
      : unknownUserReply(lang(staff), 'Slack');
    await client.views.publish({
      user_id: userId,
      view: { type: 'home', blocks: replyBlocks(reply, lang(staff), LIMITS.viewBlocks) as never },
    });
  };
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(event.user, await staffOfSlackUser(services, event.user));
    } catch (err) {
      log.error({ code: normalizeError(err).code, err }, 'App Home could not be published');
    }
  });

  // /relance <anything you would write in a DM>: answered privately where it was typed.
  app.command(SLACK_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const staff = await staffOfSlackUser(services, command.user_id);
    const l = lang(staff);
    const out: Outlet = {
      post: async (reply) => {
        await respond({ response_type: 'ephemeral', ...replyMessage(reply, l) });
        return undefined;
      },
      update: async (_ref, reply) => {
        await respond({ response_type: 'ephemeral', ...replyMessage(reply, l) });
      },
      openModal: async (view) => {
        await client.views.open({ trigger_id: command.trigger_id, view: view as never });
      },
      origin: { responseUrl: command.response_url },
    };
    if (!staff) {
      await out.post(unknownUserReply(l, 'Slack'));
      return;
    }
    const text = command.text.trim() || 'help';
    await runSlackTurn(turnOf(`slack:cmd:${command.trigger_id}`, staff, { text }), out, deps);
  });

  // Buttons: every action id Relance renders starts with "relance:"; the value is the payload.
  app.action({ action_id: new RegExp(`^${ACTION_PREFIX}:`) }, async ({ action, body, ack, respond }) => {
    await ack();
    if (action.type !== 'button' || body.type !== 'block_actions') return;
    const button = action as ButtonAction;
    const userId = body.user.id;
    const staff = await staffOfSlackUser(services, userId);
    const l = lang(staff);
    const container = body.container as {
      type: string;
      message_ts?: string;
      channel_id?: string;
      is_ephemeral?: boolean;
      view_id?: string;
    };
    const fromHome = container.type === 'view';
    const dm = channelOutlet(userId, undefined, l);
    const out: Outlet = fromHome
      ? { ...dm }
      : container.is_ephemeral || !container.channel_id || !container.message_ts
        ? {
            post: async (reply) => {
              await respond({
                response_type: 'ephemeral',
                replace_original: false,
                ...replyMessage(reply, l),
              });
              return undefined;
            },
            update: async (_ref, reply) => {
              await respond({
                response_type: 'ephemeral',
                replace_original: false,
                ...replyMessage(reply, l),
              });
            },
            replaceOrigin: async (reply) => {
              await respond({ replace_original: true, ...replyMessage(reply, l) });
            },
            origin: { responseUrl: body.response_url },
          }
        : {
            ...channelOutlet(container.channel_id, body.message?.thread_ts as string | undefined, l),
            replaceOrigin: async (reply) => {
              await client.chat.update({
                channel: container.channel_id!,
                ts: container.message_ts!,
                ...replyMessage(reply, l),
              });
            },
            origin: { channel: container.channel_id, ts: container.message_ts },
          };
    out.openModal = async (view) => {
      await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    };
    if (!staff) {
      await out.post(unknownUserReply(l, 'Slack'));
      return;
    }
    const payload = payloadOf(button.value);
    if (!payload) {
      await out.post(staleButtonReply(l));
      return;
    }
    // The same button of the same message: one operation, however many clicks or retries.
    // (A home view gets a new hash each time it is published: a later click there is a new one.)
    const where = container.message_ts ?? `${container.view_id}:${body.view?.hash ?? ''}`;
    const key = `slack:${body.team?.id ?? ''}:${container.channel_id ?? userId}:${where}:${button.action_id}`;
    if (ONCE.has(payload.type) && !(await firstTime(services.models, `${key}:once`, services.clock.now()))) {
      log.info({ key }, 'button already pressed: skipped');
      return;
    }
    await runSlackTurn(turnOf(key, staff, { action: payload }), out, deps);
    if (fromHome) await publishHome(userId, staff).catch(() => undefined);
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
    const staff = await staffOfSlackUser(services, userId);
    const l = lang(staff);
    const dm = channelOutlet(userId, undefined, l);
    if (!staff || !origin?.success) {
      await dm.post(staff ? staleButtonReply(l, 'form') : unknownUserReply(l, 'Slack'));
      return;
    }
    const { p, channel, ts, responseUrl } = origin.data;
    const out: Outlet = {
      ...(channel ? channelOutlet(channel, undefined, l) : dm),
      replaceOrigin: async (reply) => {
        if (channel && ts) await client.chat.update({ channel, ts, ...replyMessage(reply, l) });
        else if (responseUrl)
          await postToResponseUrl(responseUrl, { replace_original: true, ...replyMessage(reply, l) });
        else await dm.post(reply);
      },
    };
    if (!(await firstTime(services.models, `slack:view:${view.id}:${view.hash}`, services.clock.now())))
      return;
    await runSlackTurn(
      turnOf(`slack:view:${view.id}`, staff, { action: { ...p, ...values } as ActionPayload }),
      out,
      deps,
    );
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
    notify: slackNotifier(client, services).notify,
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
        { handle: staff },
        { slackUserId: 1, language: 1 },
      ).lean();
      if (!person?.slackUserId) return false;
      const l = staffLang(person, services.policy.defaultLocale);
      await client.chat.postMessage({ channel: person.slackUserId, ...replyMessage(reply, l) });
      return true;
    },
  };
}
