import { z } from 'zod';

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

const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id (digits only)');

const schema = z.object({
  DISCORD_TOKEN: z.string().min(1, 'must not be empty'),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z.url('must be a URL like https://discord.com/api').optional(),
  DISCORD_CDN_URL: z.url('must be a URL like https://cdn.discordapp.com/').optional(),
  DISCORD_MESSAGE_CONTENT: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
});

/** Discord is configured when DISCORD_TOKEN is set; a half-set configuration names each bad variable. */
export function readDiscordConfig(env: Record<string, string | undefined>): DiscordConfigResult {
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => name.startsWith('DISCORD_') && value !== undefined && value.trim() !== ''),
  );
  if (present.DISCORD_TOKEN === undefined) {
    return present.DISCORD_APPLICATION_ID === undefined
      ? { kind: 'absent' }
      : { kind: 'invalid', problems: ['DISCORD_TOKEN: required when DISCORD_APPLICATION_ID is set'] };
  }
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    return {
      kind: 'invalid',
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`),
    };
  }
  const values = parsed.data;
  return {
    kind: 'ok',
    config: {
      token: values.DISCORD_TOKEN,
      applicationId: values.DISCORD_APPLICATION_ID ?? null,
      guildId: values.DISCORD_GUILD_ID ?? null,
      apiUrl: (values.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, ''),
      ...(values.DISCORD_CDN_URL ? { cdnUrl: values.DISCORD_CDN_URL } : {}),
      messageContent: ['true', '1', 'yes'].includes(values.DISCORD_MESSAGE_CONTENT ?? 'false'),
    },
  };
}
