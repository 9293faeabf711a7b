import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serverlessFitCommand } from '../../commands/serverless-fit.js';
import { createSlackManifest, toYaml } from '../../src/adapters/slack/manifest.js';
import { compiledScript } from '../helpers/entry-point.js';

// `npm run slack:manifest` as a person runs it: the script, spawned.

const run = promisify(execFile);

async function manifest(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [compiledScript('slack-manifest'), ...args]);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('npm run slack:manifest', () => {
  it('prints an HTTP-mode manifest whose slash command comes from commands/serverless-fit.ts', async () => {
    const { stdout, code } = await manifest('--json', '--url', 'https://bot.example.com/');
    expect(code).toBe(0);
    const m = JSON.parse(stdout) as {
      features: { slash_commands: { command: string; description: string; usage_hint: string; url: string }[]; app_home: Record<string, boolean> };
      settings: Record<string, { request_url?: string; bot_events?: string[] } | boolean>;
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(m.features.slash_commands).toEqual([
      {
        command: '/serverless-fit',
        description: serverlessFitCommand.description,
        usage_hint: serverlessFitCommand.usageHint,
        should_escape: false,
        url: 'https://bot.example.com/slack/events',
      },
    ]);
    expect(m.settings.event_subscriptions).toEqual({
      bot_events: ['message.channels', 'message.groups', 'message.im', 'app_mention', 'app_home_opened'],
      request_url: 'https://bot.example.com/slack/events',
    });
    // Mentions and DMs start assessments; the Home tab needs the tab switched on, the Messages tab takes DMs.
    expect(m.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://bot.example.com/slack/events' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'files:write', 'channels:history', 'app_mentions:read', 'im:history']));
  });

  it('adds the redirect URL to register and the uninstall events with --oauth (installed in many workspaces)', async () => {
    const { stdout, code } = await manifest('--json', '--url', 'https://bot.example.com', '--oauth');
    expect(code).toBe(0);
    const m = JSON.parse(stdout) as { oauth_config: { redirect_urls: string[] }; settings: { event_subscriptions: { bot_events: string[] } } };
    expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(m.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked', 'message.channels']));
  });

  it('prints YAML for Socket Mode when no URL is given', async () => {
    const { stdout, code } = await manifest();
    expect(code).toBe(0);
    expect(stdout).toContain('    - command: "/serverless-fit"');
    expect(stdout).toContain('  socket_mode_enabled: true');
    expect(stdout).not.toContain('request_url');
  });

  it.each([
    [['--url', 'bot.example.com'], '--url must be an http(s) URL'],
    [['--frobnicate'], 'unknown argument: --frobnicate'],
    [['--oauth'], '--oauth needs --url'],
  ])('refuses %j with a usage line', async (args, message) => {
    const { stderr, code } = await manifest(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run slack:manifest');
  });
});

describe('the YAML writer', () => {
  it.each([
    [{ a: 1, b: true, c: 'x: y' }, 'a: 1\nb: true\nc: "x: y"'],
    [{ list: ['a', 'b'] }, 'list:\n  - "a"\n  - "b"'],
    [{ list: [{ k: 'v', n: 2 }] }, 'list:\n  - k: "v"\n    n: 2'],
    [{ empty: [], none: {} }, 'empty: []\nnone: {}'],
  ])('writes %j as YAML', (value, expected) => {
    expect(toYaml(value)).toBe(expected);
  });

  it('writes every manifest line as a key, a key and a scalar, or a list item', () => {
    const yaml = toYaml(createSlackManifest({ baseUrl: 'https://h' }));
    expect(yaml.split('\n').every((line) => /^( {2})*(- )?[a-z_]+:( .+)?$|^( {2})*- ".*"$/.test(line))).toBe(true);
  });
});
