/** `relance slack-manifest`: the manifest to paste into api.slack.com/apps, for HTTP or Socket Mode. */
import { cleanEnv, runTs } from '../../helpers/process';

// Each test starts CLI processes that open the embedded engine: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

describe('slack-manifest', () => {
  it('points events, interactivity and /relance at <url>/slack/events, with the scopes they need', async () => {
    const { code, stdout } = await runTs(
      'bot/cli.ts',
      ['slack-manifest', '--url', 'https://relance.acme.fr/'],
      cleanEnv(),
    );
    expect(code).toBe(0);
    const m = JSON.parse(stdout);
    const url = 'https://relance.acme.fr/slack/events';
    expect(m.settings.event_subscriptions).toEqual({
      request_url: url,
      bot_events: ['app_home_opened', 'app_mention', 'message.im'],
    });
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/relance', url });
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    // Only the scopes the code uses (test/unit/slack-scopes.test.ts derives them from its calls).
    expect(m.oauth_config.scopes.bot).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'files:write',
      'im:history',
    ]);
  });

  it('drops the request URLs for Socket Mode, and refuses a URL that is not one', async () => {
    const socket = await runTs('bot/cli.ts', ['slack-manifest', '--socket-mode'], cleanEnv());
    const m = JSON.parse(socket.stdout);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(socket.stdout).not.toContain('request_url');
    expect(socket.stdout).not.toContain('example.com');
    const bad = await runTs('bot/cli.ts', ['slack-manifest', '--url', 'relance'], cleanEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected the public https URL');
  });
});
