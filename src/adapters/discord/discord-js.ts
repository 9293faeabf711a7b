// discord.js, loaded so that it survives vega-lite. vega-lite (the chart
// renderer) adds Set.prototype.toJSON; discord.js's event emitter bundles
// node-inspect-extracted, which probes every zero-argument Set method when it
// loads and throws on that one ("string "Set()" is not iterable"). Whether
// the process starts would otherwise depend on the order of imports in
// main.ts. The method is hidden only while discord.js loads, then put back
// for vega-lite. Every runtime import of discord.js in this adapter comes
// through here; type-only imports may name 'discord.js' directly.

import { createRequire } from 'node:module';

const hidden = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
if (hidden) Reflect.deleteProperty(Set.prototype, 'toJSON');
const discord = await import('discord.js').finally(() => {
  if (hidden) Object.defineProperty(Set.prototype, 'toJSON', hidden);
});

export const {
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
} = discord;

/**
 * An HTTP agent from the undici that discord.js's REST client itself loads.
 */
export function createRestAgent(): unknown {
  const fromDiscord = createRequire(createRequire(import.meta.url).resolve('discord.js'));
  const fromRest = createRequire(fromDiscord.resolve('@discordjs/rest'));
  const undici = fromRest('undici') as { Agent: new () => unknown };
  return new undici.Agent();
}
