import { afterEach, describe, expect, it } from 'vitest';
import type { CostChart } from '../../src/core/cost/cost-types.js';
import { renderCostChart } from '../../src/render/chart-png.js';
import { VERDICT_COLOURS } from '../../src/adapters/discord/render-card.js';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { button, callbackOf, gatewayMessage, latestIn, pressOnToResult, select, tokenOf } from './fakes/discord-messages.js';
import type { InteractionInit } from './fakes/discord-server.js';

// Whole conversations through the real discord.js client and the real advisor,
// against the fake Discord; assertions on recorded REST calls and SQLite rows.

const GUILD = '800000000000000001';
const CHANNEL = '810000000000000001';
const DM = '820000000000000001';
const USER = '700000000000000001';
const inChannel: InteractionInit = { guildId: GUILD, channelId: CHANNEL };
const inDm: InteractionInit = { guildId: null, channelId: DM };
/** View channel, send messages, embed links: no thread permissions. */
const NO_THREADS = ((1n << 10n) | (1n << 11n) | (1n << 14n)).toString();

let h: DiscordHarness;
afterEach(async () => h?.close());

describe('in a guild channel the interview moves to a thread', () => {
  it('walks slash command -> buttons -> select -> modal -> result embed -> what-if', async () => {
    h = await startDiscordHarness();
    const { fake, store } = h;

    // 1. The slash command: deferred, answered with the first question, thread started from that reply.
    const slash = await fake.slashCommand(inChannel, 'assess', { description: 'resize images on upload' });
    const threadCall = await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const first = latestIn(fake, CHANNEL);
    expect(fake.calls.find(callbackOf(slash))?.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(threadCall.path).toBe(`/channels/${CHANNEL}/messages/${first.id}/threads`);
    expect(threadCall.body.name).toBe('serverless-fit: resize images on upload');
    expect(first.content).toContain('How much traffic');
    const thread = first.id;
    const conversation = await store.findByThread({ platform: 'discord', workspace: GUILD, channel: CHANNEL, thread });
    expect(conversation).toMatchObject({ status: 'interviewing', pending: 'traffic', key: { user: USER } });

    // 2. A button on the first message (in the channel): acknowledged in place, next question in the thread.
    const click = await fake.button(inChannel, first, button(first, '~1,000 a day').custom_id);
    const duration = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${thread}/messages`);
    expect(fake.calls.find(callbackOf(click))?.body).toEqual({ type: 6 });
    expect(duration.authorization).toBe(`Bot ${fake.token}`);
    expect(duration.body.content).toContain('How long does one run take');

    // 3. Six duration choices come as a select menu; chosen inside the thread, answered in place.
    const inThread: InteractionInit = { guildId: GUILD, channelId: thread, channelType: 11 };
    const durationMessage = latestIn(fake, thread);
    const menu = select(durationMessage);
    expect(menu.options?.map((o) => o.label)).toEqual(['~100 ms', '~1 s', '~30 s', '~5 min', '~30 min', 'Hours']);
    const picked = await fake.select(inThread, durationMessage, menu.custom_id, [menu.options?.[1]?.value ?? '']);
    const constraints = await fake.waitForCall(callbackOf(picked));
    expect(constraints.body.type).toBe(4);
    expect(constraints.body.data.content).toMatch(/constraint|state|latency/i);

    // 4. "Type an answer" opens a modal; its submission is a free-text answer.
    const constraintsMessage = latestIn(fake, thread);
    const typeClick = await fake.button(inThread, constraintsMessage, button(constraintsMessage, 'Type an answer').custom_id);
    const modal = await fake.waitForCall(callbackOf(typeClick));
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.components).toHaveLength(1);
    const submitted = await fake.modalSubmit(inThread, constraintsMessage, modal.body.data.custom_id, { answer: 'none' });
    const result = await fake.waitForCall(callbackOf(submitted));

    // 5. The result: one embed in the verdict's colour with the cost table, reasons and pricing date.
    expect(result.body.type).toBe(4);
    const embed = result.body.data.embeds[0];
    expect(Object.values(VERDICT_COLOURS)).toContain(embed.color);
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Monthly cost', 'Why']));
    // The assumptions and the arithmetic are one "Show the math" away, as on every platform.
    expect(embed.fields.map((f: { name: string }) => f.name)).not.toContain('Assumptions');
    expect(embed.footer.text).toMatch(/Show the math\.\nPrices as of \d{4}-\d{2}-\d{2}/);
    const saved = await store.get(GUILD, conversation?.id ?? '');
    expect(saved).toMatchObject({ status: 'complete', pending: null });
    expect(await store.assessments(GUILD)).toHaveLength(1);
    expect((await store.turns(GUILD, saved?.id ?? '')).filter((t) => t.role === 'user').map((t) => t.text)).toContain('none');

    // 6. A what-if button on the result: a fresh card saying what changed, recorded as a reassessment.
    const resultMessage = latestIn(fake, thread);
    const whatIf = await fake.button(inThread, resultMessage, button(resultMessage, 'Traffic x10').custom_id);
    const second = await fake.waitForCall(callbackOf(whatIf));
    expect(second.body.data.embeds[0].description).toContain('What changed');
    expect((await store.assessments(GUILD)).map((a) => a.reassessment)).toEqual(expect.arrayContaining([false, true]));
  }, 20_000);

  it('without thread permission the interview goes on by replies in the channel', async () => {
    h = await startDiscordHarness();
    const { fake, store } = h;
    const noThreads = { ...inChannel, appPermissions: NO_THREADS };
    const slash = await fake.slashCommand(noThreads, 'assess', { description: 'resize images on upload' });
    const reply = await fake.waitForCall(callbackOf(slash));
    expect(reply.body.type).toBe(4);
    expect(fake.calls.some((c) => c.path.endsWith('/threads'))).toBe(false);
    const conversation = await store.findByThread({ platform: 'discord', workspace: GUILD, channel: CHANNEL, thread: CHANNEL });
    expect(conversation?.pending).toBe('traffic');

    const first = latestIn(fake, CHANNEL);
    const click = await fake.button(noThreads, first, button(first, '~1,000 a day').custom_id);
    const next = await fake.waitForCall(callbackOf(click));
    expect(next.body.type).toBe(4);
    expect(next.body.data.content).toContain('How long does one run take');
  });

  it('falls back to the channel when Discord refuses the thread', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    fake.failNext((c) => c.path.endsWith('/threads'), { status: 403, code: 50001, message: 'Missing Access' });
    await fake.slashCommand(inChannel, 'assess', { description: 'resize images on upload' });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const first = latestIn(fake, CHANNEL);
    const click = await fake.button(inChannel, first, button(first, '~1,000 a day').custom_id);
    // The thread does not exist, so posting there fails and the answer comes as a follow-up.
    const followUp = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${fake.applicationId}/${tokenOf(click)}` && c.status === 200);
    expect(followUp.body.content).toContain('How long does one run take');
    expect(h.logger.entries.map((e) => e.message)).toEqual(
      expect.arrayContaining(['discord: could not start a thread; continuing in the channel', 'discord: cannot post in the conversation thread; answering in the channel']),
    );
  });
});

describe('in a DM', () => {
  it('replies directly, keys the conversation by the DM channel and shares nothing with guilds', async () => {
    h = await startDiscordHarness();
    const { fake, store } = h;
    const slash = await fake.slashCommand(inDm, 'assess', { description: 'resize images on upload' });
    const reply = await fake.waitForCall(callbackOf(slash));
    expect(reply.body.type).toBe(4);
    const conversation = await store.findByThread({ platform: 'discord', workspace: '@me:700000000000000001', channel: DM, thread: DM });
    expect(conversation?.pending).toBe('traffic');
    expect(await store.list(GUILD)).toHaveLength(0);

    const first = latestIn(fake, DM);
    const click = await fake.button(inDm, first, button(first, '~10k an hour').custom_id);
    expect((await fake.waitForCall(callbackOf(click))).body.data.content).toContain('How long does one run take');
    expect((await store.get('@me:700000000000000001', conversation?.id ?? ''))?.pending).toBe('duration');
  });

  it('reads plain messages as answers when the Message Content intent is on, and ignores bots', async () => {
    h = await startDiscordHarness({ messageContent: true });
    const { fake, store } = h;
    expect(fake.gateway.identifies[0].intents & (1 << 15)).toBe(1 << 15);
    await fake.waitForCall(callbackOf(await fake.slashCommand(inDm, 'assess', { description: 'resize images on upload' })));
    const author = { id: USER, username: 'ada', global_name: 'Ada' };
    const message = (id: string, content: string, bot = false) =>
      gatewayMessage({ id, channelId: DM, author: bot ? { ...author, id: '900000000000000099', bot: true } : author, content });
    fake.dispatch('MESSAGE_CREATE', message('1400000000000000001', '3000 a day', true));
    fake.dispatch('MESSAGE_CREATE', message('1400000000000000002', '3000 a day'));
    const answer = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${DM}/messages`);
    expect(answer.body.content).toContain('How long does one run take');
    const conversation = await store.findByThread({ platform: 'discord', workspace: '@me:700000000000000001', channel: DM, thread: DM });
    expect(conversation?.pending).toBe('duration');
    expect((await store.turns('@me:700000000000000001', conversation?.id ?? '')).filter((t) => t.role === 'user').map((t) => t.text)).toEqual(['resize images on upload', '3000 a day']);
  });
});

describe('the result card', () => {
  const fullDescription = 'resize images on upload, about 2 s each, 3000 a day, no special constraints';

  it('answers with the card at once; the chart follows in a message of its own when drawn', async () => {
    // The chart is held until the card is seen: a slow chart cannot delay the answer.
    let draw: (png: Buffer) => void = () => undefined;
    const drawn = new Promise<Buffer>((resolve) => (draw = resolve));
    let ask: (chart: CostChart) => void = () => undefined;
    const asked = new Promise<CostChart>((resolve) => (ask = resolve));
    h = await startDiscordHarness({ renderChart: (chart) => (ask(chart), drawn) });
    const { fake } = h;
    const { interactionId, call } = await pressOnToResult(fake, inDm, await fake.slashCommand(inDm, 'assess', { description: fullDescription }));
    expect(call).toEqual(expect.objectContaining({ method: 'POST', path: `/interactions/${interactionId}/${tokenOf(interactionId)}/callback`, files: [] }));
    expect(call.body.type).toBe(4);
    expect(JSON.stringify(call.body.data.embeds)).toContain('Monthly cost');
    expect(call.body.data.embeds[0].image).toBeUndefined();
    expect(fake.calls.some((c) => c.files.length > 0)).toBe(false);

    const png = await renderCostChart(await asked);
    draw(png);
    const chart = await fake.waitForCall((c) => c.files.length > 0);
    expect(fake.calls.indexOf(chart)).toBeGreaterThan(fake.calls.indexOf(call));
    expect([chart.method, chart.path]).toEqual(['POST', `/webhooks/${fake.applicationId}/${tokenOf(interactionId)}`]);
    expect(chart.files).toEqual([{ field: 'files[0]', name: 'chart.png', size: png.length, type: 'image/png', bytes: png }]);
    expect(chart.body.embeds[0]).toEqual(expect.objectContaining({ title: 'Monthly cost as traffic grows', image: { url: 'attachment://chart.png' } }));
  });

  it('keeps the card when drawing the chart fails, and the operator is told', async () => {
    h = await startDiscordHarness({ renderChart: async () => Promise.reject(new Error('resvg exploded')) });
    const { fake } = h;
    const { call } = await pressOnToResult(fake, inDm, await fake.slashCommand(inDm, 'assess', { description: fullDescription }));
    expect(JSON.stringify(call.body.data.embeds)).toContain('Monthly cost');
    await eventually(() => h.logger.entries.some((e) => e.level === 'warn' && e.message.includes('chart rendering failed')), 'the chart warning');
    expect(fake.calls.filter((c) => c.files.length > 0)).toEqual([]);
    // Nothing tells the person something failed: the answer is all there.
    expect(fake.calls.filter((c) => JSON.stringify(c.body ?? '').includes('went wrong'))).toEqual([]);
  });

  it('"Share to channel" in a thread posts the card in the parent channel', async () => {
    h = await startDiscordHarness();
    const { fake } = h;
    await fake.slashCommand(inChannel, 'assess', { description: fullDescription });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const first = latestIn(fake, CHANNEL);
    const thread = first.id;
    if (first.embeds.length === 0) {
      await fake.button(inChannel, first, button(first, 'None of these').custom_id);
      await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${thread}/messages`);
    }
    const card = first.embeds.length > 0 ? first : latestIn(fake, thread);
    expect(card.embeds).toHaveLength(1);
    const click = await fake.button({ guildId: GUILD, channelId: thread, channelType: 11 }, card, button(card, 'Share to channel').custom_id);
    const shared = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`);
    expect(fake.calls.find(callbackOf(click))?.body).toEqual({ type: 6 });
    expect(shared.body.embeds).toHaveLength(1);
  });
});

describe('with the Message Content intent in a guild', () => {
  it('plain replies in the thread are answers; chatter in the channel is left alone', async () => {
    h = await startDiscordHarness({ messageContent: true });
    const { fake, store } = h;
    fake.addGuild(GUILD, [{ id: CHANNEL, type: 0, name: 'general' }]);
    await eventually(() => h.adapter.client.guilds.cache.has(GUILD), 'the guild to be cached');
    await fake.slashCommand(inChannel, 'assess', { description: 'resize images on upload' });
    await fake.waitForCall((c) => c.path.endsWith('/threads'));
    const thread = latestIn(fake, CHANNEL).id;
    await eventually(() => h.adapter.client.channels.cache.has(thread), 'the thread to be cached');

    const author = { id: USER, username: 'ada', global_name: 'Ada' };
    const message = (id: string, channelId: string, content: string) => gatewayMessage({ id, channelId, guildId: GUILD, author, content });
    fake.dispatch('MESSAGE_CREATE', message('1400000000000000001', CHANNEL, '3000 a day'));
    fake.dispatch('MESSAGE_CREATE', message('1400000000000000002', thread, '10k an hour'));
    const answer = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${thread}/messages`);
    expect(answer.body.content).toContain('How long does one run take');
    expect(fake.calls.some((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`)).toBe(false);
    const conversation = await store.findByThread({ platform: 'discord', workspace: GUILD, channel: CHANNEL, thread });
    expect((await store.turns(GUILD, conversation?.id ?? '')).filter((t) => t.role === 'user').map((t) => t.text)).toEqual(['resize images on upload', '10k an hour']);
  });
});

async function eventually(condition: () => boolean, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
