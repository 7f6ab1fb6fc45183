/**
 * The local web chat: a page with the official Bot Framework Web Chat (served from the npm
 * package, no CDN), connected to the bot through a small Direct Line 3.0-compatible endpoint
 * on the product's own server (start a conversation, post an activity, poll for activities).
 * It is for local use: in production it is off unless WEBCHAT_SECRET is set, and then every
 * call must carry that secret.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { ChatServices } from '../../dialogs/conversation';
import type { Config } from '../../integrations/config';
import type { Logger } from '../../integrations/logger';
import { onTurnError, RelanceBot } from '../bot-framework/turn-logic';
import type { HttpServer } from '../http-server';
import type { Notifier } from '../notifier';
import { replyActivity } from '../render/adaptive-card';
import { chatPage } from './page';
import { WebChatAdapter } from './webchat-adapter';

const TOKEN_SECONDS = 3600;

/** webchat.js from the package; its `exports` map hides dist/, so walk there from the main file. */
function webChatBundle(): string {
  const main = require.resolve('botframework-webchat');
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'webchat.js');
}

export function mountWebChat(
  http: HttpServer,
  services: ChatServices,
  config: Config,
  logger: Logger,
): (Notifier & { path: string; idle(): Promise<void> }) | null {
  const log = logger.child({ channel: 'web' });
  const secret = config.webchatSecret;
  if (config.env === 'production' && !secret) {
    log.info('local web chat is off in production (set WEBCHAT_SECRET to turn it on)');
    return null;
  }
  const adapter = new WebChatAdapter();
  adapter.onTurnError = onTurnError(log, () => services.policy.defaultLocale);
  const bot = new RelanceBot({
    services,
    logger: log,
    channel: 'web',
    proactive: (ref, logic) => adapter.continueConversation(ref, logic),
  });
  const logic = (context: TurnContext) => bot.run(context);
  // Tokens live in the database (a TTL index purges the expired ones): token → the conversation it opened.
  const { WebChatToken } = services.models;
  const expiry = () => new Date(Date.now() + TOKEN_SECONDS * 1000);

  const allowed = (req: Request): boolean => {
    if (!secret) return true;
    const given = Buffer.from(
      String(req.header('x-webchat-secret') ?? (req.query as Record<string, string>)?.secret ?? ''),
    );
    const want = Buffer.from(secret);
    return given.length === want.length && timingSafeEqual(given, want);
  };
  const bearer = async (req: Request) => {
    const token = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1];
    if (!token) return null;
    const entry = await WebChatToken.findOne({ token, expiresAt: { $gt: new Date() } }).lean();
    return entry ? { token, conversation: entry.conversation ?? null } : null;
  };
  const refuse = (res: Response, status: number, message: string) =>
    res.send(status, { error: { code: status === 401 ? 'Unauthorized' : 'BadRequest', message } });

  http.server.get('/', async (_req, res) => {
    res.redirect(302, '/chat', () => undefined);
  });
  http.server.get('/chat', async (req, res) => {
    if (!allowed(req)) return refuse(res, 401, 'this web chat needs its secret (?secret=…)');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.sendRaw(200, chatPage());
  });
  http.server.get('/webchat/webchat.js', async (_req, res) => {
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendRaw(200, await fs.promises.readFile(webChatBundle()));
  });
  http.server.get('/webchat/people', async (req, res) => {
    if (!allowed(req)) return refuse(res, 401, 'secret required');
    const staff = await services.models.Staff.find(
      { active: { $ne: false } },
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
    if (!allowed(req)) return refuse(res, 401, 'secret required');
    const token = randomBytes(24).toString('base64url');
    await WebChatToken.create({ token, conversation: null, expiresAt: expiry() });
    res.send(200, { token, expires_in: TOKEN_SECONDS });
  });

  // Direct Line 3.0, the part Web Chat uses (polling, no WebSocket).
  http.server.post('/v3/directline/conversations', async (req, res) => {
    const auth = await bearer(req);
    if (!auth) return refuse(res, 401, 'invalid or expired token');
    let conversation = auth.conversation;
    if (!conversation || !adapter.has(conversation)) {
      conversation = adapter.startConversation();
      await WebChatToken.updateOne({ token: auth.token }, { $set: { conversation } });
    }
    res.send(201, { conversationId: conversation, token: auth.token, expires_in: TOKEN_SECONDS });
  });
  http.server.post('/v3/directline/tokens/refresh', async (req, res) => {
    const auth = await bearer(req);
    if (!auth) return refuse(res, 401, 'invalid or expired token');
    await WebChatToken.updateOne({ token: auth.token }, { $set: { expiresAt: expiry() } });
    res.send(200, { token: auth.token, conversationId: auth.conversation, expires_in: TOKEN_SECONDS });
  });
  const ownConversation = async (req: Request, res: Response): Promise<string | null> => {
    const auth = await bearer(req);
    const id = (req.params as Record<string, string>).id!;
    if (!auth || auth.conversation !== id || !adapter.has(id)) {
      refuse(res, 401, 'this token does not open that conversation');
      return null;
    }
    return id;
  };
  http.server.get('/v3/directline/conversations/:id/activities', async (req, res) => {
    const id = await ownConversation(req, res);
    if (!id) return;
    const watermark = Number((req.query as Record<string, string>)?.watermark ?? 0) || 0;
    const read = adapter.read(id, watermark);
    res.send(200, { activities: read.activities, watermark: String(read.watermark) });
  });
  http.server.post('/v3/directline/conversations/:id/activities', async (req, res) => {
    const id = await ownConversation(req, res);
    if (!id) return;
    const body = req.body as Partial<Activity> | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string' || !body.from?.id)
      return refuse(res, 400, 'expected an activity with a type and a from.id');
    const activityId = await adapter.receive(id, body, logic);
    res.send(200, { id: activityId });
  });

  return {
    path: '/chat',
    idle: async () => {
      await adapter.idle();
      await bot.idle();
    },
    async notify(staff, reply) {
      const stored = await services.models.ConversationRef.findOne({ staff, channel: 'web' }).lean();
      const conversation = (stored?.ref as { conversation?: { id?: string } } | undefined)?.conversation?.id;
      // A web chat lives as long as its page: an inbox that is gone cannot be written to.
      if (!stored || !conversation || !adapter.has(conversation)) return false;
      await adapter.continueConversation(stored.ref as never, async (context) => {
        await context.sendActivity(replyActivity(reply));
      });
      return true;
    },
  };
}
