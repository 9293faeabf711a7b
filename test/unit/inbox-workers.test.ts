import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEntry } from '../../src/core/ports.js';
import { createInFlight } from '../../src/delivery/in-flight.js';
import { createInboxWorkers, type InboxWorkers } from '../../src/delivery/inbox-workers.js';
import { createMemoryLogger } from '../../src/logger.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteDeliveryLedger, type SqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';

// The inbox workers over a real SQLite ledger, with work the test finishes by
// hand: which entries start, in which order, how many at once, and what a
// second process on the same file (a restart) takes. No clocks: each step
// waits until the workers have nothing left to do in this turn.

const AT = '2026-11-02T09:00:00.000Z';
const since = () => '2026-11-01T00:00:00.000Z';

let dir: string;
let db: Database;
let ledger: SqliteDeliveryLedger;
let logger: ReturnType<typeof createMemoryLogger>;
beforeEach(() => {
  logger = createMemoryLogger();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-inbox-'));
  db = openDatabase(path.join(dir, 'inbox.db'));
  ledger = createSqliteDeliveryLedger(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Work that waits for the test: `finish(id)` completes it in the ledger, `leave(id)` leaves it waiting. */
function handWork(target: () => SqliteDeliveryLedger) {
  const started: string[] = [];
  const open = new Map<string, (complete: boolean) => void>();
  let atOnce = 0;
  let mostAtOnce = 0;
  const work = (entry: InboxEntry) =>
    new Promise<boolean>((resolve) => {
      started.push(entry.deliveryId);
      atOnce += 1;
      mostAtOnce = Math.max(mostAtOnce, atOnce);
      open.set(entry.deliveryId, async (complete) => {
        if (complete) await target().complete('slack', entry.workspace, entry.deliveryId, AT);
        atOnce -= 1;
        resolve(complete);
      });
    });
  const end = async (id: string, complete: boolean) => {
    const settle = open.get(id);
    if (!settle) throw new Error(`${id} is not running (running: ${[...open.keys()].join(', ')})`);
    open.delete(id);
    settle(complete);
    await turns();
  };
  return { work, started, running: () => [...open.keys()].sort(), mostAtOnce: () => mostAtOnce, finish: (id: string) => end(id, true), leave: (id: string) => end(id, false) };
}

/** Lets queued callbacks (promise settlements, the workers' merged wake-ups) run. */
async function turns(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function enqueue(ids: [string, string][]): Promise<void> {
  for (const [deliveryId, lane] of ids) await ledger.enqueue({ platform: 'slack', workspace: 'T1', deliveryId, at: AT, lane, payload: { deliveryId }, raw: null });
}

function workers(work: (entry: InboxEntry) => Promise<boolean>, width: number, on = ledger): InboxWorkers {
  return createInboxWorkers({ ledger: on, platform: 'slack', width, since, work, logger });
}

describe('inbox workers', () => {
  it('work one entry per conversation at a time, in arrival order, other conversations going on meanwhile', async () => {
    await enqueue([
      ['a1', 'thread-A'],
      ['a2', 'thread-A'],
      ['b1', 'thread-B'],
      ['a3', 'thread-A'],
      ['c1', 'thread-C'],
    ]);
    const hand = handWork(() => ledger);
    workers(hand.work, 2).wake();
    await turns();
    expect(hand.running()).toStrictEqual(['a1', 'b1']);
    await hand.finish('b1');
    // Thread A's next message waits for a1; thread C does not.
    expect(hand.running()).toStrictEqual(['a1', 'c1']);
    await hand.finish('c1');
    expect(hand.running()).toStrictEqual(['a1']);
    await hand.finish('a1');
    expect(hand.running()).toStrictEqual(['a2']);
    await hand.finish('a2');
    await hand.finish('a3');
    expect(hand.started).toStrictEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
    expect(hand.mostAtOnce()).toBe(2);
    expect(await ledger.waiting('slack', { since: since(), afterSeq: 0, limit: 10 })).toStrictEqual([]);
  });

  it.each([1, 3, 8])('never work more than %i conversations at once, however deep the backlog', async (width) => {
    await enqueue(Array.from({ length: 40 }, (_, i): [string, string] => [`m${i}`, `thread-${i % 10}`]));
    const hand = handWork(() => ledger);
    workers(hand.work, width).wake();
    // Right after the wake-up only the busy width runs; the full width follows once no more deliveries arrive.
    while (hand.running().length < width) await new Promise((resolve) => setTimeout(resolve, 5));
    while (hand.running().length > 0) await hand.finish(hand.running()[0]!);
    expect(hand.started).toHaveLength(40);
    expect(hand.mostAtOnce()).toBe(width);
    // Within each thread, the messages started in the order they arrived.
    for (let t = 0; t < 10; t += 1) {
      const inThread = hand.started.filter((id) => Number(id.slice(1)) % 10 === t).map((id) => Number(id.slice(1)));
      expect(inThread).toStrictEqual([...inThread].sort((x, y) => x - y));
    }
  });

  // The workers would look again for a pause after 20 ms; here only what the test does moves them.
  const noPauseCheck = { pauseCheckMs: 3_600_000 };

  it('start no more than the busy width right after a delivery arrives', async () => {
    await enqueue(Array.from({ length: 3 }, (_, i): [string, string] => [`c${i}`, `lane-${i}`]));
    const hand = handWork(() => ledger);
    createInboxWorkers({ ledger, platform: 'slack', width: 4, busyWidth: 1, since, work: hand.work, logger, ...noPauseCheck }).wake();
    await turns();
    expect(hand.running()).toStrictEqual(['c0']);
  });

  it('start nothing new while requests are being received, and the full width once they are answered', async () => {
    await enqueue(Array.from({ length: 7 }, (_, i): [string, string] => [`c${i}`, `lane-${i}`]));
    const hand = handWork(() => ledger);
    let receiving = false;
    createInboxWorkers({ ledger, platform: 'slack', width: 4, busyWidth: 1, pauseCheckMs: 1, receiving: () => receiving, since, work: hand.work, logger }).wake();
    while (hand.running().length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(hand.running()).toStrictEqual(['c0', 'c1', 'c2', 'c3']);
    // What runs goes on; nothing new starts while requests are in.
    receiving = true;
    await hand.finish('c0');
    await hand.finish('c1');
    expect(hand.running()).toStrictEqual(['c2', 'c3']);
    receiving = false;
    await hand.finish('c2');
    expect(hand.running()).toStrictEqual(['c3', 'c4', 'c5', 'c6']);
  });

  it('take the full width once deliveries stop arriving, even while nothing finishes', async () => {
    await enqueue(Array.from({ length: 5 }, (_, i): [string, string] => [`c${i}`, `lane-${i}`]));
    const hand = handWork(() => ledger);
    createInboxWorkers({ ledger, platform: 'slack', width: 4, busyWidth: 1, pauseCheckMs: 1, since, work: hand.work, logger }).wake();
    while (hand.running().length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(hand.running()).toStrictEqual(['c0', 'c1', 'c2', 'c3']);
  });

  it('work a backlog deeper than the window they keep in memory, each conversation in arrival order', async () => {
    await enqueue(Array.from({ length: 30 }, (_, i): [string, string] => [`m${i}`, `thread-${i % 4}`]));
    const hand = handWork(() => ledger);
    createInboxWorkers({ ledger, platform: 'slack', width: 2, busyWidth: 2, window: 5, since, work: hand.work, logger }).wake();
    await turns();
    while (hand.running().length > 0) await hand.finish(hand.running()[0]!);
    expect(hand.started).toHaveLength(30);
    for (let t = 0; t < 4; t += 1) {
      const inThread = hand.started.filter((id) => Number(id.slice(1)) % 4 === t).map((id) => Number(id.slice(1)));
      expect(inThread).toStrictEqual([...inThread].sort((x, y) => x - y));
    }
    expect(await ledger.waiting('slack', { since: since(), afterSeq: 0, limit: 10 })).toStrictEqual([]);
  });

  it('skip an entry finished elsewhere after they read it, and go on with its conversation', async () => {
    await enqueue([
      ['a1', 'thread-A'],
      ['a2', 'thread-A'],
      ['a3', 'thread-A'],
    ]);
    const hand = handWork(() => ledger);
    workers(hand.work, 2).wake();
    await turns();
    expect(hand.running()).toStrictEqual(['a1']);
    // Another process (a restart's replay) finished a2 meanwhile.
    await ledger.complete('slack', 'T1', 'a2', AT);
    await hand.finish('a1');
    expect(hand.running()).toStrictEqual(['a3']);
    await hand.finish('a3');
    expect(hand.started).toStrictEqual(['a1', 'a3']);
  });

  it('take what arrives while they work, after what was already waiting', async () => {
    await enqueue([['a1', 'thread-A']]);
    const hand = handWork(() => ledger);
    const pool = workers(hand.work, 4);
    pool.wake();
    await turns();
    await enqueue([
      ['a2', 'thread-A'],
      ['b1', 'thread-B'],
    ]);
    pool.wake();
    await turns();
    expect(hand.running()).toStrictEqual(['a1', 'b1']);
    await hand.finish('a1');
    expect(hand.running()).toStrictEqual(['a2', 'b1']);
  });

  it('do not take an entry left unfinished again in the same process, nor hold up its conversation; the next start takes it', async () => {
    await enqueue([
      ['a1', 'thread-A'],
      ['a2', 'thread-A'],
    ]);
    const hand = handWork(() => ledger);
    workers(hand.work, 2).wake();
    await turns();
    await hand.leave('a1');
    expect(hand.running()).toStrictEqual(['a2']);
    await hand.finish('a2');
    expect(hand.started).toStrictEqual(['a1', 'a2']);

    // A restart: a new process on the same file.
    const again = openDatabase(path.join(dir, 'inbox.db'));
    const ledgerAgain = createSqliteDeliveryLedger(again);
    const next = handWork(() => ledgerAgain);
    workers(next.work, 2, ledgerAgain).wake();
    await turns();
    expect(next.running()).toStrictEqual(['a1']);
    await next.finish('a1');
    again.close();
  });

  it('take nothing once stopped, and let what runs finish', async () => {
    await enqueue([
      ['a1', 'thread-A'],
      ['b1', 'thread-B'],
    ]);
    const hand = handWork(() => ledger);
    const pool = workers(hand.work, 1);
    pool.wake();
    await turns();
    pool.stop();
    await hand.finish('a1');
    expect(hand.started).toStrictEqual(['a1']);
    expect((await ledger.waiting('slack', { since: since(), afterSeq: 0, limit: 10 })).map((e) => e.deliveryId)).toStrictEqual(['b1']);
  });

  it('work an entry whose lease was being taken when the stop came, and keep the shutdown waiting for it', async () => {
    await enqueue([['a1', 'thread-A']]);
    const hand = handWork(() => ledger);
    let grant: (granted: boolean) => void = () => undefined;
    const leases = { take: () => new Promise<boolean>((resolve) => (grant = resolve)), finished: async () => undefined };
    const inFlight = createInFlight();
    // As the platform adapters do: the work tracks itself, the workers track the taking.
    const work = (entry: InboxEntry) => {
      const done = hand.work(entry);
      inFlight.track(`work ${entry.deliveryId}`, done);
      return done;
    };
    const pool = createInboxWorkers({ ledger, platform: 'slack', width: 1, since, work, logger, leases, inFlight });
    pool.wake();
    await turns();
    expect(hand.started).toStrictEqual([]);
    pool.stop();
    // The shutdown's drain sees the take under way, then the work it started.
    const draining = inFlight.drain(Date.now() + 60_000);
    grant(true);
    await turns();
    expect(hand.started).toStrictEqual(['a1']);
    let drained: string[] | null = null;
    void draining.then((left) => (drained = left));
    await turns();
    expect(drained).toBeNull();
    await hand.finish('a1');
    await draining;
    expect(drained).toStrictEqual([]);
  });

  it('leave an entry whose work throws for the next start, and go on with the rest', async () => {
    await enqueue([
      ['a1', 'thread-A'],
      ['a2', 'thread-A'],
    ]);
    const seen: string[] = [];
    workers(async (entry) => {
      seen.push(entry.deliveryId);
      if (entry.deliveryId === 'a1') throw new Error('broken');
      await ledger.complete('slack', 'T1', entry.deliveryId, AT);
      return true;
    }, 1).wake();
    await turns();
    expect(seen).toStrictEqual(['a1', 'a2']);
    expect(logger.entries.map((e) => [e.level, e.message])).toStrictEqual([['error', 'slack: an inbox entry failed; it is left for the next start']]);
    expect((await ledger.waiting('slack', { since: since(), afterSeq: 0, limit: 10 })).map((e) => e.deliveryId)).toStrictEqual(['a1']);
  });
});
