import type { ChatPlatform, ConfiguredPlatform } from '../../../src/adapters/chat-platform.js';
import { renderDigestText } from '../../../src/render/digest-text.js';
import { findEchoServer } from './echo-server.js';

// Echo Chat as one entry of a platform list: the contract's proof. It reads
// its own variables, links to its own threads, checks its own credentials,
// and loads its adapter only when created, like Slack and Discord.

export const echoChatPlatform: ChatPlatform = {
  name: 'echo-chat',
  title: 'Echo Chat',
  enableWith: 'ECHO_CHAT_SERVER',
  readConfig(env) {
    const name = env.ECHO_CHAT_SERVER?.trim();
    const token = env.ECHO_CHAT_TOKEN?.trim();
    if (!name) return token ? { kind: 'invalid', problems: ['ECHO_CHAT_SERVER is missing: ECHO_CHAT_TOKEN is set, and the server name says where to connect.'] } : { kind: 'absent' };
    if (!token) return { kind: 'invalid', problems: ['ECHO_CHAT_TOKEN is missing: the bot token Echo Chat gave you.'] };
    return { kind: 'ok', platform: configuredEcho(name, token) };
  },
  threadLink: ({ channel, thread }) => (channel && thread ? `echo://${channel}/${thread}` : null),
};

function configuredEcho(serverName: string, token: string): ConfiguredPlatform {
  return {
    name: echoChatPlatform.name,
    summary: `Echo Chat on ${serverName}`,
    secrets: [token],
    async check() {
      const server = findEchoServer(serverName);
      if (!server) return { status: 'problem', detail: `no Echo Chat server called ${serverName}: check ECHO_CHAT_SERVER` };
      return server.token === token ? { status: 'ok', detail: `${serverName} accepts the token` } : { status: 'problem', detail: `${serverName} refused ECHO_CHAT_TOKEN` };
    },
    async create(ports) {
      const { createEchoAdapter } = await import('./echo-adapter.js');
      const server = findEchoServer(serverName);
      if (!server) throw new Error(`no Echo Chat server called ${serverName}: check ECHO_CHAT_SERVER`);
      const adapter = createEchoAdapter(server, token, ports);
      return {
        label: `Echo Chat (${serverName})`,
        servesHttpRoutes: false,
        start: async () => adapter.start(),
        stopIntake: () => adapter.stop(),
        drain: async () => [],
        stop: async () => adapter.stop(),
        ready: adapter.ready,
        async postDigest(channel, digest) {
          adapter.postDigest(channel, renderDigestText(digest));
          return { ok: true };
        },
      };
    },
  };
}
