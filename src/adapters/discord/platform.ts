import type { ChatPlatform, ConfiguredPlatform, RunningPlatform } from '../chat-platform.js';
import { readDiscordConfig, type DiscordConfig } from './config.js';
import { checkDiscord } from './doctor-check.js';

// Discord as one entry of the platform list. discord.js is imported inside
// `create`, so listing Discord costs nothing until it is configured and served.
// The gateway is outbound only: the health checks get a server of their own.

export const discordPlatform: ChatPlatform = {
  name: 'discord',
  title: 'Discord',
  enableWith: 'DISCORD_TOKEN',
  readConfig(env, shared) {
    const result = readDiscordConfig(env);
    return result.kind === 'ok' ? { kind: 'ok', platform: configuredDiscord(result.config, shared.leaseSeconds) } : result;
  },
  // A thread's id is its starter message's id, so the channel URL opens the thread.
  // '@me' is Discord's own path segment for direct messages (stored per person as '@me:<user>').
  threadLink: ({ workspace, channel, thread }) => (channel ? `https://discord.com/channels/${workspace.startsWith('@me') ? '@me' : workspace}/${thread || channel}` : null),
};

function configuredDiscord(config: DiscordConfig, leaseSeconds: number | undefined): ConfiguredPlatform {
  return {
    name: discordPlatform.name,
    summary: 'Discord on',
    secrets: [config.token],
    check: (probe) => checkDiscord(config, probe),
    async create(ports): Promise<RunningPlatform> {
      const { createDiscordAdapter } = await import('./app.js');
      const adapter = createDiscordAdapter({ ...ports, config, ...(leaseSeconds ? { leaseMs: leaseSeconds * 1000 } : {}) });
      return {
        label: 'Discord (gateway)',
        servesHttpRoutes: false,
        start: adapter.start,
        stopIntake: adapter.stopIntake,
        drain: adapter.drain,
        stop: adapter.stop,
        ready: () => adapter.client.isReady(),
        postDigest: adapter.postDigest,
      };
    },
  };
}
