import { eventually, type AssessOutcome, type ChatDriver } from './chat-driver.js';
import { button, gatewayMessage } from './discord-messages.js';
import type { FakeDiscord, InteractionInit, RecordedCall, StoredMessage } from './discord-server.js';

// The chat driver for a spawned bot on Discord: interactions and gateway
// messages sent through the fake Discord, answers read back from its REST log.
// Conversations start in guild text channels, so threads are part of it.

export const DEPLOY_GUILD = '800000000000000077';
let channelSeq = 0;
let messageSeq = 1_500_000_000_000_000_000n;

/** A user id the fake gives interactions, from a short name ("U1" -> a snowflake). */
export function discordUser(name: string): string {
  const digits = [...name].map((c) => c.charCodeAt(0) % 10).join('');
  return `7${digits.padStart(17, '0')}`.slice(0, 18);
}

export function discordDriver(fake: FakeDiscord): ChatDriver {
  const messagesIn = (channel: string) => [...fake.messages.values()].filter((m) => m.channel_id === channel);
  const init = (place: string, user: string): InteractionInit => ({ guildId: DEPLOY_GUILD, channelId: place, userId: discordUser(user) });
  const inThread = (thread: string, user: string): InteractionInit => ({ guildId: DEPLOY_GUILD, channelId: thread, channelType: 11, userId: discordUser(user) });

  /** Resolves with the first successful answer to interaction `id` made after call number `from`. */
  const answerTo = (id: string, token: string, from: number) =>
    eventually(
      () =>
        fake.calls
          .slice(from)
          .find(
            (c) =>
              c.status < 300 &&
              ((c.path.startsWith(`/interactions/${id}/`) && [4, 9].includes(c.body?.type as number)) ||
                (c.method === 'PATCH' && c.path.includes(`/${token}/messages/@original`)) ||
                (c.method === 'POST' && c.path.startsWith('/channels/') && c.path.endsWith('/messages')) ||
                (c.method === 'POST' && c.path.endsWith(`/${token}`))),
          ),
      `the answer to interaction ${id}`,
    );

  async function act(send: () => Promise<string>): Promise<RecordedCall> {
    const from = fake.calls.length;
    const id = await send();
    return answerTo(id, `itoken-${id}`, from);
  }

  const newest = (channels: string[]) =>
    [...fake.messages.values()].filter((m) => channels.includes(m.channel_id)).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).at(-1);

  return {
    platform: 'discord',
    place: () => {
      channelSeq += 1;
      const id = `8100000000000${String(channelSeq).padStart(5, '0')}`;
      fake.addGuild(DEPLOY_GUILD, [{ id, type: 0, name: `deploy-${channelSeq}` }]);
      return id;
    },
    async assess(user, place, description): Promise<AssessOutcome> {
      let call = await act(() => fake.slashCommand(init(place, user), 'assess', { description }));
      const first = await eventually(() => messagesIn(place)[0], 'the first answer');
      await eventually(() => fake.threads.get(first.id), 'the thread started from it');
      for (let step = 0; step < 5; step += 1) {
        const latest = newest([place, first.id]) as StoredMessage;
        if (latest.embeds.length > 0) break;
        const where = latest.channel_id === place ? init(place, user) : inThread(first.id, user);
        call = await act(() => fake.button(where, latest, button(latest, 'None of these').custom_id));
      }
      const card = await eventually(() => [place, first.id].flatMap(messagesIn).find((m) => JSON.stringify(m.embeds).includes('Monthly cost')), 'the result card');
      // The chart follows the card as a message of its own.
      const chart = await eventually(() => fake.calls.slice(fake.calls.indexOf(call)).find((c) => c.files.some((f) => f.name === 'chart.png')), 'the chart after the card');
      return { cardText: JSON.stringify(card.embeds), chart: chart.files[0]?.bytes ?? null };
    },
    async review(user, place, name, components) {
      await act(() => fake.slashCommand(init(place, user), 'review', { name }));
      const card = await eventually(() => messagesIn(place).find((m) => JSON.stringify(m.embeds).includes(`Design review: ${name}`)), 'the review card');
      const thread = card.id;
      await eventually(() => fake.threads.get(thread) && messagesIn(thread).length > 0, 'the review thread and its how-to');
      const say = async (content: string) => {
        const seen = messagesIn(thread).length;
        messageSeq += 1n;
        fake.dispatch('MESSAGE_CREATE', gatewayMessage({ id: messageSeq.toString(), channelId: thread, guildId: DEPLOY_GUILD, author: { id: discordUser(user), username: user.toLowerCase() }, content }));
        return eventually(() => (messagesIn(thread).length > seen ? messagesIn(thread).at(-1) : undefined), `the answer to "${content}"`);
      };
      for (const component of components) {
        let latest = await say(`add ${component}`);
        while (latest.content.includes('Anything special?')) latest = await say('none');
      }
      const want = `${components.length} components, ${components.length} assessed`;
      await eventually(() => JSON.stringify(fake.messages.get(card.id)?.embeds).includes(want), 'every component assessed on the card');
      return JSON.stringify(fake.messages.get(card.id)?.embeds);
    },
    async privately(user, place, words) {
      const [sub, ...rest] = words.split(' ');
      const options: Record<string, string> = sub === 'digest' ? { action: rest[0] ?? 'status' } : {};
      const call = await act(() => fake.slashCommand(init(place, user), sub === 'digest' ? 'digest' : (sub ?? 'help'), options));
      const data = (call.body?.type === 4 ? call.body.data : call.body) as { flags?: number; content?: string; embeds?: unknown[] };
      if (((data.flags ?? 0) & 64) === 0 && call.body?.type === 4) throw new Error(`"${words}" was answered publicly`);
      return JSON.stringify({ content: data.content, embeds: data.embeds });
    },
  };
}

