import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { thrown } from '../helpers/thrown.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, applyMigrations, userVersion } from '../../src/store/migrations.js';
import { openDatabase, StoreError, type Database } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { assessmentFixture, conversationFixture, conversationStoreContract } from './conversation-store.contract.js';

let tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-store-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs = [];
});

function openStore(file: string) {
  const db = openDatabase(file);
  return { db, store: createSqliteConversationStore(db), ledger: createSqliteDeliveryLedger(db), close: () => db.close() };
}

conversationStoreContract('SQLite on a temp file', () => openStore(path.join(tempDir(), 'store.db')));


describe('openDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  it('creates missing parent folders', () => {
    const file = path.join(dir, 'data', 'nested', 'serverless-fit.db');
    openDatabase(file).close();
    expect(fs.statSync(file).isFile()).toBe(true);
  });

  it.each<[string, string, unknown]>([
    ['journal_mode', 'journal_mode', 'wal'],
    ['synchronous', 'synchronous', 1], // 1 = NORMAL
    ['foreign_keys', 'foreign_keys', 1],
    ['busy_timeout', 'busy_timeout', 5000],
    ['user_version', 'user_version', MIGRATIONS.length],
  ])('sets %s', (_, pragma, expected) => {
    const db = openDatabase(path.join(dir, 'x.db'));
    try {
      expect(db.pragma(pragma, { simple: true })).toBe(expected);
    } finally {
      db.close();
    }
  });

  it('gives a friendly not-a-database StoreError for a file that is not SQLite, and leaves it alone', () => {
    const file = path.join(dir, 'garbage.db');
    fs.writeFileSync(file, 'hello');
    const error = thrown(() => openDatabase(file));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'not-a-database' });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/move it aside|another database path/);
    expect(fs.readFileSync(file, 'utf8')).toBe('hello');
  });

  it('gives a cannot-open StoreError when the path is a folder', () => {
    const error = thrown(() => openDatabase(dir));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'cannot-open' });
    expect((error as Error).message).toContain(dir);
  });

  it('gives a cannot-open StoreError when the parent folder cannot be created', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const file = path.join(blocker, 'store.db');
    const error = thrown(() => openDatabase(file));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'cannot-open' });
    expect((error as Error).message).toContain(file);
  });

  it('refuses a database written by a newer schema instead of guessing', () => {
    const file = path.join(dir, 'future.db');
    const db = openDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const error = thrown(() => openDatabase(file));
    expect(error).toMatchObject({ code: 'migration-failed' });
    expect((error as Error).message).toMatch(/newer version/);
  });
});

describe('migrations', () => {
  let db: Database;
  beforeEach(() => {
    db = openDatabase(path.join(tempDir(), 'm.db'));
  });
  afterEach(() => db.close());

  it('are idempotent: running them again changes nothing', () => {
    const schema = () => db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    const before = schema();
    expect(applyMigrations(db)).toBe(MIGRATIONS.length);
    expect(schema()).toStrictEqual(before);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
  });

  it('roll back a failing step whole: no half-made tables, version unchanged', () => {
    const broken = [...MIGRATIONS, { name: 'broken step', sql: 'CREATE TABLE half_made (x INTEGER); SELECT * FROM no_such_table;' }];
    const error = thrown(() => applyMigrations(db, broken, 'm.db'));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'migration-failed' });
    expect((error as Error).message).toMatch(/m\.db.*broken step/);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_made'").get()).toBeUndefined();
  });

  it('apply only the steps not yet run', () => {
    const next = [...MIGRATIONS, { name: 'add notes', sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY) STRICT;' }];
    expect(applyMigrations(db, next)).toBe(MIGRATIONS.length + 1);
    expect(applyMigrations(db, next)).toBe(MIGRATIONS.length + 1);
    expect(userVersion(db)).toBe(MIGRATIONS.length + 1);
  });
});

describe('persistence', () => {
  it('keeps conversations, turns, assessments and claims across close and reopen of the file', async () => {
    const file = path.join(tempDir(), 'restart.db');
    const first = openStore(file);
    await first.store.create(conversationFixture());
    await first.store.appendTurn('T-acme', { conversationId: 'c-1', at: '2026-11-02T09:01:00.000Z', role: 'user', kind: 'message', actor: 'U-ann', text: 'hi', payload: null });
    await first.store.recordAssessment(assessmentFixture());
    await first.ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:00:00.000Z');
    first.close();

    const second = openStore(file);
    try {
      expect(await second.store.get('T-acme', 'c-1')).toStrictEqual(conversationFixture());
      expect((await second.store.turns('T-acme', 'c-1')).map((t) => [t.seq, t.text])).toStrictEqual([[1, 'hi']]);
      expect((await second.store.appendTurn('T-acme', { conversationId: 'c-1', at: '2026-11-02T09:02:00.000Z', role: 'bot', kind: 'question', actor: 'bot', text: 'traffic?', payload: 'traffic' })).seq).toBe(2);
      expect(await second.store.assessments('T-acme')).toStrictEqual([assessmentFixture()]);
      expect(await second.ledger.claim('slack', 'T-acme', 'Ev-1', '2026-11-02T09:05:00.000Z')).toBe(false);
      expect(userVersion(second.db)).toBe(MIGRATIONS.length);
    } finally {
      second.close();
    }
  });

  it('numbers turns without gaps or repeats when two connections append to one file', async () => {
    const file = path.join(tempDir(), 'two.db');
    const a = openStore(file);
    const b = openStore(file);
    try {
      await a.store.create(conversationFixture());
      const turn = (text: string) => ({ conversationId: 'c-1', at: '2026-11-02T09:01:00.000Z', role: 'user' as const, kind: 'message' as const, actor: 'U-ann', text, payload: null });
      const seqs = [];
      for (const who of ['a', 'b', 'a', 'a', 'b']) seqs.push((await (who === 'a' ? a : b).store.appendTurn('T-acme', turn(who))).seq);
      expect(seqs).toStrictEqual([1, 2, 3, 4, 5]);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('SQLite specifics', () => {
  let opened: ReturnType<typeof openStore>;
  beforeEach(() => {
    opened = openStore(path.join(tempDir(), 's.db'));
  });
  afterEach(() => opened.close());

  it('store.assessments also filters by channel (an extension the port may adopt)', async () => {
    await opened.store.recordAssessment(assessmentFixture({ id: 'eng', channel: 'C-eng' }));
    await opened.store.recordAssessment(assessmentFixture({ id: 'ops', channel: 'C-ops' }));
    expect((await opened.store.assessments('T-acme', { channel: 'C-ops' })).map((a) => a.id)).toStrictEqual(['ops']);
  });

  it.each([
    ['a workspace week', 'workspace = @w AND at >= @since AND at < @until', 'assessments_by_workspace'],
    ['a channel week', 'workspace = @w AND channel = @c AND at >= @since AND at < @until', 'assessments_by_channel'],
  ])('answers the digest aggregate for %s from a covering index', (_, where, index) => {
    const plan = opened.db
      .prepare(
        `EXPLAIN QUERY PLAN
         SELECT verdict, recommended, count(*), sum(recommended_monthly_usd), sum(alternative_monthly_usd), sum(reassessment)
         FROM assessments WHERE ${where} GROUP BY verdict, recommended`,
      )
      .all({ w: 'T', c: 'C', since: '2026-11-02', until: '2026-11-09' }) as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain(`USING COVERING INDEX ${index}`);
  });

  it('ledger.prune forgets claims older than the cut-off, so those ids can be claimed again', async () => {
    const { ledger } = opened;
    await ledger.claim('slack', 'T-acme', 'old', '2026-10-01T00:00:00.000Z');
    await ledger.claim('slack', 'T-acme', 'new', '2026-11-02T00:00:00.000Z');
    expect(await ledger.prune('2026-11-01T00:00:00.000Z')).toBe(1);
    expect(await ledger.claim('slack', 'T-acme', 'old', '2026-11-02T00:00:01.000Z')).toBe(true);
    expect(await ledger.claim('slack', 'T-acme', 'new', '2026-11-02T00:00:01.000Z')).toBe(false);
  });
});
