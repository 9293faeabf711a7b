import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.js';
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
import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { repricedCatalog, REPRICED_VERSION } from '../helpers/repriced-catalog.js';
import { loadCatalog, SECRET, TEAM } from './fakes/slack-harness.js';
import { messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';

// Weekly digests on Slack: the real Bolt app with digests switched on, the
// sub-commands answered privately (response_url), and the scheduler posting
// into the channel with chat.postMessage on the fake Slack.

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

interface Bot {
  fake: FakeSlackWebApi;
  adapter: SlackAdapter;
  db: Database;
  logger: ReturnType<typeof createMemoryLogger>;
  now: { value: Date };
  /** Sends the slash command; resolves with the private answer (response_url) unless `answered` is false. */
  command(text: string, channel?: string, answered?: boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

let bot: Bot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

async function startBot(): Promise<Bot> {
  const fake = await startFakeSlackWebApi();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-digest-'));
  const db = openDatabase(path.join(dir, 'bot.db'));
  const store = createSqliteConversationStore(db);
  const logger = createMemoryLogger();
  const now = { value: new Date() };
  const clock = { now: () => now.value };
  const catalog = loadCatalog();
  const digests = createDigestService({
    store: createSqliteDigestStore(db),
    catalog,
    clock,
    newId: () => crypto.randomUUID(),
    nextRun: nextSlot,
    threadLink: threadLinksOf(builtInPlatforms),
  });
  const adapter = createSlackAdapter({
    advisor: createAdvisor({ store, catalog, clock: { now: () => new Date() }, newId: () => crypto.randomUUID() }),
    store,
    ledger: createSqliteDeliveryLedger(db),
    logger,
    digests,
    renderDigestChart: async () => PNG,
    retry: { attempts: 1, maxWaitMs: 10 },
    config: { botToken: 'xoxb-test', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl },
  });
  await adapter.start();
  const url = `http://127.0.0.1:${adapter.port()}/slack/events`;
  return {
    fake,
    adapter,
    db,
    logger,
    now,
    async command(text, channel = 'C100', answered = true) {
      const id = crypto.randomUUID();
      const before = fake.responses.length;
      const body = slashCommandBody({ text, team: TEAM, channel, user: 'U100', responseUrl: fake.responseUrl(id) });
      const response = await postToSlackApp(url, body, 'application/x-www-form-urlencoded', { secret: SECRET });
      expect(response.status).toBe(200);
      if (!answered) return {};
      const answer = await fake.waitFor(() => fake.responses.slice(before).find((r) => r.path.endsWith(id)));
      return answer.body;
    },
    async close() {
      await adapter.stop();
      db.close();
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The scheduler as serve wires it, pricing with `catalog` (the shipped one unless a newer one is given). */
function scheduler(b: Bot, catalog: PricingCatalog = loadCatalog()) {
  const repricing = { catalog, decisions: (workspace: string) => createSqliteConversationStore(b.db).decisions({ workspace }) };
  return createDigestScheduler({
    store: createSqliteDigestStore(b.db),
    digests: createDigestService({ store: createSqliteDigestStore(b.db), catalog, clock: { now: () => b.now.value }, newId: () => 'x', threadLink: threadLinksOf(builtInPlatforms), repricing }),
    deliver: createDigestDelivery([{ name: 'slack', postDigest: b.adapter.postDigest }]),
    clock: { now: () => b.now.value },
    logger: b.logger,
  });
}

/** One real assessment through Bolt, so the digest has a thread to link to. */
async function assess(b: Bot): Promise<string> {
  await b.command('resize images on upload, 3000 a day, 1 s each', 'C100', false);
  const root = await b.fake.waitFor(() => b.fake.messages.find((m) => m.channel === 'C100' && !m.threadTs));
  await b.fake.waitFor(() => b.fake.messages.some((m) => m.threadTs === root.ts));
  const body = messageEventBody({ team: TEAM, channel: 'C100', user: 'U100', text: 'none', ts: '1800000000.000001', threadTs: root.ts, eventId: 'Ev1' });
  await postToSlackApp(`http://127.0.0.1:${b.adapter.port()}/slack/events`, body, 'application/json', { secret: SECRET });
  await b.fake.waitFor(() => b.fake.messages.some((m) => m.threadTs === root.ts && JSON.stringify(m.blocks).includes('Monthly cost')));
  return root.ts;
}

// Subscribe, status, preview, unsubscribe and the refusals are shared by every
// platform: test/e2e/scenarios/digest-scenarios.ts.
describe('/serverless-fit digest on Slack', () => {
  it('a subscription without a time zone takes the asker\'s (users.info), else UTC', async () => {
    const b = (bot = await startBot());
    // The fake Slack has no users.info: the bot falls back to UTC and tells the operator.
    const answer = await b.command('digest subscribe');
    expect(answer.text).toContain('Mondays at 09:00 (UTC)');
    expect(b.fake.callsTo('users.info')).toHaveLength(1);
    expect(b.logger.entries).toContainEqual(expect.objectContaining({ message: 'slack: could not read the subscriber time zone; using UTC' }));
  });
});

describe('the weekly digest on Slack', () => {
  it('is posted into the subscribed channel with chat.postMessage, linking each thread', async () => {
    const b = (bot = await startBot());
    const thread = await assess(b);
    b.now.value = new Date();
    await b.command('digest subscribe');
    // A week later, at the subscription's time (Monday 09:00 UTC).
    b.now.value = nextSlot({ weekday: 'monday', time: '09:00', timezone: 'UTC' }, new Date())!;
    const outcomes = await scheduler(b).tick();
    expect(outcomes).toEqual([expect.objectContaining({ status: 'sent', late: false })]);

    const posts = b.fake.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('Weekly cost digest'));
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe('C100');
    expect(posts[0]?.args.thread_ts).toBeUndefined();
    const digest = b.fake.messages.at(-1)!;
    const blocks = JSON.stringify(digest.blocks);
    expect(blocks).toContain('1 assessment of 1 workload: fit 1');
    expect(blocks).toContain(`https://slack.com/app_redirect?team=${TEAM}&channel=C100&message_ts=${thread}`);
    // Decided at the prices in use: nothing to re-price.
    expect(blocks).not.toContain("today's prices");
    // The chart goes into the digest's own thread, so the channel shows one message.
    const upload = await b.fake.waitFor(() => b.fake.callsTo('files.completeUploadExternal').find((c) => c.args.thread_ts === digest.ts));
    expect(upload.args.channel_id).toBe('C100');
  });

  it('after a new price list, says how many past decisions would change, linking each thread', async () => {
    const b = (bot = await startBot());
    const thread = await assess(b);
    await b.command('digest subscribe');
    b.now.value = nextSlot({ weekday: 'monday', time: '09:00', timezone: 'UTC' }, new Date())!;
    expect(await scheduler(b, repricedCatalog()).tick()).toEqual([expect.objectContaining({ status: 'sent' })]);
    const blocks = JSON.stringify(b.fake.messages.at(-1)!.blocks);
    expect(blocks).toContain(`At today's prices, 1 past decision would change (catalog ${REPRICED_VERSION}):`);
    // Lambda 20x dearer: the image resizer stays on Lambda at 20 times the price (Slack escapes the arrow's ">").
    const link = `https://slack.com/app_redirect?team=${TEAM}&channel=C100&message_ts=${thread}`;
    const line = /<([^|>]+)\|\$([\d.,]+)\/month -&gt; \$([\d.,]+)\/month · resize images on upload/.exec(blocks);
    expect(line?.[1]).toBe(link);
    expect(Number(line?.[3]) / Number(line?.[2])).toBeCloseTo(20, 1);
  });

  it('a channel the bot is not in is a failed run, logged, with no crash', async () => {
    const b = (bot = await startBot());
    b.now.value = new Date('2026-11-22T00:00:00Z');
    await b.command('digest subscribe monday 09:00 UTC', 'C404');
    b.fake.notInChannel.add('C404');
    b.now.value = new Date('2026-11-23T09:00:00Z');
    expect(await scheduler(b).tick()).toEqual([{ subscriptionId: expect.any(String), week: '2026-W48', status: 'failed', late: false }]);
    expect(b.logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'digest could not be posted' }));
    // The channel hears why on its next status check.
    expect((await b.command('digest status', 'C404')).text).toContain("Last run: 2026-W48, failed at 2026-11-23 09:00 UTC: not_in_channel: I'm not a member of <#C404>");
  });
});
