import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdvisor } from '../../src/core/advisor.js';
import type { Advisor } from '../../src/core/advisor-types.js';
import type { Clock, ConversationStore, DeliveryLedger } from '../../src/core/ports.js';
import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { shippedCatalog } from './cost-fixtures.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';

// A real advisor over real SQLite on a temp file, for tests that drive the core
// or an adapter end to end. Nothing here is a stand-in.

export interface AdvisorHarness {
  advisor: Advisor;
  store: ConversationStore;
  ledger: DeliveryLedger;
  db: Database;
  dbPath: string;
  catalog: PricingCatalog;
  clock: Clock & { set(iso: string): void };
  /** Opens a second advisor on the same file, as a restarted process would. */
  reopen(): AdvisorHarness;
  close(): void;
}

export { shippedCatalog };

export function createAdvisorHarness(dbPath?: string, startAt = '2026-11-26T10:00:00.000Z'): AdvisorHarness {
  const dir = dbPath ? null : mkdtempSync(join(tmpdir(), 'serverless-fit-'));
  const file = dbPath ?? join(dir as string, 'test.db');
  let now = new Date(startAt);
  const clock = {
    now: () => {
      now = new Date(now.getTime() + 1000);
      return now;
    },
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
  let counter = 0;
  const db = openDatabase(file);
  const store = createSqliteConversationStore(db);
  const ledger = createSqliteDeliveryLedger(db);
  const catalog = shippedCatalog();
  const advisor = createAdvisor({ store, catalog, clock, newId: () => `id-${Date.now().toString(36)}-${++counter}` });
  return {
    advisor,
    store,
    ledger,
    db,
    dbPath: file,
    catalog,
    clock,
    reopen: () => createAdvisorHarness(file, now.toISOString()),
    close: () => {
      if (db.open) db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
