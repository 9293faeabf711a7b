// The Discord settings, read from an env-like object passed in: src/config.ts
// (the only reader of the environment) passes it in.

export interface DiscordConfig {
  token: string;
  /** Needed to register commands; the running bot learns it from the gateway. */
  applicationId: string | null;
  /** Register commands to this guild only (instant, for development); global when null. */
  guildId: string | null;
  /** REST base, e.g. "https://discord.com/api"; tests point it at a fake. */
  apiUrl: string;
  /** Where attachments are downloaded from (DISCORD_CDN_URL); nothing else is fetched. */
  cdnUrl?: string;
  /** True when the privileged Message Content intent is enabled for the bot, so plain thread replies count. */
  messageContent: boolean;
}

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';
/** Discord serves message attachments from here. */
export const DEFAULT_DISCORD_CDN_URL = 'https://cdn.discordapp.com/';

export type DiscordConfigResult =
  | { kind: 'absent' }
  | { kind: 'ok'; config: DiscordConfig }
  | { kind: 'invalid'; problems: string[] };

// Plain checks rather than a schema library: they run on every start, and
// loading the library would cost more than all of them. Problems are listed
// in this order, each as "NAME: what is expected".
const SNOWFLAKE = /^\d{15,22}$/;
const FLAGS = ['true', 'false', '1', '0', 'yes', 'no'] as const;

/** A URL as the WHATWG parser reads it (tabs and line breaks inside are dropped, as the parser itself does). */
function asUrl(value: string): string | null {
  const trimmed = value.trim();
  return URL.canParse(trimmed) ? trimmed.replace(/[\t\n\r]/g, '') : null;
}

function problemsIn(present: Partial<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const name of ['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID'] as const) {
    const value = present[name];
    if (value !== undefined && !SNOWFLAKE.test(value)) problems.push(`${name}: must be a Discord id (digits only)`);
  }
  if (present.DISCORD_API_URL !== undefined && asUrl(present.DISCORD_API_URL) === null) problems.push('DISCORD_API_URL: must be a URL like https://discord.com/api');
  if (present.DISCORD_CDN_URL !== undefined && asUrl(present.DISCORD_CDN_URL) === null) problems.push('DISCORD_CDN_URL: must be a URL like https://cdn.discordapp.com/');
  const flag = present.DISCORD_MESSAGE_CONTENT;
  if (flag !== undefined && !(FLAGS as readonly string[]).includes(flag)) problems.push(`DISCORD_MESSAGE_CONTENT: Invalid option: expected one of ${FLAGS.map((f) => JSON.stringify(f)).join('|')}`);
  return problems;
}

/** Discord is configured when DISCORD_TOKEN is set; a half-set configuration names each bad variable. */
export function readDiscordConfig(env: Record<string, string | undefined>): DiscordConfigResult {
  const present: Record<string, string> = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('DISCORD_') && entry[1] !== undefined && entry[1].trim() !== ''),
  );
  const token = present.DISCORD_TOKEN;
  if (token === undefined) {
    return present.DISCORD_APPLICATION_ID === undefined
      ? { kind: 'absent' }
      : { kind: 'invalid', problems: ['DISCORD_TOKEN: required when DISCORD_APPLICATION_ID is set'] };
  }
  const problems = problemsIn(present);
  if (problems.length) return { kind: 'invalid', problems };
  const values = present;
  const cdnUrl = values.DISCORD_CDN_URL === undefined ? null : asUrl(values.DISCORD_CDN_URL);
  return {
    kind: 'ok',
    config: {
      token,
      applicationId: values.DISCORD_APPLICATION_ID ?? null,
      guildId: values.DISCORD_GUILD_ID ?? null,
      apiUrl: (values.DISCORD_API_URL === undefined ? DEFAULT_DISCORD_API_URL : (asUrl(values.DISCORD_API_URL) ?? DEFAULT_DISCORD_API_URL)).replace(/\/+$/, ''),
      ...(cdnUrl ? { cdnUrl } : {}),
      messageContent: ['true', '1', 'yes'].includes(values.DISCORD_MESSAGE_CONTENT ?? 'false'),
    },
  };
}
