import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageUnavailable, type NewInboxEntry } from '../../src/core/ports.js';
import { createInboxWriter } from '../../src/delivery/inbox-writer.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteDeliveryLedger, type SqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';

// Group commit into the inbox over a real SQLite file: what arrives in one
// turn is written in one transaction, each delivery gets its own answer, and
// a database locked past the patience refuses the whole batch, writing nothing.

const AT = '2026-11-02T09:00:00.000Z';
const entry = (deliveryId: string): NewInboxEntry => ({ platform: 'slack', workspace: 'T1', deliveryId, at: AT, lane: 'T1/C1/by:U1', payload: { deliveryId }, raw: { trigger_id: deliveryId } });
const waitingIds = async (ledger: SqliteDeliveryLedger) => (await ledger.waiting('slack', { since: '2026-01-01T00:00:00.000Z', afterSeq: 0, limit: 100 })).map((e) => e.deliveryId);

let dir: string;
let file: string;
let db: Database;
let ledger: SqliteDeliveryLedger;
let commits: string[][];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-inbox-writer-'));
  file = path.join(dir, 'inbox.db');
  db = openDatabase(file);
  db.pragma('busy_timeout = 0');
  ledger = createSqliteDeliveryLedger(db);
  commits = [];
  const enqueueAll = ledger.enqueueAll.bind(ledger);
  // The real ledger, with each transaction noted.
  ledger.enqueueAll = (entries) => {
    commits.push(entries.map((e) => e.deliveryId));
    return enqueueAll(entries);
  };
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('inbox writer', () => {
  it('writes what arrives in one turn in one transaction, and answers each delivery', async () => {
    await ledger.enqueue(entry('command:0'));
    const writer = createInboxWriter(ledger, { deadlineMs: 1000 });
    const answers = await Promise.all(['command:1', 'command:0', 'command:2', 'command:1'].map((id) => writer.put(entry(id))));
    expect(answers).toStrictEqual([true, false, true, false]);
    expect(commits).toStrictEqual([['command:1', 'command:0', 'command:2', 'command:1']]);
    expect(await waitingIds(ledger)).toStrictEqual(['command:0', 'command:1', 'command:2']);
  });

  it('writes what arrives in later turns in later transactions', async () => {
    const writer = createInboxWriter(ledger, { deadlineMs: 1000 });
    expect(await writer.put(entry('command:1'))).toBe(true);
    expect(await writer.put(entry('command:2'))).toBe(true);
    expect(commits).toStrictEqual([['command:1'], ['command:2']]);
  });

  it('refuses the whole batch when the database stays locked past the patience, writing nothing, then writes once it is free', async () => {
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    let clock = 0;
    const patience = { deadlineMs: 300, now: () => clock, sleep: async (ms: number) => void (clock += ms) };
    const writer = createInboxWriter(ledger, patience);
    const refused = await Promise.allSettled([writer.put(entry('command:1')), writer.put(entry('command:2'))]);
    expect(refused.map((r) => (r.status === 'rejected' && r.reason instanceof StorageUnavailable ? r.reason.reason : r.status))).toStrictEqual(['busy', 'busy']);
    other.exec('COMMIT');
    other.close();
    expect(await waitingIds(ledger)).toStrictEqual([]);
    expect(await writer.put(entry('command:1'))).toBe(true);
    expect(await waitingIds(ledger)).toStrictEqual(['command:1']);
  });
});
