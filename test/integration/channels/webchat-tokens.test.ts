/**
 * What the web chat keeps in MongoDB so that credentials behave the same across restarts and
 * instances: Direct Line tokens by their SHA-256 (never in clear), used login links by their
 * nonce, both — like processed channel events — purged by TTL indexes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { type RunningRelance, startRelance } from '../../../bot/app';
import { loginLink } from '../../../bot/webchat/session';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { ensureIndexes, registerModels } from '../../../models';
import { fixedClock } from '../../../models/clock';
import { NOW } from '../../helpers/ledger';
import { openTestDb } from '../../helpers/mongo';

const SECRET = 'webchat-secret-0123456789abcdef';
const started: RunningRelance[] = [];
afterAll(async () => {
  for (const r of started) await r.stop();
});

async function start(env: Record<string, string>): Promise<RunningRelance> {
  const relance = await startRelance(
    parseConfig({ PORT: '0', SCHEDULER_ENABLED: 'false', ...env }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
  started.push(relance);
  return relance;
}
async function stop(relance: RunningRelance): Promise<void> {
  started.splice(started.indexOf(relance), 1);
  await relance.stop();
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function activities(relance: RunningRelance, token: string, conversation: string, watermark: number) {
  const res = await fetch(
    `${relance.url}/v3/directline/conversations/${conversation}/activities?watermark=${watermark}`,
    { headers: bearer(token) },
  );
  return {
    status: res.status,
    body: (await res.json()) as { activities: Array<{ from: { id: string } }>; watermark: string },
  };
}

/** Polls until the bot has answered after `watermark`; returns the new watermark. */
async function botReply(relance: RunningRelance, token: string, conversation: string, watermark: number) {
  const end = Date.now() + 30_000;
  for (;;) {
    const read = await activities(relance, token, conversation, watermark);
    expect(read.status).toBe(200);
    if (read.body.activities.some((a) => a.from.id === 'relance')) return Number(read.body.watermark);
    if (Date.now() > end) throw new Error('the bot did not answer');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const say = (relance: RunningRelance, token: string, conversation: string, text: string) =>
  fetch(`${relance.url}/v3/directline/conversations/${conversation}/activities`, {
    method: 'POST',
    headers: bearer(token),
    body: JSON.stringify({ type: 'message', from: { id: 'tom' }, text }),
  });

describe('Direct Line tokens', () => {
  it('are stored hashed with a TTL index, and an open page goes on after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-tokens-'));
    let relance = await start({ DATA_DIR: dir });
    const { token } = (await (await fetch(`${relance.url}/webchat/token`, { method: 'POST' })).json()) as {
      token: string;
    };
    const stored = await relance.ledger.models.WebChatToken.find().lean();
    expect(stored.map((t) => t.hash)).toEqual([sha256(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
    for (const model of ['WebChatToken', 'UsedLoginLink', 'ProcessedEvent'] as const) {
      const indexes = await relance.ledger.models[model].collection.indexes();
      expect(indexes).toContainEqual(
        expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
      );
    }

    const opened = await fetch(`${relance.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: bearer(token),
    });
    const { conversationId } = (await opened.json()) as { conversationId: string };
    expect((await say(relance, token, conversationId, 'who should I call today?')).status).toBe(200);
    const watermark = await botReply(relance, token, conversationId, 0);

    await stop(relance);
    relance = await start({ DATA_DIR: dir });
    // The page polls on with its token and conversation, from where it had read.
    const after = await activities(relance, token, conversationId, watermark);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ activities: [], watermark: String(watermark) });
    expect((await say(relance, token, conversationId, 'who should I call today?')).status).toBe(200);
    await botReply(relance, token, conversationId, watermark);
    // A token nobody was given still opens nothing.
    expect((await activities(relance, `${token}x`, conversationId, 0)).status).toBe(401);
  }, 180_000);
});

describe('login links', () => {
  it('open one session, whichever of two instances they reach, and not again after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-links-'));
    let a = await start({ DATA_DIR: dir, WEBCHAT_SECRET: SECRET });
    // A second instance on the same database.
    const b = await start({
      DATA_DIR: '',
      MONGODB_URI: a.db.uri.replace('/?', '/relance?'),
      WEBCHAT_SECRET: SECRET,
    });
    const open = (relance: RunningRelance, link: string) =>
      fetch(`${relance.url}${link}`, { redirect: 'manual' }).then((r) => r.status);

    const link = loginLink('', SECRET, 'tom', 15);
    const both = await Promise.all([open(a, link), open(b, link)]);
    expect(both.sort()).toEqual([302, 401]);
    expect(await open(b, link)).toBe(401);
    expect(await a.ledger.models.UsedLoginLink.countDocuments({ staff: 'tom' })).toBe(1);
    await stop(b);

    const another = loginLink('', SECRET, 'tom', 15);
    expect(await open(a, another)).toBe(302);
    await stop(a);
    a = await start({ DATA_DIR: dir, WEBCHAT_SECRET: SECRET });
    expect(await open(a, another)).toBe(401);
    expect(await open(a, loginLink('', SECRET, 'tom', 15))).toBe(302);
  }, 180_000);
});

describe('TTL indexes', () => {
  it('purge expired tokens, used links and processed events, and keep live ones', async () => {
    const test = await openTestDb();
    const conn = await mongoose.createConnection(test.uri, { dbName: test.db.databaseName }).asPromise();
    try {
      const models = registerModels(conn);
      await ensureIndexes(models);
      const past = new Date(Date.now() - 1000);
      const future = new Date(Date.now() + 3_600_000);
      for (const [i, expiresAt] of [past, future].entries()) {
        await models.WebChatToken.create({ hash: `h${i}`, expiresAt });
        await models.UsedLoginLink.create({ nonce: `n${i}`, staff: 'tom', expiresAt });
        await models.ProcessedEvent.create({ key: `k${i}`, at: new Date(), expiresAt });
      }
      const left = async () => [
        await models.WebChatToken.countDocuments(),
        await models.UsedLoginLink.countDocuments(),
        await models.ProcessedEvent.countDocuments(),
      ];
      // The server's TTL monitor (0.2 s on the embedded engine here, 60 s on a real mongod).
      const end = Date.now() + 120_000;
      while ((await left()).some((n) => n > 1) && Date.now() < end)
        await new Promise((r) => setTimeout(r, 200));
      expect(await left()).toEqual([1, 1, 1]);
      expect(await models.WebChatToken.countDocuments({ hash: 'h1' })).toBe(1);
    } finally {
      await conn.close();
      await test.close();
    }
  }, 180_000);
});
