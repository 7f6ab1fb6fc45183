/**
 * The Slack app manifest (bot/slack/manifest.json) for a given public URL, or for Socket
 * Mode (no request URLs: Slack sends everything over the app's WebSocket).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SLACK_EVENTS_PATH } from './slack-channel';

const PLACEHOLDER = 'https://relance.example.com/slack/events';

export function slackManifest(opts: { baseUrl?: string; socketMode?: boolean }): Record<string, unknown> {
  const text = readFileSync(path.join(__dirname, 'manifest.json'), 'utf8');
  const requestUrl = opts.baseUrl ? `${opts.baseUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}` : PLACEHOLDER;
  const manifest = JSON.parse(text.split(PLACEHOLDER).join(requestUrl)) as {
    features: { slash_commands: Array<Record<string, unknown>> };
    settings: Record<string, unknown> & {
      event_subscriptions: Record<string, unknown>;
      interactivity: Record<string, unknown>;
    };
  };
  if (opts.socketMode) {
    manifest.settings.socket_mode_enabled = true;
    delete manifest.settings.event_subscriptions.request_url;
    delete manifest.settings.interactivity.request_url;
    for (const c of manifest.features.slash_commands) delete c.url;
  }
  return manifest;
}
