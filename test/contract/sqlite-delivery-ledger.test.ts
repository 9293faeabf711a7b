import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { thrown } from '../helpers/thrown.js';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageUnavailable, type DeliveryRef } from '../../src/core/ports.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { deliveryLedgerContract } from './delivery-ledger.contract.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-ledger-'));
  dirs.push(dir);
  return path.join(dir, 'ledger.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

deliveryLedgerContract('SQLite on a temp file', () => {
  const db = openDatabase(tempFile());
  return { ledger: createSqliteDeliveryLedger(db), close: () => db.close() };
});

const ref: DeliveryRef = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:1' };
const AT = '2026-11-02T09:00:00.000Z';


describe('SQLite ledger: writes that cannot happen now', () => {
  it('is busy (StorageUnavailable) while another connection holds the write lock, and writes once it lets go', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('busy_timeout = 0');
    const ledger = createSqliteDeliveryLedger(db);
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const writes: [string, () => unknown][] = [
        ['claim', () => ledger.claim('slack', 'T-acme', 'event:1', AT)],
        ['claimWork', () => ledger.claimWork('slack', 'T-acme', 'command:1', AT, {})],
        ['beginEffect', () => ledger.beginEffect(ref, 'post#1', AT)],
        ['recordEffect', () => ledger.recordEffect(ref, 'post#1', 'x', AT)],
        ['recordWith', () => ledger.recordWith(ref, 'advice#1', AT, () => 'x')],
        ['complete', () => ledger.complete('slack', 'T-acme', 'command:1', AT)],
      ];
      for (const [name, write] of writes) expect([name, thrown(write)]).toEqual([name, expect.objectContaining({ name: 'StorageUnavailable', reason: 'busy' })]);
      // Reads go on while another process writes (WAL).
      expect(ledger.effects(ref)).toStrictEqual([]);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(ledger.claimWork('slack', 'T-acme', 'command:1', AT, {})).toBe(true);
    db.close();
  });

  it('is full (StorageUnavailable) when the file cannot grow', () => {
    const db = openDatabase(tempFile());
    const ledger = createSqliteDeliveryLedger(db);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const error = thrown(() => {
      for (let i = 0; i < 1000; i += 1) ledger.claimWork('slack', 'T-acme', `command:${i}`, AT, { text: 'x'.repeat(2000) });
    });
    expect(error).toBeInstanceOf(StorageUnavailable);
    expect(error).toMatchObject({ reason: 'full' });
    db.close();
  });

  it('lets other errors (bugs) through as they are', () => {
    const db = openDatabase(tempFile());
    const ledger = createSqliteDeliveryLedger(db);
    ledger.claimWork('slack', 'T-acme', 'command:1', AT, {});
    expect(thrown(() => ledger.recordWith(ref, 'advice#1', AT, () => JSON.parse('{')))).toBeInstanceOf(SyntaxError);
    db.close();
  });
});
