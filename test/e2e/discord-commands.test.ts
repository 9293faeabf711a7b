import { afterEach, describe, expect, it } from 'vitest';
import { serverlessFitCommand } from '../../commands/serverless-fit.js';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { eventually } from './fakes/chat-driver.js';
import { startDiscordHarness, type DiscordHarness } from './fakes/discord-harness.js';
import { answered } from './fakes/discord-messages.js';
import type { InteractionInit } from './fakes/discord-server.js';

// The command as a Discord user meets it, through the real discord.js client
// against the fake Discord: fixed values are choices in the registered JSON,
// time zones and this server's reviews are suggested while typed, and
// `review list` is a sub-command of its own (the old `review name:list` of an
// earlier registration still answers).

const GUILD = '800000000000000001';
const OTHER_GUILD = '800000000000000002';
const CHANNEL = '810000000000000001';
const OTHER_CHANNEL = '810000000000000002';
const here: InteractionInit = { guildId: GUILD, channelId: CHANNEL };
const elsewhere: InteractionInit = { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };

let h: DiscordHarness;
afterEach(async () => h?.close());

type OptionJson = { type: number; name: string; options?: OptionJson[]; choices?: { name: string; value: string }[]; autocomplete?: boolean };

async function start(): Promise<DiscordHarness> {
  h = await startDiscordHarness();
  h.fake.addGuild(GUILD, [{ id: CHANNEL, type: 0, name: 'general' }]);
  h.fake.addGuild(OTHER_GUILD, [{ id: OTHER_CHANNEL, type: 0, name: 'elsewhere' }]);
  await eventually(() => h.adapter.client.guilds.cache.has(OTHER_GUILD), 'both guilds cached');
  return h;
}

/** The text of the bot's answer to an interaction, whatever shape it took. */
async function answerText(interactionId: string): Promise<string> {
  await answered(h.fake, interactionId);
  return JSON.stringify(h.fake.originalOf(interactionId));
}

async function openReview(init: InteractionInit, name: string): Promise<void> {
  const id = await h.fake.groupCommand(init, 'review', 'open', { name });
  await answered(h.fake, id);
  await eventually(async () => (await h.reviews.list(init.guildId ?? '')).some((r) => r.name === name), `the review "${name}" saved`);
}

describe('the registered command', () => {
  it('offers fixed values as choices, time zones and reviews by autocomplete, and review list as its own sub-command', async () => {
    await start();
    await registerCommands({ token: h.fake.token, applicationId: h.fake.applicationId, guildId: GUILD, apiUrl: h.fake.apiUrl });
    const [command] = (await h.fake.waitForCall((c) => c.method === 'PUT')).body as [{ options: OptionJson[] }];
    const sub = (name: string) => command.options.find((o) => o.name === name);
    const option = (path: string[]) => path.slice(1).reduce<OptionJson | undefined>((at, name) => at?.options?.find((o) => o.name === name), sub(path[0] ?? ''));

    const table: [string[], { choices?: string[]; autocomplete?: boolean }][] = [
      [['digest', 'action'], { choices: ['subscribe', 'unsubscribe', 'preview', 'status'] }],
      [['digest', 'weekday'], { choices: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] }],
      [['digest', 'quiet'], { choices: ['one-line', 'skip-quiet'] }],
      [['digest', 'timezone'], { autocomplete: true }],
      [['review', 'open', 'name'], { autocomplete: true }],
    ];
    for (const [path, expected] of table) {
      const found = option(path);
      expect(found, path.join(' ')).toBeDefined();
      expect(found?.choices?.map((c) => c.value), path.join(' ')).toEqual(expected.choices);
      expect(found?.autocomplete, path.join(' ')).toBe(expected.autocomplete);
    }
    expect(sub('review')).toMatchObject({ type: 2, options: [{ type: 1, name: 'open' }, { type: 1, name: 'list', options: [] }] });
    expect(serverlessFitCommand.subCommands.filter((s) => s.name !== 'review').map((s) => sub(s.name)?.type)).toEqual(
      serverlessFitCommand.subCommands.filter((s) => s.name !== 'review').map(() => 1),
    );
  });
});

describe('autocomplete', () => {
  const zones: [string, (names: string[]) => void][] = [
    ['berlin', (names) => expect(names[0]).toBe('Europe/Berlin')],
    ['new york', (names) => expect(names).toEqual(['America/New_York'])],
    ['america/new', (names) => expect(names[0]).toBe('America/New_York')],
    ['UTC', (names) => expect(names[0]).toBe('UTC')],
    ['europe', (names) => expect(names).toHaveLength(25)],
    ['', (names) => expect(names).toHaveLength(25)],
    ['atlantis', (names) => expect(names).toEqual([])],
  ];
  it.each(zones)('time zones for "%s"', async (typed, check) => {
    await start();
    const id = await h.fake.autocomplete(here, ['digest'], { action: 'subscribe', timezone: typed }, 'timezone');
    const suggestions = await h.fake.suggestionsFor(id);
    const words = typed.toLowerCase().split(/[\s/]+/).filter(Boolean);
    for (const s of suggestions) {
      expect(s.value).toBe(s.name);
      expect(words.every((w) => s.name.toLowerCase().replace(/_/g, ' ').includes(w))).toBe(true);
    }
    check(suggestions.map((s) => s.name));
  });

  it("suggests this server's reviews by name, never another server's, and picking one reopens it", async () => {
    await start();
    await openReview(here, 'checkout platform');
    await openReview(here, 'payments backend');
    await openReview(elsewhere, 'checkout rewrite');

    const typed: [string, string[]][] = [
      ['', ['payments backend', 'checkout platform']],
      ['check', ['checkout platform']],
      ['BACKEND', ['payments backend']],
      ['rewrite', []],
    ];
    for (const [text, names] of typed) {
      const id = await h.fake.autocomplete(here, ['review', 'open'], { name: text }, 'name');
      const suggestions = await h.fake.suggestionsFor(id);
      expect(suggestions.map((s) => s.name.replace(/ \(.*\)$/, '')), `typed "${text}"`).toEqual(names);
      for (const s of suggestions) expect((await h.reviews.get(GUILD, s.value))?.name).toBe(s.name.replace(/ \(.*\)$/, ''));
    }

    const other = await h.fake.autocomplete(elsewhere, ['review', 'open'], { name: 'check' }, 'name');
    expect((await h.fake.suggestionsFor(other)).map((s) => s.name)).toEqual(['checkout rewrite (open, 0 components)']);

    // The suggestion's value is the review's id: sent as the name, it reopens that review instead of opening a new one.
    const [checkout] = (await h.reviews.list(GUILD)).filter((r) => r.name === 'checkout platform');
    const reopen = await h.fake.groupCommand(here, 'review', 'open', { name: checkout?.id ?? '' });
    expect(await answerText(reopen)).toContain('checkout platform');
    expect(await h.reviews.list(GUILD)).toHaveLength(2);
  });
});

describe('review list', () => {
  it('is a sub-command of its own; an older registration (review name:list) gets the same list', async () => {
    await start();
    await openReview(here, 'checkout platform');
    await openReview(elsewhere, 'search indexer');

    const listed = await answerText(await h.fake.groupCommand(here, 'review', 'list'));
    expect(listed).toContain('checkout platform');
    expect(listed).not.toContain('search indexer');

    const old = await answerText(await h.fake.slashCommand(here, 'review', { name: 'list' }));
    expect(old).toContain('checkout platform');
    expect(old).not.toContain('search indexer');

    // The old form still opens a review by name, too.
    await h.fake.slashCommand(here, 'review', { name: 'ledger service' });
    await eventually(async () => (await h.reviews.list(GUILD)).some((r) => r.name === 'ledger service'), 'the review opened the old way');
  });
});
