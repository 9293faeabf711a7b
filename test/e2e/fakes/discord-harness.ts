import { createSqliteWorkspaceSettings } from '../../../src/store/sqlite-workspace-settings.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/app.js';
import type { RenderChart } from '../../../src/adapters/discord/deliver.js';
import { createAdvisor } from '../../../src/core/advisor.js';
import { parseCatalog } from '../../../src/core/pricing/catalog-schema.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { openDatabase, type Database } from '../../../src/store/open-database.js';
import { createSqliteConversationStore, type SqliteConversationStore } from '../../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../../src/store/sqlite-delivery-ledger.js';
import { createSqliteReviewStore } from '../../../src/store/sqlite-review-store.js';
import type { ReviewStore } from '../../../src/core/ports.js';
import { startFakeDiscord, type FakeDiscord } from './discord-server.js';

// The whole bot as main.ts would build it (real advisor, SQLite on a temp
// file, real discord.js client) pointed at the fake Discord.

export interface DiscordHarness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  store: SqliteConversationStore;
  reviews: ReviewStore;
  db: Database;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Stops the bot and starts a fresh one on the same database file, as a restarted process would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function loadTestCatalog() {
  const parsed = parseCatalog(JSON.parse(readFileSync(new URL('../../../data/pricing/catalog.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`catalog: ${parsed.error}`);
  return parsed.catalog;
}

export async function startDiscordHarness(options: { messageContent?: boolean; renderChart?: RenderChart } = {}): Promise<DiscordHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-discord-'));
  const file = join(dir, 'test.sqlite');
  const logger = createMemoryLogger();
  const fake = await startFakeDiscord();
  const boot = async () => {
    const db = openDatabase(file);
    const store = createSqliteConversationStore(db);
    const reviews = createSqliteReviewStore(db);
    const ledger = createSqliteDeliveryLedger(db);
    const settings = createSqliteWorkspaceSettings(db);
    const advisor = createAdvisor({ store, catalog: loadTestCatalog(), clock: { now: () => new Date() }, newId: randomUUID, reviews, settings });
    const adapter = createDiscordAdapter({
      advisor,
      store,
      ledger,
      logger,
      reviews,
      ...(options.renderChart ? { renderChart: options.renderChart } : {}),
      config: { token: fake.token, applicationId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl, messageContent: options.messageContent ?? false },
    });
    await adapter.start();
    return { db, store, reviews, adapter };
  };
  let parts = await boot();
  return {
    fake,
    logger,
    get adapter() {
      return parts.adapter;
    },
    get store() {
      return parts.store;
    },
    get reviews() {
      return parts.reviews;
    },
    get db() {
      return parts.db;
    },
    async restart() {
      await parts.adapter.stop();
      parts.db.close();
      parts = await boot();
    },
    async close() {
      await parts.adapter.stop();
      await fake.close();
      parts.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
