import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { createSqliteReviewStore } from '../../src/store/sqlite-review-store.js';
import { digestStoreContract } from './digest-store.contract.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-digest-'));
  dirs.push(dir);
  return path.join(dir, 'store.db');
}

digestStoreContract('SQLite on a temp file', () => {
  const db = openDatabase(tempFile());
  return { digests: createSqliteDigestStore(db), conversations: createSqliteConversationStore(db), reviews: createSqliteReviewStore(db), close: () => db.close() };
});

describe('SQLite digest store', () => {
  it('lets exactly one of two connections to one file claim a run', async () => {
    const file = tempFile();
    const [a, b] = [openDatabase(file), openDatabase(file)];
    try {
      const run = { subscriptionId: 's', week: '2026-W48', scheduledAt: '2026-11-23T08:00:00.000Z', claimedAt: '2026-11-23T08:00:00.000Z', late: false };
      const results = [await createSqliteDigestStore(a).claimRun({ ...run, claimedBy: 'a' }), await createSqliteDigestStore(b).claimRun({ ...run, claimedBy: 'b' })];
      expect(results).toEqual([true, false]);
    } finally {
      a.close();
      b.close();
    }
  });
});
