import { describe, expect, it } from 'vitest';
import { readSlackConfig } from '../../src/adapters/slack/config.js';
import { loadConfig } from '../../src/config.js';
import { slackPlatform } from '../../src/adapters/slack/platform.js';

// OAuth mode (installed in many workspaces) is chosen by Bolt's three
// variables together; every half-set or mixed combination is refused with
// one line per variable, naming it.

const SHARED = { port: 3000 };
const OAUTH = { SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_CLIENT_SECRET: '0123456789abcdef0123456789abcdef', SLACK_STATE_SECRET: 'a-long-random-state-secret', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

describe('choosing OAuth mode from the environment', () => {
  it('reads the three variables (and the optional redirect URL) into OAuth mode, with no bot token of its own', () => {
    const result = readSlackConfig({ ...OAUTH, SLACK_REDIRECT_URI: 'https://bot.example.com/slack/oauth_redirect' }, SHARED);
    expect(result).toEqual({
      kind: 'ok',
      config: {
        oauth: { clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET, redirectUri: 'https://bot.example.com/slack/oauth_redirect' },
        signingSecret: OAUTH.SLACK_SIGNING_SECRET,
        port: 3000,
      },
    });
  });

  it('keeps one workspace with SLACK_BOT_TOKEN exactly as before', () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' }, SHARED)).toEqual({
      kind: 'ok',
      config: { botToken: 'xoxb-1', signingSecret: 'abcdef0123456789', port: 3000 },
    });
  });

  const without = (name: keyof typeof OAUTH) => Object.fromEntries(Object.entries(OAUTH).filter(([key]) => key !== name));
  it.each([
    ['no client secret', without('SLACK_CLIENT_SECRET'), ['SLACK_CLIENT_SECRET is missing: SLACK_CLIENT_ID and SLACK_STATE_SECRET are set']],
    ['no state secret', without('SLACK_STATE_SECRET'), ['SLACK_STATE_SECRET is missing: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set']],
    ['only a client id', { SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: OAUTH.SLACK_SIGNING_SECRET }, ['SLACK_CLIENT_SECRET is missing', 'SLACK_STATE_SECRET is missing']],
    ['no signing secret', without('SLACK_SIGNING_SECRET'), ['SLACK_SIGNING_SECRET is missing: OAuth mode serves HTTP']],
    ['a bot token as well', { ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' }, ['SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID']],
    ['Socket Mode as well', { ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' }, ['SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID']],
    ['a client id that is not one', { ...OAUTH, SLACK_CLIENT_ID: 'my-app' }, ['SLACK_CLIENT_ID must be the Client ID']],
    ['a short state secret', { ...OAUTH, SLACK_STATE_SECRET: 'abc' }, ['SLACK_STATE_SECRET must be a random string of 16 characters or more']],
    ['a redirect URL elsewhere', { ...OAUTH, SLACK_REDIRECT_URI: 'https://bot.example.com/callback' }, ['SLACK_REDIRECT_URI must be the public URL ending in /slack/oauth_redirect']],
    ['a redirect URL without OAuth', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789', SLACK_REDIRECT_URI: 'https://bot.example.com/slack/oauth_redirect' }, ['SLACK_REDIRECT_URI is set, but it belongs to OAuth mode']],
  ])('refuses %s, one line per variable', (_what, env, starts) => {
    const result = readSlackConfig(env, SHARED);
    expect(result.kind).toBe('invalid');
    const problems = result.kind === 'invalid' ? result.problems : [];
    expect(problems).toHaveLength(starts.length);
    starts.forEach((start, i) => expect(problems[i]).toContain(start));
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it.each([
    [{}, 30],
    [{ UNINSTALL_GRACE_DAYS: '0' }, 0],
    [{ UNINSTALL_GRACE_DAYS: '90' }, 90],
  ])('keeps an uninstalled workspace\'s data for the grace period: %j -> %i days', (env, days) => {
    const result = loadConfig([slackPlatform], env);
    expect(result.ok && result.config.uninstallGraceDays).toBe(days);
  });

  it.each(['-1', 'a month', '3651'])('refuses UNINSTALL_GRACE_DAYS=%s in one line', (value) => {
    expect(loadConfig([slackPlatform], { UNINSTALL_GRACE_DAYS: value })).toEqual({ ok: false, errors: [expect.stringContaining('UNINSTALL_GRACE_DAYS must be a whole number of days from 0 to 3650')] });
  });
});
