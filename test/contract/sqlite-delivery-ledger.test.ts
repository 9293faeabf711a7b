import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { rejected } from '../helpers/thrown.js';
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
  it('is busy (StorageUnavailable) while another connection holds the write lock, and writes once it lets go', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('busy_timeout = 0');
    const ledger = createSqliteDeliveryLedger(db);
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const writes: [string, () => Promise<unknown>][] = [
        ['claim', () => ledger.claim('slack', 'T-acme', 'event:1', AT)],
        ['claimWork', () => ledger.claimWork('slack', 'T-acme', 'command:1', AT, {})],
        ['beginEffect', () => ledger.beginEffect(ref, 'post#1', AT)],
        ['recordEffect', () => ledger.recordEffect(ref, 'post#1', 'x', AT)],
        ['recordWith', () => ledger.recordWith(ref, 'advice#1', AT, async () => 'x')],
        ['complete', () => ledger.complete('slack', 'T-acme', 'command:1', AT)],
        ['enqueue', () => ledger.enqueue({ platform: 'slack', workspace: 'T-acme', deliveryId: 'command:2', at: AT, lane: 'l', payload: {}, raw: {} })],
        ['enqueueAll', () => ledger.enqueueAll([{ platform: 'slack', workspace: 'T-acme', deliveryId: 'command:3', at: AT, lane: 'l', payload: {}, raw: {} }])],
      ];
      for (const [name, write] of writes) expect([name, await rejected(write)]).toEqual([name, expect.objectContaining({ name: 'StorageUnavailable', reason: 'busy' })]);
      // Reads go on while another process writes (WAL).
      expect(await ledger.effects(ref)).toStrictEqual([]);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(await ledger.claimWork('slack', 'T-acme', 'command:1', AT, {})).toBe(true);
    db.close();
  });

  it('is full (StorageUnavailable) when the file cannot grow', async () => {
    const db = openDatabase(tempFile());
    const ledger = createSqliteDeliveryLedger(db);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const error = await rejected(async () => {
      for (let i = 0; i < 1000; i += 1) await ledger.claimWork('slack', 'T-acme', `command:${i}`, AT, { text: 'x'.repeat(2000) });
    });
    expect(error).toBeInstanceOf(StorageUnavailable);
    expect(error).toMatchObject({ reason: 'full' });
    db.close();
  });

  it('lets other errors (bugs) through as they are', async () => {
    const db = openDatabase(tempFile());
    const ledger = createSqliteDeliveryLedger(db);
    await ledger.claimWork('slack', 'T-acme', 'command:1', AT, {});
    expect(await rejected(() => ledger.recordWith(ref, 'advice#1', AT, async () => JSON.parse('{') as unknown))).toBeInstanceOf(SyntaxError);
    db.close();
  });
});

describe('SQLite ledger: writes of many deliveries at once', () => {
  it('share one commit, each answered as if alone: one that breaks a rule is refused alone, the others land', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    const ledger = createSqliteDeliveryLedger(db);
    const refs = Array.from({ length: 5 }, (_, i): DeliveryRef => ({ platform: 'slack', workspace: 'T-acme', deliveryId: `command:${i}` }));
    for (const [i, r] of refs.entries()) await ledger.enqueue({ ...r, at: AT, lane: `lane-${i % 2}`, payload: { i }, raw: null });
    const unclaimed: DeliveryRef = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:never-claimed' };
    const until = '2026-11-02T09:00:30.000Z';
    const lease = (r: DeliveryRef, holder: string) => ledger.lease({ ...r, holder, now: AT, until });
    const walFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const outcomes = await Promise.allSettled([
      ...refs.map((r, i) => ledger.recordEffect(r, 'post#1', { ts: `17000.${i}` }, AT)),
      // An effect of a delivery that was never claimed breaks the foreign key.
      ledger.recordEffect(unclaimed, 'post#1', { ts: 'x' }, AT),
      ledger.beginEffect(refs[0]!, 'post#2', AT),
      ledger.complete('slack', 'T-acme', 'command:4', AT),
      // Leases in the same commit see the writes asked for before them: command:1 goes to A, then B is refused it.
      lease(refs[1]!, 'host:a:1'),
      lease(refs[1]!, 'host:b:2'),
      // command:3 is behind command:1 in lane-1, which A now holds.
      lease(refs[3]!, 'host:b:2'),
      // command:4 was completed earlier in the same commit.
      lease(refs[4]!, 'host:b:2'),
    ]);
    expect(outcomes.map((o) => o.status)).toStrictEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(outcomes.slice(8).map((o) => (o.status === 'fulfilled' ? o.value : o.reason))).toStrictEqual([true, false, false, false]);
    const pages = walFrames();
    // Another connection (a restart) sees every write that was answered, and nothing of the refused one.
    const again = createSqliteDeliveryLedger(openDatabase(file));
    expect(await again.effects(refs[0]!)).toStrictEqual([
      { step: 'post#1', state: 'done', result: { ts: '17000.0' }, at: AT },
      { step: 'post#2', state: 'begun', result: null, at: AT },
    ]);
    expect(await again.effects(refs[3]!)).toStrictEqual([{ step: 'post#1', state: 'done', result: { ts: '17000.3' }, at: AT }]);
    expect(await again.effects(unclaimed)).toStrictEqual([]);
    // Completed in the same commit as its effect was written: nothing of it is kept.
    expect(await again.effects(refs[4]!)).toStrictEqual([]);
    expect(await again.leaseHolders('slack')).toStrictEqual(['host:a:1']);
    expect((await again.waiting('slack', { since: AT, afterSeq: 0, limit: 10 })).map((e) => e.deliveryId)).toStrictEqual(['command:0', 'command:1', 'command:2', 'command:3']);
    // One transaction: eleven commits of their own would have written at least a page each.
    expect(pages).toBeLessThan(11);
    db.close();
  });
});

describe('SQLite ledger: atomic steps of many deliveries at once', () => {
  it('share a commit when they queue for the write lock, each answered as if alone: one that throws is rolled back alone', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    const ledger = createSqliteDeliveryLedger(db);
    db.exec('CREATE TABLE notes (delivery TEXT PRIMARY KEY)');
    const note = db.prepare<[string]>('INSERT INTO notes (delivery) VALUES (?)');
    const refs = Array.from({ length: 4 }, (_, i): DeliveryRef => ({ platform: 'slack', workspace: 'T-acme', deliveryId: `command:${i}` }));
    for (const r of refs) await ledger.claimWork(r.platform, r.workspace, r.deliveryId, AT, {});
    const walFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const step = (r: DeliveryRef, fails: boolean) =>
      ledger.recordWith(r, 'answer#1', AT, async () => {
        // Asynchronous work inside the step, as the advisor's is.
        await new Promise((resolve) => setImmediate(resolve));
        note.run(r.deliveryId);
        if (fails) throw new Error(`${r.deliveryId} breaks`);
        return { saved: r.deliveryId };
      });
    const outcomes = await Promise.allSettled(refs.map((r, i) => step(r, i === 2)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toStrictEqual([
      { saved: 'command:0' },
      { saved: 'command:1' },
      'command:2 breaks',
      { saved: 'command:3' },
    ]);
    const pages = walFrames();
    // Another connection sees each answered step with its record, and nothing of the one that threw.
    const other = openDatabase(file);
    expect(other.prepare('SELECT delivery FROM notes ORDER BY 1').pluck().all()).toStrictEqual(['command:0', 'command:1', 'command:3']);
    const again = createSqliteDeliveryLedger(other);
    expect(await Promise.all(refs.map(async (r) => (await again.effects(r)).map((e) => e.result)))).toStrictEqual([[{ saved: 'command:0' }], [{ saved: 'command:1' }], [], [{ saved: 'command:3' }]]);
    // Fewer commits than steps: four commits of their own would have written at least a page each.
    expect(pages).toBeLessThan(4);
    other.close();
    db.close();
  });
});

describe('the migration that gives each Discord DM its own workspace', () => {
  it("moves '@me' conversations, assessments, reviews (with their trail) and subscriptions to '@me:<user>', and leaves guilds and Slack alone", async () => {
    const { MIGRATIONS, applyMigrations } = await import('../../src/store/migrations.js');
    const db = new BetterSqlite3(tempFile());
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.findIndex((m) => m.name.startsWith('Discord direct messages'));
    applyMigrations(db, MIGRATIONS.slice(0, before));
    const conversation = (id: string, platform: string, workspace: string, user: string) =>
      db
        .prepare("INSERT INTO conversations (id, workspace, platform, channel, thread, user, status, facts, created_at, updated_at) VALUES (?, ?, ?, 'D1', 'D1', ?, 'interviewing', '{}', ?, ?)")
        .run(id, workspace, platform, user, AT, AT);
    conversation('c-ada', 'discord', '@me', 'U-ada');
    conversation('c-bob', 'discord', '@me', 'U-bob');
    conversation('c-guild', 'discord', 'G1', 'U-ada');
    conversation('c-slack', 'slack', 'T1', 'U-ada');
    db.prepare("INSERT INTO assessments (id, conversation_id, workspace, platform, channel, thread, user, at, description, verdict, recommended, catalog_version, reassessment) VALUES ('a-ada', 'c-ada', '@me', 'discord', 'D1', 'D1', 'U-ada', ?, 'x', 'fit', 'aws-lambda', 'v1', 0)").run(AT);
    db.prepare("INSERT INTO reviews (id, workspace, platform, channel, thread, opened_by, name, status, components, created_at, updated_at) VALUES ('r1', '@me', 'discord', 'D1', 'D1', 'U-bob', 'shop', 'open', '[]', ?, ?)").run(AT, AT);
    db.prepare("INSERT INTO review_changes (workspace, review_id, seq, at, actor, kind, text) VALUES ('@me', 'r1', 1, ?, 'U-bob', 'open', 'opened')").run(AT);

    applyMigrations(db);
    const rows = (sql: string) => db.prepare(sql).all();
    expect(rows('SELECT id, workspace FROM conversations ORDER BY id')).toStrictEqual([
      { id: 'c-ada', workspace: '@me:U-ada' },
      { id: 'c-bob', workspace: '@me:U-bob' },
      { id: 'c-guild', workspace: 'G1' },
      { id: 'c-slack', workspace: 'T1' },
    ]);
    expect(rows('SELECT workspace FROM assessments')).toStrictEqual([{ workspace: '@me:U-ada' }]);
    expect(rows('SELECT workspace FROM reviews')).toStrictEqual([{ workspace: '@me:U-bob' }]);
    expect(rows('SELECT workspace FROM review_changes')).toStrictEqual([{ workspace: '@me:U-bob' }]);
    expect(rows('PRAGMA foreign_key_check')).toStrictEqual([]);
    db.close();
  });
});

describe('the migration that turns deliveries into an inbox', () => {
  it('keeps unfinished work waiting in the order it was claimed, each in a lane of its own, and leaves finished work alone', async () => {
    const { MIGRATIONS, applyMigrations } = await import('../../src/store/migrations.js');
    const db = new BetterSqlite3(tempFile());
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.findIndex((m) => m.name.startsWith('deliveries become an inbox'));
    applyMigrations(db, MIGRATIONS.slice(0, before));
    const claim = db.prepare('INSERT INTO deliveries (platform, workspace, delivery_id, at, payload, done_at) VALUES (?, ?, ?, ?, ?, ?)');
    claim.run('slack', 'T1', 'command:late', '2026-11-02T09:00:02.000Z', '{"kind":"command"}', null);
    claim.run('slack', 'T1', 'command:early', '2026-11-02T09:00:01.000Z', '{"kind":"command"}', null);
    claim.run('slack', 'T1', 'command:done', '2026-11-02T09:00:00.000Z', null, '2026-11-02T09:00:03.000Z');
    claim.run('discord', 'G1', 'i-1', '2026-11-02T09:00:01.000Z', '{"kind":"interaction"}', null);

    applyMigrations(db);
    const ledger = createSqliteDeliveryLedger(db);
    const since = '2026-01-01T00:00:00.000Z';
    expect((await ledger.waiting('slack', { since, afterSeq: 0, limit: 10 })).map((e) => [e.deliveryId, e.lane, e.raw])).toStrictEqual([
      ['command:early', 'slack/T1/command:early', null],
      ['command:late', 'slack/T1/command:late', null],
    ]);
    expect((await ledger.waiting('discord', { since, afterSeq: 0, limit: 10 })).map((e) => e.deliveryId)).toStrictEqual(['i-1']);
    // New entries line up behind what was kept.
    await ledger.enqueue({ platform: 'slack', workspace: 'T1', deliveryId: 'command:new', at: '2026-11-02T08:00:00.000Z', lane: 'T1/C1/by:U1', payload: {}, raw: {} });
    expect((await ledger.waiting('slack', { since, afterSeq: 0, limit: 10 })).map((e) => e.deliveryId)).toStrictEqual(['command:early', 'command:late', 'command:new']);
    db.close();
  });
});
