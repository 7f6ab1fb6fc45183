/**
 * The local web chat: a page with the official Bot Framework Web Chat (served from the npm
 * package, no CDN), connected to the bot through a small Direct Line 3.0-compatible endpoint
 * on the product's own server (start a conversation, post an activity, poll for activities).
 * Who is chatting comes from session.ts: the page's picker in local development, a per-person
 * login (signed link → session cookie) with WEBCHAT_SECRET, otherwise the chat is off. Every
 * credential is checked on the headers, before a body is read (HttpServer.gate).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { CardUpdater } from '../../dialogs/communications/live-cards';
import type { ChatServices } from '../../dialogs/conversation';
import type { Config } from '../../integrations/config';
import type { Logger } from '../../integrations/logger';
import { bfCardUpdater, recordBfCard } from '../bot-framework/cards';
import { onTurnError, RelanceBot } from '../bot-framework/turn-logic';
import type { Refusal } from '../http-limits';
import type { HttpServer } from '../http-server';
import type { Notifier } from '../notifier';
import { replyActivity } from '../render/adaptive-card';
import { WebChatHistory } from './history';
import { JOIN_EVENT, joinConversation } from './join';
import { chatPage } from './page';
import { assertWebChatProtected, LOGIN_PARAM, WebChatSessions, webChatMode } from './session';
import { withTelLinks } from './tel-links';
import { TOKEN_SECONDS, WebChatTokens } from './tokens';
import { WebChatAdapter } from './webchat-adapter';

/** An activity (text, a card's submitted values) is small; the page's own requests have no body. */
const ACTIVITY_MAX_BYTES = 256 * 1024;
const PAGE_MAX_BYTES = 16 * 1024;
const unauthorized = (message: string): Refusal => ({ status: 401, code: 'UNAUTHORIZED', message });
const watermarkOf = (req: Request) =>
  Math.max(0, Math.floor(Number((req.query as Record<string, string> | undefined)?.watermark ?? 0) || 0));

/** webchat.js from the package; its `exports` map hides dist/, so walk there from the main file. */
function webChatBundle(): string {
  const main = require.resolve('botframework-webchat');
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'webchat.js');
}

export async function mountWebChat(
  http: HttpServer,
  services: ChatServices,
  config: Config,
  logger: Logger,
): Promise<(Notifier & { path: string; idle(): Promise<void>; cards: CardUpdater }) | null> {
  const log = logger.child({ channel: 'web' });
  assertWebChatProtected(config);
  const mode = webChatMode(config);
  if (mode.mode === 'off' || mode.mode === 'refused') {
    log.info('the web chat is off (WEBCHAT_ENABLED=false)');
    return null;
  }
  const sessions =
    mode.mode === 'login'
      ? new WebChatSessions(mode.secret, config.webchat.sessionHours, services.models)
      : null;
  const history = new WebChatHistory(services.models, (err) =>
    log.warn({ err }, 'web chat history not kept'),
  );
  const adapter = new WebChatAdapter(history, withTelLinks);
  adapter.onTurnError = onTurnError(log, () => services.policy.defaultLocale);
  const bot = new RelanceBot({
    services,
    logger: log,
    channel: 'web',
    proactive: (ref, logic) => adapter.continueConversation(ref, logic),
  });
  const logic = (context: TurnContext) => bot.run(context);
  const tokens = await WebChatTokens.open(services.models);

  const bearer = (req: { headers: Record<string, string | string[] | undefined> }) => {
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const entry = tokens.find(token);
    return entry ? { token: token!, entry } : null;
  };
  const refuse = (res: Response, status: number, message: string) => {
    res.send(status, { code: status === 401 ? 'UNAUTHORIZED' : 'VALIDATION', message });
  };
  const loginHelp = 'sign in with your login link (ask for one: npm run relance -- webchat-link --as <you>)';
  // Checked on the headers before any body is read: a session for the page and its calls, a
  // live token for Direct Line.
  http.gate({
    prefix: '/chat',
    maxBytes: PAGE_MAX_BYTES,
    authorize: (req) =>
      !sessions || sessions.of(req) || new URL(req.url ?? '/', 'http://x').searchParams.has(LOGIN_PARAM)
        ? null
        : unauthorized(loginHelp),
  });
  http.gate({
    prefix: '/webchat',
    maxBytes: PAGE_MAX_BYTES,
    authorize: (req) => (!sessions || sessions.of(req) ? null : unauthorized(loginHelp)),
  });
  http.gate({
    prefix: '/v3/directline',
    maxBytes: ACTIVITY_MAX_BYTES,
    authorize: (req) => (bearer(req) ? null : unauthorized('invalid or expired token')),
  });

  http.server.get('/', async (_req, res) => {
    res.redirect(302, '/chat', () => undefined);
  });
  http.server.get('/chat', async (req, res) => {
    const link = (req.query as Record<string, string> | undefined)?.[LOGIN_PARAM];
    if (sessions && link !== undefined) {
      // A login link opens a session once; the link leaves the address bar at once.
      const opened = await sessions.openFromLink(link);
      const staff =
        opened &&
        (await services.models.Staff.findOne({
          handle: opened.session.staff,
          active: { $ne: false },
        }).lean());
      if (!opened || !staff) {
        log.info('web chat login link refused (expired, used or unknown person)');
        refuse(res, 401, `this login link is expired, already used or not valid: ${loginHelp}`);
        return;
      }
      log.info({ staff: opened.session.staff }, 'web chat session opened');
      res.setHeader('set-cookie', sessions.setCookie(opened.cookie, opened.session, req));
      res.redirect(302, '/chat', () => undefined);
      return;
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.sendRaw(200, chatPage());
  });
  http.server.get('/webchat/webchat.js', async (_req, res) => {
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendRaw(200, await fs.promises.readFile(webChatBundle()));
  });
  http.server.get('/webchat/people', async (req, res) => {
    // With logins, the picker holds one person: the session's.
    const session = sessions?.of(req);
    const staff = await services.models.Staff.find(
      { active: { $ne: false }, ...(session ? { handle: session.staff } : {}) },
      { handle: 1, name: 1, role: 1, language: 1 },
    )
      .sort({ role: 1, name: 1 })
      .lean();
    res.send(
      200,
      staff.map((s) => ({ handle: s.handle, name: s.name, role: s.role, language: s.language ?? null })),
    );
  });
  http.server.post('/webchat/token', async (req, res) => {
    const session = sessions?.of(req) ?? null;
    // A token never outlives the session it was given under.
    const { token, expiresIn } = await tokens.issue(
      session?.staff ?? null,
      session?.expires ?? Number.POSITIVE_INFINITY,
    );
    res.send(200, { token, expires_in: expiresIn });
  });

  // Direct Line 3.0, the part Web Chat uses (polling, no WebSocket).
  http.server.post('/v3/directline/conversations', async (req, res) => {
    const auth = bearer(req);
    if (!auth) {
      refuse(res, 401, 'invalid or expired token');
      return;
    }
    if (!auth.entry.conversation || !adapter.has(auth.entry.conversation))
      await tokens.bind(auth.token, adapter.startConversation());
    res.send(201, { conversationId: auth.entry.conversation, token: auth.token, expires_in: TOKEN_SECONDS });
  });
  http.server.post('/v3/directline/tokens/refresh', async (req, res) => {
    const auth = bearer(req);
    if (!auth) {
      refuse(res, 401, 'invalid or expired token');
      return;
    }
    await tokens.refresh(auth.token);
    res.send(200, { token: auth.token, conversationId: auth.entry.conversation, expires_in: TOKEN_SECONDS });
  });
  const ownConversation = (req: Request, res: Response) => {
    const auth = bearer(req);
    const id = (req.params as Record<string, string>).id!;
    if (!auth || auth.entry.conversation !== id) {
      refuse(res, 401, 'this token does not open that conversation');
      return null;
    }
    // The token outlived a restart, its conversation did not (it lived in memory): the page
    // goes on in a conversation of the same id, from where it had read.
    if (!adapter.has(id)) {
      adapter.reopen(id, watermarkOf(req));
      // Its history goes on being kept for the session's person (the page does not join again).
      if (auth.entry.staff) history.bind(id, auth.entry.staff, (c) => adapter.has(c));
    }
    return { id, staff: auth.entry.staff };
  };
  http.server.get('/v3/directline/conversations/:id/activities', async (req, res) => {
    const id = ownConversation(req, res)?.id;
    if (!id) return;
    const read = adapter.read(id, watermarkOf(req));
    res.send(200, { activities: read.activities, watermark: String(read.watermark) });
  });
  http.server.post('/v3/directline/conversations/:id/activities', async (req, res) => {
    const own = ownConversation(req, res);
    if (!own) return;
    const body = req.body as Partial<Activity> | undefined;
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.type !== 'string' ||
      (!own.staff && !body.from?.id)
    ) {
      refuse(res, 400, 'expected an activity with a type and a from.id');
      return;
    }
    // With logins, who speaks is the session's person, whatever the page wrote in `from`.
    const activity = own.staff ? { ...body, from: { id: own.staff, name: own.staff, role: 'user' } } : body;
    if (activity.type === 'event' && activity.name === JOIN_EVENT) {
      // The page opened: its history and a greeting (join.ts), not a turn of the bot.
      await joinConversation(own.id, String(activity.from?.id ?? ''), { adapter, history, services });
      res.send(200, { id: randomBytes(12).toString('base64url') });
      return;
    }
    const activityId = await adapter.receive(own.id, activity as Partial<Activity>, logic);
    res.send(200, { id: activityId });
  });

  return {
    path: '/chat',
    idle: async () => {
      await adapter.idle();
      await bot.idle();
      await history.idle();
    },
    async notify(staff, reply) {
      const stored = await services.models.ConversationRef.findOne({ staff, channel: 'web' }).lean();
      const conversation = (stored?.ref as { conversation?: { id?: string } } | undefined)?.conversation?.id;
      // A web chat lives as long as its page: an inbox that is gone cannot be written to.
      if (!stored || !conversation || !adapter.has(conversation)) return false;
      await adapter.continueConversation(stored.ref as never, async (context) => {
        const sent = await context.sendActivity(replyActivity(reply));
        await recordBfCard(services.cards, 'web', context, reply, sent?.id);
      });
      return true;
    },
    // A card in a page's transcript: replaced there (gone with the page, or pushed out of its log).
    cards: bfCardUpdater((ref, logic) => adapter.continueConversation(ref, logic), {
      reachable: (ref) => !!ref.conversation?.id && adapter.has(ref.conversation.id),
      goneOnError: true,
    }),
  };
}
