import { describeConfig, parseConfig } from '../../integrations/config';
import { ConfigError } from '../../models/errors';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env, '/srv/relance');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('starts on embedded defaults when nothing is set', () => {
    const config = parseConfig({}, '/srv/relance');
    expect(config.port).toBe(3978);
    expect(config.mongo.uri).toBeUndefined();
    expect(config.mongo.dataDir).toBe('/srv/relance/data');
    expect(config.locale).toEqual({ timeZone: 'Europe/Paris', country: 'FR', defaultLocale: 'fr' });
    expect(config.scheduler.digestTime).toBe('08:30');
  });

  it('keeps data in memory when DATA_DIR is set but empty', () => {
    expect(parseConfig({ DATA_DIR: '' }, '/srv/relance').mongo.dataDir).toBeUndefined();
  });

  it('names every bad variable with what was expected and what was found', () => {
    const err = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', TEAM_TIME_ZONE: 'Mars/Olympus' });
    const names = err.problems.map((p) => p.path).sort();
    expect(names).toEqual(['LOG_LEVEL', 'PORT', 'TEAM_TIME_ZONE']);
    expect(err.message).toContain('PORT: expected a TCP port (an integer from 0 to 65535) (found "abc")');
    expect(err.message).toContain(
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (found "loud")',
    );
    expect(err.message).toContain('Mars/Olympus');
  });

  it('never echoes a secret back in an error', () => {
    const err = problemsOf({
      SLACK_BOT_TOKEN: 'not-a-token-supersecret',
      MONGODB_URI: 'http://user:pw@host',
    });
    expect(err.message).not.toContain('supersecret');
    expect(err.message).not.toContain('pw@host');
    expect(err.message).toContain('SLACK_BOT_TOKEN');
    expect(err.message).toContain(
      'MONGODB_URI: expected a mongodb:// or mongodb+srv:// URI (found a value (hidden))',
    );
  });

  it('requires what goes together (Slack token and signing secret, Teams id and password)', () => {
    const err = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', MicrosoftAppId: 'abc' });
    expect(err.problems.map((p) => p.path)).toEqual(['SLACK_SIGNING_SECRET', 'MicrosoftAppPassword']);
  });

  it('prints a configuration with the secrets hidden', () => {
    const config = parseConfig({
      OPENAI_API_KEY: 'sk-live-123',
      MONGODB_URI: 'mongodb://u:p@db:27017/relance',
    });
    const shown = JSON.stringify(describeConfig(config));
    expect(shown).not.toContain('sk-live-123');
    expect(shown).not.toContain('u:p@db');
  });
});
