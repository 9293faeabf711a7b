// The discord.js values this adapter uses at run time, imported in one place
// so the adapter's files name one module; type-only imports may name
// 'discord.js' directly.

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
