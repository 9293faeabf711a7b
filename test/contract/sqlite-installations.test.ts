import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { createSqliteInstallationStore } from '../../src/store/sqlite-installations.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { createSqliteWorkspaceSettings } from '../../src/store/sqlite-workspace-settings.js';
import { dataThroughPorts, installationFixture, installationStoreContract } from './installation-store.contract.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-installations-'));
  dirs.push(dir);
  return path.join(dir, 'store.db');
}

installationStoreContract('SQLite on a temp file', () => {
  const db = openDatabase(tempFile());
  return {
    installations: createSqliteInstallationStore(db),
    data: dataThroughPorts({
      store: createSqliteConversationStore(db),
      ledger: createSqliteDeliveryLedger(db),
      reviews: createSqliteReviewStore(db),
      digests: createSqliteDigestStore(db),
      settings: createSqliteWorkspaceSettings(db),
    }),
    close: () => {
      db.close();
    },
  };
});

describe('SQLite installations', () => {
  it('survive closing and reopening the file', async () => {
    const file = tempFile();
    const first = openDatabase(file);
    await createSqliteInstallationStore(first).save(installationFixture({ workspace: 'T-kept' }));
    first.close();
    const again = openDatabase(file);
    expect((await createSqliteInstallationStore(again).find('slack', 'T-kept', null))?.botToken).toBe('xoxb-acme-1');
    again.close();
  });
});
