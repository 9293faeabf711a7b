import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteWorkspaceSettings } from '../../src/store/sqlite-workspace-settings.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { workspaceScopingContract } from './workspace-scoping.contract.js';
import { workspaceSettingsContract } from './workspace-settings.contract.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-settings-'));
  dirs.push(dir);
  return path.join(dir, 'store.db');
}

workspaceSettingsContract('SQLite on a temp file', () => {
  const db = openDatabase(tempFile());
  return { settings: createSqliteWorkspaceSettings(db), close: () => db.close() };
});

describe('SQLite workspace scoping', () => {
  // A folder of its own: the one file serves every test of the suite, past the afterEach clean-up above.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-scoping-'));
  let db: ReturnType<typeof openDatabase> | undefined;
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  workspaceScopingContract('SQLite on a temp file', () => {
    db = openDatabase(path.join(dir, 'store.db'));
    return {
      conversations: createSqliteConversationStore(db),
      reviews: createSqliteReviewStore(db),
      settings: createSqliteWorkspaceSettings(db),
      ledger: createSqliteDeliveryLedger(db),
      digests: createSqliteDigestStore(db),
    };
  });
});

describe('SQLite workspace settings', () => {
  it('survive closing and reopening the file', async () => {
    const file = tempFile();
    const first = openDatabase(file);
    await createSqliteWorkspaceSettings(first).setRegion('discord', '800000000000000001', 'eu-west-2', 'U1', '2026-12-01T10:00:00.000Z');
    first.close();
    const again = openDatabase(file);
    expect((await createSqliteWorkspaceSettings(again).get('discord', '800000000000000001'))?.region).toBe('eu-west-2');
    again.close();
  });
});
