import type { ChatPlatform } from '../../../src/adapters/chat-platform.js';
import type { PlatformDriver, Posted } from '../../e2e/scenarios/platform-driver.js';
import { serveApp, type AppOptions } from '../../e2e/scenarios/serve-app.js';
import { EchoChatServer, type EchoForm, type EchoMessage } from './echo-server.js';

// The scenarios' driver for Echo Chat: people act on the in-process server,
// and the bot's messages are read back from it.

export async function echoChatDriver(platforms: readonly ChatPlatform[], options: AppOptions = {}): Promise<PlatformDriver> {
  const server = EchoChatServer.start();
  const app = await serveApp(platforms, { ECHO_CHAT_SERVER: server.name, ECHO_CHAT_TOKEN: server.token }, options);
  let channels = 0;
  let lastForm: EchoForm | null = null;
  const find = (message: Posted): EchoMessage => {
    const found = server.messages.find((m) => m.id === message.id);
    if (!found) throw new Error(`echo chat: no message ${message.id}`);
    return found;
  };
  const posted = (m: EchoMessage): Posted => ({ id: m.id, channel: m.channel });
  return {
    platform: 'echo-chat',
    workspace: 'echo-workspace',
    app,
    user: (name) => `echo-${name}`,
    channel: () => `echo-channel-${++channels}`,
    command: (user, channel, words) => server.command(user, channel, words),
    async privately(user, channel, words) {
      const before = server.messages.length;
      await server.command(user, channel, words);
      const answer = server.messages.slice(before).find((m) => m.privateTo === user);
      if (!answer) throw new Error(`"${words}" was not answered privately`);
      return answer.text;
    },
    roots: (channel) => server.botMessages().filter((m) => m.channel === channel && m.thread === null && m.privateTo === null).map(posted),
    thread: (root) => server.botMessages().filter((m) => m.thread === root.id).map(posted),
    read(message) {
      const m = find(message);
      return { text: m.text, buttons: m.buttons.map((b) => b.label), edits: m.edits };
    },
    async press(user, message, label) {
      const forms = server.forms.length;
      await server.press(user, find(message), label);
      lastForm = server.forms.length > forms ? (server.forms.at(-1) ?? null) : lastForm;
    },
    say: (user, root, text) => server.say(user, root.channel, root.id, text),
    async submitForm(user, text) {
      if (!lastForm) throw new Error('echo chat: no form is open');
      const before = server.messages.length;
      await server.submitForm(user, lastForm, text);
      return server.messages.slice(before).some((m) => m.privateTo === user) ? 'refused' : 'accepted';
    },
    threadLink: (root) => `echo://${root.channel}/${root.id}`,
    limitProblem: () => null,
    async close() {
      await app.close();
      server.close();
    },
  };
}
