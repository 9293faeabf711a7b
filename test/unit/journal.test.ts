import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageUnavailable, type DeliveryRef } from '../../src/core/ports.js';
import { openJournal } from '../../src/delivery/journal.js';
import { whileBusy } from '../../src/delivery/while-busy.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteDeliveryLedger, type SqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';

// A delivery's work run twice (a crash in between) makes each outward call
// once: the second run gets the recorded results, looks up what may have
// happened without a record, and only then calls again.

const ref: DeliveryRef = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:1' };
const now = () => new Date('2026-11-02T09:00:00.000Z');
const patience = { deadlineMs: 1000 };

let dir: string;
let db: Database;
let ledger: SqliteDeliveryLedger;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-journal-'));
  db = openDatabase(path.join(dir, 'j.db'));
  ledger = createSqliteDeliveryLedger(db);
  await ledger.claimWork('slack', 'T-acme', 'command:1', now().toISOString(), {});
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The work of one delivery: post a root, decide, post the answer. Counts each real call. */
async function work(calls: string[], lookups: Record<string, string | null> = {}) {
  const journal = await openJournal({ ledger, delivery: ref, now, patience });
  const post = (text: string) =>
    journal.once(
      'post',
      async (step) => {
        calls.push(`${step} ${text}`);
        return { ts: `ts-${text}` };
      },
      { lookup: async (step) => (lookups[step] === undefined ? null : { ts: lookups[step]! }) },
    );
  const root = await post('root');
  const decision = await journal.atomically('advice', async () => ({ answer: `for ${root.ts}` }));
  const answer = await post(decision.answer);
  return { root, decision, answer, journal };
}

describe('journal', () => {
  it('names steps by kind and order, and records each', async () => {
    const calls: string[] = [];
    const first = await work(calls);
    expect(calls).toStrictEqual(['post#1 root', 'post#2 for ts-root']);
    expect((await ledger.effects(ref)).map((e) => [e.step, e.state])).toStrictEqual([
      ['advice#1', 'done'],
      ['post#1', 'done'],
      ['post#2', 'done'],
    ]);
    expect(first.journal.resuming).toBe(false);
  });

  it('run again, makes no call and gets the same results', async () => {
    const calls: string[] = [];
    const first = await work(calls);
    const again = await work(calls);
    expect(calls).toHaveLength(2);
    expect({ ...again, journal: null }).toStrictEqual({ ...first, journal: null });
    expect(again.journal.resuming).toBe(true);
  });

  it.each<[string, Record<string, string | null>, string[]]>([
    ['found by its lookup: taken, not made again', { 'post#1': 'ts-found' }, []],
    ['not found: made again', {}, ['post#1 root']],
  ])('a call begun without a result, %s', async (_name, lookups, expected) => {
    await ledger.beginEffect(ref, 'post#1', now().toISOString());
    const calls: string[] = [];
    const run = await work(calls, lookups);
    expect(calls.filter((c) => c.startsWith('post#1'))).toStrictEqual(expected);
    expect(run.root.ts).toBe(lookups['post#1'] ?? 'ts-root');
  });

  it('finish marks the delivery done and drops what it recorded', async () => {
    const { journal } = await work([]);
    await journal.finish();
    expect(await ledger.effects(ref)).toStrictEqual([]);
    expect(await ledger.unfinished('slack', '2026-01-01T00:00:00.000Z')).toStrictEqual([]);
  });
});

describe('whileBusy', () => {
  it('tries again while the database is locked elsewhere, and writes once it is free', async () => {
    db.pragma('busy_timeout = 0');
    const other = new BetterSqlite3(path.join(dir, 'j.db'));
    other.exec('BEGIN IMMEDIATE');
    let attempts = 0;
    const sleep = async () => {
      attempts += 1;
      if (attempts === 3) other.exec('COMMIT');
    };
    expect(await whileBusy(() => ledger.claim('slack', 'T-acme', 'event:1', now().toISOString()), { deadlineMs: 10_000, sleep })).toBe(true);
    expect(attempts).toBe(3);
    other.close();
  });

  it('gives up with the StorageUnavailable once its patience is spent', async () => {
    let clock = 0;
    const busy = () => {
      throw new StorageUnavailable('busy', 'locked');
    };
    const error = await whileBusy(busy, { deadlineMs: 100, now: () => clock, sleep: async (ms) => void (clock += ms) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageUnavailable', reason: 'busy' });
    expect(clock).toBeLessThanOrEqual(100);
  });

  it.each([
    ['full', new StorageUnavailable('full', 'no space')],
    ['a bug', new TypeError('not a function')],
  ])('does not retry what waiting cannot fix (%s)', async (_name, failure) => {
    let attempts = 0;
    const error = await whileBusy(
      () => {
        attempts += 1;
        throw failure;
      },
      { deadlineMs: 1000 },
    ).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(attempts).toBe(1);
  });
});
