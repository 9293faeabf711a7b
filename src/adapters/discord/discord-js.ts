// The discord.js values this adapter uses at run time, imported in one place
// so the adapter's files name one module; type-only imports may name
// 'discord.js' directly.

import { createRequire } from 'node:module';

export {
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  REST,
  Routes,
} from 'discord.js';

/**
 * An HTTP agent from the undici that discord.js's REST client itself loads.
 * Bolt brings a newer undici that installs itself as the process-wide global
 * dispatcher; discord.js's multipart bodies (the chart attachment) cannot go
 * through that one, so its REST client gets an agent of its own version.
 * discord.js is therefore loaded from node_modules, never bundled.
 */
export function createRestAgent(): unknown {
  const fromDiscord = createRequire(createRequire(import.meta.url).resolve('discord.js'));
  const fromRest = createRequire(fromDiscord.resolve('@discordjs/rest'));
  const undici = fromRest('undici') as { Agent: new () => unknown };
  return new undici.Agent();
}
