import { serverlessFitCommand, type CommandDefinition } from '../../../commands/serverless-fit.js';

// The Slack app manifest, generated from the one command definition so the
// slash command Slack shows never drifts from what the bot understands.

export interface ManifestOptions {
  /** Public base URL of the HTTP app (https://bot.example.com); omit for Socket Mode. */
  baseUrl?: string;
  appName?: string;
  command?: CommandDefinition;
  /** Installed in many workspaces through OAuth: the redirect URL to register, and the events that say an install is gone. */
  oauth?: boolean;
}

/**
 * What the adapter needs: the command, posting/editing, chart upload, reading
 * thread replies, (users:read) the subscriber's time zone for digests,
 * (app_mentions:read) being addressed as @serverless-fit, (im:history)
 * direct messages to the bot, and (files:read) template files shared in a review's thread.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'files:write', 'files:read', 'channels:history', 'groups:history', 'users:read', 'app_mentions:read', 'im:history'] as const;
/** Thread replies in public and private channels and in DMs, mentions, and the App Home tab being opened. */
export const BOT_EVENTS = ['message.channels', 'message.groups', 'message.im', 'app_mention', 'app_home_opened'] as const;
/** What OAuth mode also listens to: the app removed from a workspace, or its token revoked. */
export const OAUTH_BOT_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;
export const EVENTS_PATH = '/slack/events';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

export type SlackManifest = Record<string, unknown>;

export function createSlackManifest(options: ManifestOptions = {}): SlackManifest {
  const command = options.command ?? serverlessFitCommand;
  const name = options.appName ?? command.name;
  const socketMode = options.baseUrl === undefined;
  const base = options.baseUrl?.replace(/\/+$/, '');
  const requestUrl = socketMode ? undefined : `${base}${EVENTS_PATH}`;
  const oauth = options.oauth === true && !socketMode;
  const withUrl = <T extends object>(o: T, key = 'request_url') => (requestUrl ? { ...o, [key]: requestUrl } : o);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      // Slack caps the short description at 140 characters.
      description: command.description.slice(0, 140),
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      // The Home tab shows help, your assessments and the digests; the Messages tab takes DMs to the bot.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: [
        withUrl(
          {
            command: `/${command.name}`,
            description: command.description,
            usage_hint: command.usageHint,
            should_escape: false,
          },
          'url',
        ),
      ],
    },
    oauth_config: { ...(oauth ? { redirect_urls: [`${base}${OAUTH_REDIRECT_PATH}`] } : {}), scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: withUrl({ bot_events: [...BOT_EVENTS, ...(oauth ? OAUTH_BOT_EVENTS : [])] }),
      interactivity: withUrl({ is_enabled: true }),
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** A small YAML writer for the manifest's shapes (objects, arrays, strings, numbers, booleans). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        const inner = toYaml(item, `${indent}  `);
        return isContainer(item) ? `${indent}- ${inner.trimStart()}` : `${indent}- ${inner}`;
      })
      .join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries
      .map(([key, v]) => (isContainer(v) && !isEmpty(v) ? `${indent}${key}:\n${toYaml(v, `${indent}  `)}` : `${indent}${key}: ${toYaml(v, indent)}`))
      .join('\n');
  }
  // JSON strings are valid YAML double-quoted scalars.
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0;
}
