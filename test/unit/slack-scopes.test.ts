/**
 * The Slack manifest asks only the scopes the code uses: every Web API method the Slack code
 * calls (`client.<family>.<method>(`) and every event it subscribes to is looked up in Slack's
 * table of required scopes below, and the manifest's bot scopes must be exactly their union.
 * A new call the table does not know fails this test until its scope is written here (and in
 * the manifest) — so the manifest never grows a scope "just in case" nor lacks one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { slackManifest } from '../../bot/slack/manifest';
import { ROOT } from '../helpers/process';

/** Slack's documented required bot scopes, per Web API method (api.slack.com/methods). */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.delete': ['chat:write'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  'conversations.open': ['im:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'files.info': ['files:read'],
  'files.uploadV2': ['files:write'],
  'reactions.add': ['reactions:write'],
  'auth.test': [],
};

/** The scope each subscribed bot event needs (api.slack.com/events). */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_mention: ['app_mentions:read'],
  'message.im': ['im:history'],
  'message.channels': ['channels:history'],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The Web API methods called by the code that talks to Slack (files importing @slack/*). */
function methodsCalled(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(path.join(ROOT, 'bot'))) {
    const src = fs.readFileSync(file, 'utf8');
    if (!/from '@slack\//.test(src)) continue;
    for (const m of src.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z0-9]+)\(/g)) found.add(`${m[1]}.${m[2]}`);
  }
  return found;
}

describe('the Slack manifest’s scopes', () => {
  const manifest = slackManifest({}) as {
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { bot_events: string[] } };
    features: { slash_commands?: unknown[] };
  };
  const methods = methodsCalled();

  it('finds the Web API calls the Slack edge makes (so the comparison below means something)', () => {
    expect([...methods]).toEqual(
      expect.arrayContaining(['chat.postMessage', 'chat.update', 'views.publish']),
    );
  });

  it('knows the scope of every method the code calls', () => {
    expect([...methods].filter((m) => !(m in METHOD_SCOPES))).toEqual([]);
  });

  it('asks exactly the scopes of the methods called, the events subscribed and the slash command', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    expect(events.filter((e) => !(e in EVENT_SCOPES))).toEqual([]);
    // A method with several possible scopes (conversations.info) would need a choice here:
    // none is called today, and the test says so if one is.
    const several = [...methods].filter((m) => (METHOD_SCOPES[m]?.length ?? 0) > 1);
    expect(several).toEqual([]);
    const needed = new Set([
      ...[...methods].flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...events.flatMap((e) => EVENT_SCOPES[e] ?? []),
      ...(manifest.features.slash_commands?.length ? ['commands'] : []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
