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
import { startFakeDiscord, type FakeDiscord } from './discord-server.js';

// The whole bot as main.ts would build it (real advisor, SQLite on a temp
// file, real discord.js client) pointed at the fake Discord.

export interface DiscordHarness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  store: SqliteConversationStore;
  db: Database;
  logger: ReturnType<typeof createMemoryLogger>;
  close(): Promise<void>;
}

export function loadTestCatalog() {
  const parsed = parseCatalog(JSON.parse(readFileSync(new URL('../../../data/pricing/catalog.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`catalog: ${parsed.error}`);
  return parsed.catalog;
}

export async function startDiscordHarness(options: { messageContent?: boolean; renderChart?: RenderChart } = {}): Promise<DiscordHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-discord-'));
  const db = openDatabase(join(dir, 'test.sqlite'));
  const store = createSqliteConversationStore(db);
  const ledger = createSqliteDeliveryLedger(db);
  const logger = createMemoryLogger();
  const advisor = createAdvisor({ store, catalog: loadTestCatalog(), clock: { now: () => new Date() }, newId: randomUUID });
  const fake = await startFakeDiscord();
  const adapter = createDiscordAdapter({
    advisor,
    store,
    ledger,
    logger,
    ...(options.renderChart ? { renderChart: options.renderChart } : {}),
    config: { token: fake.token, applicationId: fake.applicationId, guildId: null, apiUrl: fake.apiUrl, messageContent: options.messageContent ?? false },
  });
  await adapter.start();
  return {
    fake,
    adapter,
    store,
    db,
    logger,
    async close() {
      await adapter.stop();
      await fake.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
