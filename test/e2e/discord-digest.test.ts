import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/app.js';
import { createAdvisor } from '../../src/core/advisor.js';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { threadLinksOf } from '../../src/core/digest/thread-link.js';
import { createDigestService } from '../../src/core/digest/digest-service.js';
import { createMemoryLogger } from '../../src/logger.js';
import { createDigestDelivery } from '../../src/scheduler/digest-delivery.js';
import { createDigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { nextSlot } from '../../src/scheduler/digest-slots.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { assessmentFixture } from '../contract/conversation-store.contract.js';
import { loadTestCatalog } from './fakes/discord-harness.js';
import { callbackOf } from './fakes/discord-messages.js';
import { startFakeDiscord, type FakeDiscord, type InteractionInit } from './fakes/discord-server.js';

// Weekly digests on Discord: the real discord.js client with digests switched
// on, the sub-command answered ephemerally, and the scheduler posting the
// digest as a channel message over REST, against the fake Discord.

const GUILD = '800000000000000001';
const CHANNEL = '810000000000000001';
const THREAD = '830000000000000001';
const inChannel: InteractionInit = { guildId: GUILD, channelId: CHANNEL };
const EPHEMERAL = 1 << 6;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

interface Bot {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  db: Database;
  logger: ReturnType<typeof createMemoryLogger>;
  now: { value: Date };
  /** Runs `/serverless-fit digest` with these options; resolves with the interaction's callback body. */
  digest(options: Record<string, string>, init?: InteractionInit): Promise<{ type: number; data: { content: string; flags: number; embeds?: { title?: string }[] } }>;
  close(): Promise<void>;
}

let bot: Bot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

async function startBot(): Promise<Bot> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-discord-digest-'));
  const db = openDatabase(join(dir, 'bot.sqlite'));
  const store = createSqliteConversationStore(db);
  const logger = createMemoryLogger();
  const now = { value: new Date('2026-11-26T10:00:00Z') };
  const catalog = loadTestCatalog();
  const fake = await startFakeDiscord();
  const adapter = createDiscordAdapter({
    advisor: createAdvisor({ store, catalog, clock: { now: () => new Date() }, newId: randomUUID }),
    store,
    ledger: createSqliteDeliveryLedger(db),
    logger,
    digests: createDigestService({ store: createSqliteDigestStore(db), catalog, clock: { now: () => now.value }, newId: randomUUID, nextRun: nextSlot, threadLink: threadLinksOf(builtInPlatforms) }),
    renderDigestChart: async () => PNG,
    config: { token: fake.token, applicationId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl, messageContent: false },
  });
  await adapter.start();
  return {
    fake,
    adapter,
    db,
    logger,
    now,
    async digest(options, init = inChannel) {
      const id = await fake.slashCommand(init, 'digest', options);
      return (await fake.waitForCall(callbackOf(id))).body;
    },
    async close() {
      await adapter.stop();
      await fake.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Subscribe, status, preview, unsubscribe and the refusals are shared by every
// platform: test/e2e/scenarios/digest-scenarios.ts.
describe('/serverless-fit digest on Discord', () => {
  it.each([
    [{ action: 'subscribe' }, 'Mondays at 09:00 (UTC)'], // Discord gives no time zone
    [{ action: 'subscribe', timezone: 'Atlantis/Central' }, '⚠️ I do not know the time zone "Atlantis/Central"'], // a warning is marked as one
  ])('%j -> "%s", ephemerally', async (options, text) => {
    const b = (bot = await startBot());
    const answer = await b.digest(options);
    expect(answer.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer.data.content).toContain(text);
  });

  it('in a DM it explains that digests belong to a server channel', async () => {
    const b = (bot = await startBot());
    const answer = await b.digest({ action: 'subscribe' }, { guildId: null, channelId: '820000000000000001' });
    expect(answer.data.content).toContain('Digests are posted in a server channel');
  });
});

describe('the weekly digest on Discord', () => {
  it('is posted as a channel message with the bot token, linking each thread', async () => {
    const b = (bot = await startBot());
    b.now.value = new Date('2026-11-20T00:00:00Z');
    await b.digest({ action: 'subscribe', weekday: 'monday', time: '09:00', timezone: 'UTC' });
    await createSqliteConversationStore(b.db).recordAssessment(
      assessmentFixture({ id: 'a', workspace: GUILD, platform: 'discord', channel: CHANNEL, thread: THREAD, at: '2026-11-21T10:00:00.000Z', description: 'nightly export', recommendedMonthlyUsd: 42 }),
    );
    b.now.value = new Date('2026-11-23T09:00:00Z');
    const scheduler = createDigestScheduler({
      store: createSqliteDigestStore(b.db),
      digests: createDigestService({ store: createSqliteDigestStore(b.db), catalog: loadTestCatalog(), clock: { now: () => b.now.value }, newId: randomUUID, threadLink: threadLinksOf(builtInPlatforms) }),
      deliver: createDigestDelivery([{ name: 'discord', postDigest: b.adapter.postDigest }]),
      clock: { now: () => b.now.value },
      logger: b.logger,
    });
    expect(await scheduler.tick()).toEqual([expect.objectContaining({ week: '2026-W48', status: 'sent' })]);

    const post = await b.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`);
    expect(post.authorization).toBe(`Bot ${b.fake.token}`);
    const embed = post.body.embeds[0];
    expect(embed.title).toBe('Weekly cost digest: 16 Nov - 23 Nov 2026');
    expect(embed.image).toEqual({ url: 'attachment://digest-chart.png' });
    expect(post.files).toEqual([expect.objectContaining({ name: 'digest-chart.png', type: 'image/png' })]);
    expect(JSON.stringify(embed.fields)).toContain(`[1. $42.00/month · aws-lambda-arm (fit) · nightly export](https://discord.com/channels/${GUILD}/${THREAD})`);
  });

  it('a channel the bot may not post in is a failed run, logged, with no crash', async () => {
    const b = (bot = await startBot());
    b.now.value = new Date('2026-11-20T00:00:00Z');
    await b.digest({ action: 'subscribe', weekday: 'monday', time: '09:00', timezone: 'UTC' });
    b.fake.failNext((c) => c.path === `/channels/${CHANNEL}/messages`, { status: 403, code: 50001, message: 'Missing Access' });
    b.now.value = new Date('2026-11-23T09:00:00Z');
    const scheduler = createDigestScheduler({
      store: createSqliteDigestStore(b.db),
      digests: createDigestService({ store: createSqliteDigestStore(b.db), catalog: loadTestCatalog(), clock: { now: () => b.now.value }, newId: randomUUID, threadLink: threadLinksOf(builtInPlatforms) }),
      deliver: createDigestDelivery([{ name: 'discord', postDigest: b.adapter.postDigest }]),
      clock: { now: () => b.now.value },
      logger: b.logger,
    });
    expect(await scheduler.tick()).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await createSqliteDigestStore(b.db).allSubscriptions()).toHaveLength(1);
    expect(b.logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'digest could not be posted', fields: expect.objectContaining({ reason: expect.stringContaining('missing access') }) }));
  });
});
