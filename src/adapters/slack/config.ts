import type { Environment, SharedSettings } from '../chat-platform.js';

// The Slack settings, read from the environment src/config.ts hands on. Each
// bad or missing variable is one line naming it and where its value is found.

export interface SlackConfig {
  /** SLACK_BOT_TOKEN (xoxb-...): one workspace. Unset in OAuth mode, where each workspace's token comes from its install. */
  botToken?: string;
  /** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: OAuth mode, installed in many workspaces. */
  oauth?: SlackOAuthConfig;
  /** SLACK_SIGNING_SECRET; required in HTTP mode. */
  signingSecret?: string;
  /** SLACK_APP_TOKEN (xapp-...); when set, Socket Mode is used. */
  appToken?: string;
  /** PORT for HTTP mode; 0 picks a free port. */
  port: number;
  /** SLACK_API_URL: base of the Web API, e.g. https://slack.com/api/ (tests, corporate proxies). */
  apiUrl?: string;
  /** SLACK_FILES_URL: where shared files are downloaded from (default files.slack.com); nothing else is ever fetched with the bot token. */
  filesUrl?: string;
  /** SERVERLESS_FIT_WORKERS: conversations the inbox works at once. */
  workers?: number;
  /** SERVERLESS_FIT_LEASE_SECONDS: how long this replica holds an inbox entry between renewals. */
  leaseSeconds?: number;
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the state of an install in progress (Bolt's stateSecret). */
  stateSecret: string;
  /** SLACK_REDIRECT_URI: needed only when the app has several redirect URLs registered. */
  redirectUri?: string;
}

/** Slack serves shared files (url_private_download) from here. */
export const DEFAULT_SLACK_FILES_URL = 'https://files.slack.com/';

export type SlackConfigResult = { kind: 'absent' } | { kind: 'ok'; config: SlackConfig } | { kind: 'invalid'; problems: string[] };

const FORMATS: { name: string; valid: (value: string) => boolean; problem: string }[] = [
  { name: 'SLACK_BOT_TOKEN', valid: (v) => v.startsWith('xoxb-'), problem: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions > Bot User OAuth Token)' },
  { name: 'SLACK_SIGNING_SECRET', valid: (v) => /^[0-9a-f]{16,}$/i.test(v), problem: 'SLACK_SIGNING_SECRET must be the hex signing secret from Basic Information > App Credentials' },
  { name: 'SLACK_APP_TOKEN', valid: (v) => v.startsWith('xapp-'), problem: 'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write)' },
  { name: 'SLACK_API_URL', valid: (v) => /^https?:\/\/[^\s]+$/.test(v), problem: 'SLACK_API_URL must be an http(s) URL, e.g. https://slack.com/api/' },
  { name: 'SLACK_FILES_URL', valid: (v) => /^https?:\/\/[^\s]+$/.test(v), problem: 'SLACK_FILES_URL must be an http(s) URL, e.g. https://files.slack.com/' },
  { name: 'SLACK_CLIENT_ID', valid: (v) => /^\d+\.\d+$/.test(v), problem: 'SLACK_CLIENT_ID must be the Client ID from Basic Information > App Credentials (digits, a dot, digits)' },
  { name: 'SLACK_CLIENT_SECRET', valid: (v) => /^[0-9a-f]{16,}$/i.test(v), problem: 'SLACK_CLIENT_SECRET must be the hex Client Secret from Basic Information > App Credentials' },
  { name: 'SLACK_STATE_SECRET', valid: (v) => v.length >= 16, problem: 'SLACK_STATE_SECRET must be a random string of 16 characters or more that you choose (e.g. the output of `openssl rand -hex 32`)' },
  { name: 'SLACK_REDIRECT_URI', valid: (v) => /^https?:\/\/[^\s]+\/slack\/oauth_redirect$/.test(v), problem: 'SLACK_REDIRECT_URI must be the public URL ending in /slack/oauth_redirect registered under OAuth & Permissions > Redirect URLs' },
];

/** The variables of OAuth mode, all three or none. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * Slack is configured when any of its credentials is set: one workspace with
 * SLACK_BOT_TOKEN, or many through OAuth installs with SLACK_CLIENT_ID,
 * SLACK_CLIENT_SECRET and SLACK_STATE_SECRET. A half-set configuration names
 * what is missing, one line per variable.
 */
export function readSlackConfig(env: Environment, shared: SharedSettings): SlackConfigResult {
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  // A malformed value is reported alone: what is missing may be the same mistake.
  const problems = FORMATS.filter((f) => value(f.name) !== undefined && !f.valid(value(f.name) as string)).map((f) => f.problem);
  if (problems.length) return { kind: 'invalid', problems };
  const botToken = value('SLACK_BOT_TOKEN');
  const signingSecret = value('SLACK_SIGNING_SECRET');
  const appToken = value('SLACK_APP_TOKEN');
  const apiUrl = value('SLACK_API_URL');
  const oauthSet = OAUTH_VARIABLES.filter((name) => value(name) !== undefined);
  if (!botToken && !signingSecret && !appToken && oauthSet.length === 0) return { kind: 'absent' };
  const common = {
    ...(apiUrl ? { apiUrl } : {}),
    ...(value('SLACK_FILES_URL') ? { filesUrl: value('SLACK_FILES_URL') } : {}),
    ...(shared.inboxWorkers ? { workers: shared.inboxWorkers } : {}),
    ...(shared.leaseSeconds ? { leaseSeconds: shared.leaseSeconds } : {}),
    port: shared.port,
  };
  if (oauthSet.length > 0) {
    const oauth = readOAuth(value, oauthSet, { botToken, signingSecret, appToken });
    if ('problems' in oauth) return { kind: 'invalid', problems: oauth.problems };
    return { kind: 'ok', config: { oauth: oauth.config, signingSecret: signingSecret as string, ...common } };
  }
  if (value('SLACK_REDIRECT_URI')) problems.push('SLACK_REDIRECT_URI is set, but it belongs to OAuth mode: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET too, or unset it.');
  if (!botToken) problems.push('SLACK_BOT_TOKEN is missing: the other Slack variables are set, and the bot token (xoxb-...) is what lets the bot post (or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install it in many workspaces).');
  if (!signingSecret && !appToken) {
    problems.push('SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests (Basic Information > App Credentials), or set SLACK_APP_TOKEN for Socket Mode.');
  }
  if (!botToken || problems.length) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    config: { botToken, ...(signingSecret ? { signingSecret } : {}), ...(appToken ? { appToken } : {}), ...common },
  };
}

/** OAuth mode: the three variables together, over HTTP, without a bot token of its own. */
function readOAuth(
  value: (name: string) => string | undefined,
  set: readonly string[],
  others: { botToken: string | undefined; signingSecret: string | undefined; appToken: string | undefined },
): { config: SlackOAuthConfig } | { problems: string[] } {
  const problems = OAUTH_VARIABLES.filter((name) => !set.includes(name)).map(
    (name) => `${name} is missing: ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set, and installing in many workspaces (OAuth) needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together.`,
  );
  if (others.botToken) problems.push('SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID: in OAuth mode every workspace brings its own token from its install; unset SLACK_BOT_TOKEN, or unset the SLACK_CLIENT_* variables to serve one workspace.');
  if (others.appToken) problems.push('SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID: installing in many workspaces is served over HTTP (/slack/events, /slack/install, /slack/oauth_redirect); unset SLACK_APP_TOKEN.');
  if (!others.signingSecret) problems.push('SLACK_SIGNING_SECRET is missing: OAuth mode serves HTTP and needs it to verify requests (Basic Information > App Credentials).');
  if (problems.length) return { problems };
  const redirectUri = value('SLACK_REDIRECT_URI');
  return {
    config: {
      clientId: value('SLACK_CLIENT_ID') as string,
      clientSecret: value('SLACK_CLIENT_SECRET') as string,
      stateSecret: value('SLACK_STATE_SECRET') as string,
      ...(redirectUri ? { redirectUri } : {}),
    },
  };
}
