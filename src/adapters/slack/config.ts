import type { Environment, SharedSettings } from '../chat-platform.js';

// The Slack settings, read from the environment src/config.ts hands on. Each
// bad or missing variable is one line naming it and where its value is found.

export interface SlackConfig {
  /** SLACK_BOT_TOKEN (xoxb-...). */
  botToken: string;
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

/** Slack serves shared files (url_private_download) from here. */
export const DEFAULT_SLACK_FILES_URL = 'https://files.slack.com/';

export type SlackConfigResult = { kind: 'absent' } | { kind: 'ok'; config: SlackConfig } | { kind: 'invalid'; problems: string[] };

const FORMATS: { name: string; valid: (value: string) => boolean; problem: string }[] = [
  { name: 'SLACK_BOT_TOKEN', valid: (v) => v.startsWith('xoxb-'), problem: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions > Bot User OAuth Token)' },
  { name: 'SLACK_SIGNING_SECRET', valid: (v) => /^[0-9a-f]{16,}$/i.test(v), problem: 'SLACK_SIGNING_SECRET must be the hex signing secret from Basic Information > App Credentials' },
  { name: 'SLACK_APP_TOKEN', valid: (v) => v.startsWith('xapp-'), problem: 'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write)' },
  { name: 'SLACK_API_URL', valid: (v) => /^https?:\/\/[^\s]+$/.test(v), problem: 'SLACK_API_URL must be an http(s) URL, e.g. https://slack.com/api/' },
  { name: 'SLACK_FILES_URL', valid: (v) => /^https?:\/\/[^\s]+$/.test(v), problem: 'SLACK_FILES_URL must be an http(s) URL, e.g. https://files.slack.com/' },
];

/** Slack is configured when any of its three credentials is set; a half-set configuration names what is missing. */
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
  if (!botToken && !signingSecret && !appToken) return { kind: 'absent' };
  if (!botToken) problems.push('SLACK_BOT_TOKEN is missing: the other Slack variables are set, and the bot token (xoxb-...) is what lets the bot post.');
  if (!signingSecret && !appToken) {
    problems.push('SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests (Basic Information > App Credentials), or set SLACK_APP_TOKEN for Socket Mode.');
  }
  if (!botToken || problems.length) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    config: {
      botToken,
      ...(signingSecret ? { signingSecret } : {}),
      ...(appToken ? { appToken } : {}),
      ...(apiUrl ? { apiUrl } : {}),
      ...(value('SLACK_FILES_URL') ? { filesUrl: value('SLACK_FILES_URL') } : {}),
      ...(shared.inboxWorkers ? { workers: shared.inboxWorkers } : {}),
      ...(shared.leaseSeconds ? { leaseSeconds: shared.leaseSeconds } : {}),
      port: shared.port,
    },
  };
}
