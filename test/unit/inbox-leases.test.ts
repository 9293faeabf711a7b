import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryRef, InboxEntry } from '../../src/core/ports.js';
import { createInboxLeases, keepLeases, LeaseLost, type InboxLeases } from '../../src/delivery/inbox-leases.js';
import { createInboxWorkers, type InboxWorkers } from '../../src/delivery/inbox-workers.js';
import { diedOnThisHost, replicaId } from '../../src/delivery/replica-id.js';
import { createMemoryLogger } from '../../src/logger.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteDeliveryLedger, type SqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';

// Two replicas' inbox workers on one SQLite file, each with its own
// connection and leases, a clock the test moves by hand and work the test
// finishes by hand: who starts what, what a lapsed lease hands over, what a
// shutdown hands back, and that a replica that stalled past its lease stops.

const AT = '2026-11-02T09:00:00.000Z';
const LEASE_MS = 30_000;
let clock = Date.parse(AT);
const now = () => new Date(clock);
const since = () => '2026-11-01T00:00:00.000Z';

interface Replica {
  name: string;
  db: Database;
  ledger: SqliteDeliveryLedger;
  leases: InboxLeases;
  workers: InboxWorkers;
  /** deliveryId -> finishes its work (completing it in the ledger, or leaving it short). */
  running: Map<string, (complete: boolean) => Promise<void>>;
  started: string[];
}

let dir: string;
let replicas: Replica[];
const logger = createMemoryLogger();

function replica(name: string): Replica {
  const db = openDatabase(path.join(dir, 'shared.db'));
  const ledger = createSqliteDeliveryLedger(db);
  const leases = createInboxLeases({ ledger, platform: 'slack', holder: `host:${name}:0000`, now, leaseMs: LEASE_MS, logger, processRuns: () => true });
  const running = new Map<string, (complete: boolean) => Promise<void>>();
  const started: string[] = [];
  const work = (entry: InboxEntry) =>
    new Promise<boolean>((resolve) => {
      started.push(entry.deliveryId);
      running.set(entry.deliveryId, async (complete) => {
        running.delete(entry.deliveryId);
        if (complete) await ledger.complete('slack', entry.workspace, entry.deliveryId, now().toISOString());
        resolve(complete);
        await turns();
      });
    });
  const workers = createInboxWorkers({ ledger, platform: 'slack', width: 4, since, work, logger, leases, pauseCheckMs: 3_600_000 });
  const made = { name, db, ledger, leases, workers, running, started };
  replicas.push(made);
  return made;
}

const ref = (deliveryId: string): DeliveryRef => ({ platform: 'slack', workspace: 'T1', deliveryId });
const runningOn = (r: Replica) => [...r.running.keys()].sort();
const finish = (r: Replica, id: string, complete = true) => r.running.get(id)!(complete);

/** Lets queued callbacks (settled promises, the workers' merged looks) run. */
async function turns(): Promise<void> {
  for (let i = 0; i < 30; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function enqueue(on: Replica, ids: [string, string][]): Promise<void> {
  for (const [deliveryId, lane] of ids) await on.ledger.enqueue({ platform: 'slack', workspace: 'T1', deliveryId, at: AT, lane, payload: { deliveryId }, raw: null });
}

beforeEach(() => {
  clock = Date.parse(AT);
  replicas = [];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-leases-'));
});
afterEach(() => {
  for (const r of replicas) {
    r.workers.stop();
    r.db.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('inbox workers of two replicas on one database', () => {
  it('never work one lane on both replicas at once, and keep each lane in arrival order across them', async () => {
    const a = replica('a');
    const b = replica('b');
    await enqueue(a, [['x1', 'lane-X'], ['y1', 'lane-Y'], ['x2', 'lane-X'], ['z1', 'lane-Z'], ['x3', 'lane-X']]);
    a.workers.poll();
    await turns();
    b.workers.poll();
    await turns();
    expect(runningOn(a)).toStrictEqual(['x1', 'y1', 'z1']);
    expect(runningOn(b)).toStrictEqual([]);
    await finish(a, 'x1');
    // A's own look after x1 takes x2 before B has looked again; B then finds lane X held.
    b.workers.poll();
    await turns();
    expect(runningOn(a)).toStrictEqual(['x2', 'y1', 'z1']);
    expect(runningOn(b)).toStrictEqual([]);
    a.workers.stop();
    await finish(a, 'x2');
    b.workers.poll();
    await turns();
    // A takes nothing new: the next entry of lane X goes to B, after x2 and never beside it.
    expect(runningOn(b)).toStrictEqual(['x3']);
    await finish(b, 'x3');
    expect([...a.started, ...b.started].sort()).toStrictEqual(['x1', 'x2', 'x3', 'y1', 'z1']);
  });

  it.each<[string, number, string[]]>([
    ['just before the lease lapses', LEASE_MS - 1, []],
    ['once it has lapsed', LEASE_MS, ['a1', 'b1']],
  ])('hand a stopped replica its work over %s', async (_when, later, takenOver) => {
    const a = replica('a');
    const b = replica('b');
    await enqueue(a, [['a1', 'lane-A'], ['b1', 'lane-B'], ['a2', 'lane-A']]);
    a.workers.poll();
    await turns();
    expect(runningOn(a)).toStrictEqual(['a1', 'b1']);
    // A stops answering (killed): its work never finishes, its leases are never renewed.
    a.workers.stop();
    clock += later;
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual(takenOver);
  });

  it('stop the work of a replica that stalled past its lease once another took it over', async () => {
    const a = replica('a');
    const b = replica('b');
    await enqueue(a, [['a1', 'lane-A']]);
    a.workers.poll();
    await turns();
    await a.leases.confirm(ref('a1'));
    clock += LEASE_MS;
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual(['a1']);
    await expect(a.leases.confirm(ref('a1'))).rejects.toBeInstanceOf(LeaseLost);
    await b.leases.confirm(ref('a1'));
  });

  it('hand back at a shutdown what was not finished, so the other replica takes it at once', async () => {
    const a = replica('a');
    const b = replica('b');
    await enqueue(a, [['a1', 'lane-A'], ['b1', 'lane-B']]);
    a.workers.poll();
    await turns();
    a.workers.stop();
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual([]);
    expect(await a.leases.releaseAll()).toBe(2);
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual(['a1', 'b1']);
  });

  it('hand an entry whose work stopped short to the other replica at once, and leave it there', async () => {
    const a = replica('a');
    const b = replica('b');
    await enqueue(a, [['a1', 'lane-A']]);
    a.workers.poll();
    await turns();
    await finish(a, 'a1', false);
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual(['a1']);
    expect(a.started).toStrictEqual(['a1']);
  });
});

describe('keeping leases', () => {
  it('renews a third of the way through each lease, then has the workers look; a renewal never overlaps the one before', async () => {
    const a = replica('a');
    const b = replica('b');
    await enqueue(a, [['a1', 'lane-A']]);
    a.workers.poll();
    await turns();
    let tick = () => {};
    let every = 0;
    let looks = 0;
    const stop = keepLeases(a.leases, { leaseMs: LEASE_MS, look: () => (looks += 1), repeat: (ms, fn) => ((every = ms), (tick = fn), () => undefined) });
    expect(every).toBe(LEASE_MS / 3);
    clock += LEASE_MS - 1;
    tick();
    tick();
    await turns();
    expect(looks).toBe(1);
    // Renewed at LEASE_MS - 1: B still finds it held where the first lease would have lapsed.
    clock += LEASE_MS - 1;
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual([]);
    clock += 1;
    b.workers.poll();
    await turns();
    expect(runningOn(b)).toStrictEqual(['a1']);
    stop();
  });

  it('takes back at start what a stopped process on this host held, and leaves live ones and other hosts alone', async () => {
    const a = replica('a');
    await enqueue(a, [['d1', 'lane-1'], ['l1', 'lane-2'], ['o1', 'lane-3']]);
    const lease = (id: string, holder: string) => a.ledger.lease({ ...ref(id), holder, now: AT, until: new Date(Date.parse(AT) + LEASE_MS).toISOString() });
    expect(await lease('d1', 'host:4001:dead')).toBe(true);
    expect(await lease('l1', 'host:4002:live')).toBe(true);
    expect(await lease('o1', 'elsewhere:4001:dead')).toBe(true);
    const leases = createInboxLeases({ ledger: a.ledger, platform: 'slack', holder: 'host:5000:self', now, leaseMs: LEASE_MS, logger, processRuns: (pid) => pid !== 4001 });
    expect(await leases.reclaimFromTheDead()).toBe(1);
    expect(await a.ledger.leaseHolders('slack')).toStrictEqual(['elsewhere:4001:dead', 'host:4002:live']);
  });
});

describe('replica ids', () => {
  it('name the host and process, and differ between two processes with one pid', () => {
    expect(replicaId('web-1', 42, () => '0123456789')).toBe('web-1:42:01234567');
    expect(replicaId('web-1', 42)).not.toBe(replicaId('web-1', 42));
  });

  it.each<[string, string, boolean]>([
    ['web-1:40:aaaaaaaa', 'a stopped process on this host', true],
    ['web-1:41:aaaaaaaa', 'a running process on this host', false],
    ['web-1:42:bbbbbbbb', 'an earlier process with this pid (a restarted container)', true],
    ['web-1:42:cccccccc', 'itself', false],
    ['web-2:40:aaaaaaaa', 'a process on another host', false],
    ['ip-10-0-0-1.ec2.internal:40:aaaaaaaa', 'a host name with dots', false],
    ['not-an-id', 'a holder written by something else', false],
  ])('judge %s (%s) gone: %s', (holder, _what, gone) => {
    expect(diedOnThisHost(holder, 'web-1:42:cccccccc', (pid) => pid === 41)).toBe(gone);
  });
});
