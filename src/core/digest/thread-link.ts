import type { PlatformName } from '../conversation.js';

// A link a reader can click to reach a conversation's thread, built from the
// ids the store already keeps (no API call): Slack's app_redirect opens the
// message in the right workspace; Discord's channel URL opens the thread
// (a thread's id is its starter message's id) or the channel.

export function threadLink(platform: PlatformName, workspace: string, channel: string, thread: string): string | null {
  switch (platform) {
    case 'slack':
      if (!channel || !thread) return null;
      return `https://slack.com/app_redirect?team=${encodeURIComponent(workspace)}&channel=${encodeURIComponent(channel)}&message_ts=${encodeURIComponent(thread)}`;
    case 'discord':
      if (!channel) return null;
      // '@me' is Discord's own path segment for direct messages (stored per person as '@me:<user>').
      return `https://discord.com/channels/${workspace.startsWith('@me') ? '@me' : workspace}/${thread || channel}`;
    case 'cli':
      return null;
  }
}
