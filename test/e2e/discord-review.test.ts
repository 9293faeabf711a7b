import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './fakes/chat-driver.js';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { button, callbackOf, componentsOf, gatewayMessage, latestIn } from './fakes/discord-messages.js';
import type { InteractionInit, StoredMessage } from './fakes/discord-server.js';

// A design review through the real discord.js client and the real advisor
// against the fake Discord: the card heads the thread and is edited in place,
// components come by text, by a pasted list and by the modal, two people
// edit, the bot restarts half way, and the totals are checked against the rows.

const GUILD = '800000000000000001';
const CHANNEL = '810000000000000001';
const ALICE = '700000000000000001';
const BOB = '700000000000000002';
const inChannel: InteractionInit = { guildId: GUILD, channelId: CHANNEL };

let h: DiscordHarness;
afterEach(async () => h?.close());


let messageSeq = 1_400_000_000_000_000_000n;
function threadMessage(thread: string, author: string, content: string) {
  messageSeq += 1n;
  const username = author === ALICE ? 'alice' : 'bob';
  return gatewayMessage({ id: messageSeq.toString(), channelId: thread, guildId: GUILD, author: { id: author, username }, content });
}

type Embed = { title: string; description: string; fields: { name: string; value: string }[]; footer: { text: string } };
const embedOf = (message: StoredMessage) => message.embeds[0] as Embed;
const money = (text: string) => Number(text.replace(/[$,]/g, ''));

/** The card's component rows and totals, read back from the embed. */
function figures(card: Embed) {
  const text = card.fields.map((f) => f.value).join('\n');
  const rows = [...text.matchAll(/^\S+ (.+?): (?:fit|marginal|avoid), .+?, (\$[\d,.]+)\/month \(serverless (\$[\d,.]+|n\/a), containers (\$[\d,.]+)\)$/gmu)].map((m) => ({
    name: m[1] ?? '',
    recommended: money(m[2] ?? ''),
    serverless: m[3] === 'n/a' ? 0 : money(m[3] ?? ''),
    containers: money(m[4] ?? ''),
  }));
  const total = (label: string) => money(new RegExp(`${label}: (\\$[\\d,.]+)/month`).exec(text)?.[1] ?? 'NaN');
  return { rows, recommended: total('Recommended hybrid plan'), serverless: total('All serverless'), containers: total('All containers') };
}

describe('a design review in a Discord thread', () => {
  it('five components, two people, a modal, a restart: the card stays current and its totals add up', async () => {
    h = await startDiscordHarness({ messageContent: true });
    const { fake } = h;
    fake.addGuild(GUILD, [{ id: CHANNEL, type: 0, name: 'general' }]);
    await eventually(() => h.adapter.client.guilds.cache.has(GUILD), 'the guild to be cached');

    // The slash command answers with the card, and the thread starts from it.
    await fake.slashCommand(inChannel, 'review', { name: 'checkout platform' });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const card = latestIn(fake, CHANNEL);
    const thread = card.id;
    expect(embedOf(card).title).toBe('Design review: checkout platform');
    const review = h.reviews.findByThread({ platform: 'discord', workspace: GUILD, channel: CHANNEL, thread });
    expect(review?.anchor).toBe(card.id);
    await eventually(() => h.adapter.client.channels.cache.has(thread), 'the thread to be cached');
    const inThread: InteractionInit = { guildId: GUILD, channelId: thread, channelType: 11 };
    // "None of these": a button when there are five choices or fewer, an option of the select menu when there are more.
    const pickNone = (question: ReturnType<typeof latestIn>) => {
      const menu = componentsOf(question).find((c) => c.type === 3);
      const none = menu?.options?.find((o) => o.label === 'None of these');
      return menu && none ? fake.select(inThread, question, menu.custom_id, [none.value]) : fake.button(inThread, question, button(question, 'None of these').custom_id);
    };
    const posted = () => [...fake.messages.values()].filter((m) => m.channel_id === thread).length;
    // The thread opens with how to add components.
    await eventually(() => posted() > 0, 'the how-to in the thread');
    expect(latestIn(fake, thread).content).toContain('Add components in this thread');

    // A pasted list from Alice; Bob answers; Bob changes a component. The card follows each.
    let count = posted();
    fake.dispatch('MESSAGE_CREATE', threadMessage(thread, ALICE, ['- image pipeline: resize uploads, 2 s, 3k/day', '- checkout api: REST API, 200 rps 24/7, 80 ms', '- stripe webhook: 5k/day, 300 ms', '- nightly report: every night, 45 minutes'].join('\n')));
    await eventually(() => posted() > count, 'the first question');
    expect(latestIn(fake, thread).content).toContain('image pipeline: Anything special?');
    expect(embedOf(card).description).toContain('4 components, 0 assessed, 4 in interview');

    count = posted();
    fake.dispatch('MESSAGE_CREATE', threadMessage(thread, BOB, 'none'));
    await eventually(() => posted() > count, 'the next question');
    count = posted();
    fake.dispatch('MESSAGE_CREATE', threadMessage(thread, BOB, 'image pipeline takes 20 min now'));
    await eventually(() => posted() > count, 'the change');
    expect(latestIn(fake, thread).content).toContain('Changed image pipeline: avoid');

    // A restart half way through the interviews; buttons carry on.
    await h.restart();
    for (let step = 0; step < 5 && latestIn(fake, thread).content.includes('Anything special?'); step++) {
      await fake.waitForCall(callbackOf(await pickNone(latestIn(fake, thread))));
    }
    expect(latestIn(fake, thread).content).toMatch(/Assessed /);

    // Bob adds a fifth component with the card's button and its modal; the answer goes into the thread.
    const bobInChannel = { ...inChannel, userId: BOB };
    const add = await fake.button(bobInChannel, card, button(card, 'Add component').custom_id);
    const modal = await fake.waitForCall(callbackOf(add));
    expect(modal.body.type).toBe(9);
    count = posted();
    await fake.modalSubmit(bobInChannel, card, modal.body.data.custom_id, { answer: 'edge redirects: cloudflare, 50 rps, 5 ms' });
    await eventually(() => posted() > count, 'the question about the new component');
    const question = latestIn(fake, thread);
    expect(question.content).toContain('edge redirects: Anything special?');
    await fake.waitForCall(callbackOf(await pickNone(question)));

    // The card's totals are the sums of its rows (each rounded to the cent on the card).
    await eventually(() => embedOf(card).description.includes('5 components, 5 assessed'), 'the card to show five assessed');
    const now = figures(embedOf(card));
    expect(now.rows.map((r) => r.name).sort()).toEqual(['checkout api', 'edge redirects', 'image pipeline', 'nightly report', 'stripe webhook']);
    const sum = (pick: (r: (typeof now.rows)[number]) => number) => now.rows.reduce((n, r) => n + pick(r), 0);
    expect(Math.abs(sum((r) => r.recommended) - now.recommended)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(sum((r) => r.containers) - now.containers)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(sum((r) => r.serverless) - now.serverless)).toBeLessThanOrEqual(0.05);
    expect(fake.calls.filter((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL}/messages/${card.id}`).length).toBeGreaterThan(3);

    // Alice closes it from the card; the trail has both of them.
    const close = await fake.button(inChannel, card, button(card, 'Close review').custom_id);
    await fake.waitForCall(callbackOf(close));
    await eventually(() => embedOf(card).title === 'Final design review: checkout platform', 'the final card');
    const trail = h.reviews.changes(GUILD, review?.id ?? '');
    expect(new Set(trail.map((c) => c.actor))).toEqual(new Set([ALICE, BOB]));
    expect(trail.filter((c) => c.actor === BOB).map((c) => c.kind)).toEqual(expect.arrayContaining(['answer', 'change', 'add']));
    expect(h.store.list(GUILD)).toHaveLength(0);
  }, 30_000);

  it('lists reviews privately', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    await fake.slashCommand(inChannel, 'review', { name: 'payments' });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const listed = await fake.slashCommand(inChannel, 'review', { name: 'list' });
    const reply = await fake.waitForCall((c) => callbackOf(listed)(c) && c.body?.type === 4);
    expect(reply.body.data.flags & 64).toBe(64);
    expect(reply.body.data.content).toMatch(/Design reviews \(1\)[\s\S]*payments/);
  });
});
