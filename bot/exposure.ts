/**
 * Is this server exposed? Loopback addresses, and "local development": no Slack or Teams
 * credentials, bound to loopback, not production. The unauthenticated conveniences (the web
 * chat's picker, Teams' emulator mode) exist only there.
 */
import type { Config } from '../integrations/config';

export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Local development: nothing to protect from the outside, nothing reachable from it. */
export function isLocalDevelopment(config: Config): boolean {
  const credentials = Boolean(config.slack.botToken || config.slack.appToken || config.teams.appId);
  return !credentials && isLoopbackHost(config.host) && config.env !== 'production';
}
