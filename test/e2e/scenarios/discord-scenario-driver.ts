import type { ChatPlatform } from '../../../src/adapters/chat-platform.js';
import { eventually } from '../fakes/chat-driver.js';
import { discordUser } from '../fakes/discord-driver.js';
import { validateMessage } from '../fakes/discord-limits.js';
import { callbackOf, componentsOf, gatewayMessage } from '../fakes/discord-messages.js';
import { startFakeDiscord, type InteractionInit, type StoredMessage } from '../fakes/discord-server.js';
import type { PlatformDriver, Posted } from './platform-driver.js';
import { serveApp, type AppOptions } from './serve-app.js';

// The scenarios' driver for Discord: the app served with the real discord.js
// client on the fake gateway, interactions and thread messages sent through
// the fake, and what the bot posted read from its REST log.

const GUILD = '800000000000000001';
const SUB_COMMANDS = ['review', 'digest', 'help', 'history', 'forget-me'];
const DIGEST_OPTIONS = ['action', 'weekday', 'time', 'timezone', 'quiet'];
/** `/serverless-fit from`'s options in order: "from lambda notify-api eu-west-1" fills the first three. */
const FROM_OPTIONS = ['source', 'name', 'region'];

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } };

function discordText(message: StoredMessage | { content?: string; embeds?: unknown[] }): string {
  const embeds = (message.embeds ?? []) as Embed[];
  const parts = [message.content ?? ''];
  for (const e of embeds) parts.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '');
  return parts.filter(Boolean).join('\n');
}

/** `/serverless-fit <words>` as Discord sends it: a sub-command and its options. */
function slash(words: string): { sub: string; options: Record<string, string> } {
  const [first = '', ...rest] = words.trim().split(/\s+/);
  if (first === 'assess') return { sub: 'assess', options: { description: rest.join(' ') } };
  if (first === 'from') return { sub: 'from', options: Object.fromEntries([...rest.slice(0, 3).map((word, i) => [FROM_OPTIONS[i]!, word]), ...(rest.length > 3 ? [['words', rest.slice(3).join(' ')]] : [])]) };
  if (!SUB_COMMANDS.includes(first)) return { sub: 'assess', options: { description: words } };
  if (first === 'review') return { sub: 'review', options: { name: rest.join(' ') } };
  if (first === 'digest') return { sub: 'digest', options: Object.fromEntries(rest.map((word, i) => [DIGEST_OPTIONS[i] ?? 'quiet', word])) };
  return { sub: first, options: {} };
}

export async function discordScenarioDriver(platforms: readonly ChatPlatform[], options: AppOptions = {}): Promise<PlatformDriver> {
  const fake = await startFakeDiscord();
  const app = await serveApp(platforms, { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_MESSAGE_CONTENT: 'true', DISCORD_CDN_URL: fake.cdnUrl }, options);
  let channels = 0;
  let messageSeq = 1_400_000_000_000_000_000n;
  let modal: { init: InteractionInit; message: StoredMessage; customId: string; minLength: number } | null = null;

  const find = (message: Posted): StoredMessage => {
    const found = fake.messages.get(message.id);
    if (!found) throw new Error(`discord: no message ${message.id}`);
    return found;
  };
  const visible = (m: StoredMessage) => (m.flags & 64) === 0;
  const posted = (m: StoredMessage): Posted => ({ id: m.id, channel: m.channel_id });
  const where = (user: string, channel: string): InteractionInit =>
    fake.threads.has(channel) ? { guildId: GUILD, channelId: channel, channelType: 11, userId: user } : { guildId: GUILD, channelId: channel, userId: user };
  const interact = async (send: () => Promise<string>) => {
    const id = await send();
    return fake.waitForCall(callbackOf(id));
  };

  return {
    platform: 'discord',
    workspace: GUILD,
    app,
    user: (name) => discordUser(name),
    channel() {
      channels += 1;
      const id = `8100000000000${String(channels).padStart(5, '0')}`;
      fake.addGuild(GUILD, [{ id, type: 0, name: `scene-${channels}` }]);
      return id;
    },
    async command(user, channel, words) {
      const { sub, options } = slash(words);
      await interact(() => fake.slashCommand(where(user, channel), sub, options));
    },
    async privately(user, channel, words) {
      const { sub, options } = slash(words);
      const from = fake.calls.length;
      const id = await fake.slashCommand(where(user, channel), sub, options);
      const call = await eventually(
        () =>
          fake.calls
            .slice(from)
            .find(
              (c) =>
                c.status < 300 &&
                ((callbackOf(id)(c) && c.body?.type === 4) ||
                  (c.method === 'PATCH' && c.path.includes(`/itoken-${id}/messages/@original`)) ||
                  // A deferred answer replaced by a private follow-up (a measurement that failed).
                  (c.method === 'POST' && c.path.endsWith(`/itoken-${id}`))),
            ),
        `the private answer to "${words}"`,
      );
      const data = (call.body?.type === 4 ? call.body.data : call.body) as { flags?: number; content?: string; embeds?: unknown[] };
      if (call.body?.type === 4 && ((data.flags ?? 0) & 64) === 0) throw new Error(`"${words}" was answered in public`);
      if (call.method === 'POST' && !call.body?.type && ((data.flags ?? 0) & 64) === 0) throw new Error(`"${words}" was followed up in public`);
      const problems = validateMessage(data, 0);
      if (problems.length) throw new Error(`the answer to "${words}" breaks Discord's limits: ${JSON.stringify(problems)}`);
      return discordText(data);
    },
    roots: (channel) => [...fake.messages.values()].filter((m) => m.channel_id === channel && visible(m)).map(posted),
    thread: (root) => [...fake.messages.values()].filter((m) => m.channel_id === root.id && visible(m)).map(posted),
    read(message) {
      const m = find(message);
      const labels = componentsOf(m).flatMap((c) => (c.type === 3 ? (c.options ?? []).map((o) => o.label) : [c.label ?? '']));
      const edits = fake.calls.filter((c) => c.method === 'PATCH' && c.path === `/channels/${m.channel_id}/messages/${m.id}`).length;
      return { text: discordText(m), buttons: labels, edits };
    },
    async press(user, message, label) {
      const m = find(message);
      const init = where(user, m.channel_id);
      const components = componentsOf(m);
      const button = components.find((c) => c.type === 2 && label.test(c.label ?? ''));
      const menu = components.find((c) => c.type === 3 && (c.options ?? []).some((o) => label.test(o.label)));
      if (!button && !menu) throw new Error(`discord: no button or option ${label} in ${JSON.stringify(m.components)}`);
      const option = menu?.options?.find((o) => label.test(o.label));
      const call = await interact(async () => (button ? await fake.button(init, m, button.custom_id) : await fake.select(init, m, menu!.custom_id, [option!.value])));
      if (call.body?.type === 9) {
        const input = ((call.body.data.components ?? []) as { components: { required?: boolean; min_length?: number }[] }[]).flatMap((row) => row.components)[0];
        modal = { init, message: m, customId: String(call.body.data.custom_id), minLength: Math.max(input?.required ? 1 : 0, input?.min_length ?? 0) };
      }
    },
    async say(user, root, text) {
      messageSeq += 1n;
      fake.dispatch('MESSAGE_CREATE', gatewayMessage({ id: messageSeq.toString(), channelId: root.id, guildId: GUILD, author: { id: user, username: `person-${user.slice(-3)}` }, content: text }));
    },
    async upload(user, root, name, bytes) {
      messageSeq += 1n;
      const attachment = fake.hostAttachment(root.id, name, bytes);
      fake.dispatch('MESSAGE_CREATE', gatewayMessage({ id: messageSeq.toString(), channelId: root.id, guildId: GUILD, author: { id: user, username: `person-${user.slice(-3)}` }, content: '', attachments: [attachment] }));
    },
    // A message has no interaction to answer privately: what the bot says about a file is a reply to the message that carried it.
    toldInThread: (root) => [...fake.messages.values()].filter((m) => m.channel_id === root.id && visible(m) && m.message_reference).map((m) => discordText(m)),
    async submitForm(_user, text) {
      if (!modal) throw new Error('discord: no modal is open');
      // Discord's client does not submit a required text input left blank.
      if (text.trim().length < modal.minLength) return 'refused';
      const call = await interact(() => fake.modalSubmit(modal!.init, modal!.message, modal!.customId, { answer: text }));
      return call.body?.type === 4 && ((call.body.data?.flags ?? 0) & 64) !== 0 ? 'refused' : 'accepted';
    },
    threadLink: (root) => `https://discord.com/channels/${GUILD}/${root.id}`,
    limitProblem(message) {
      const problems = validateMessage(find(message), 0);
      return problems.length ? JSON.stringify(problems) : null;
    },
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
