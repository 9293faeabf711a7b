import postgres from 'postgres';
import { expect, it } from 'vitest';
import { StorageUnavailable, type NewInboxEntry } from '../../src/core/ports.js';
import { createPostgresDeliveryLedger, type PostgresDeliveryLedger } from '../../src/store/postgres/delivery-ledger.js';
import { sessionOf } from '../../src/store/postgres/postgres-session.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { rejected } from '../helpers/thrown.js';
import { deliveryLedgerContract } from './delivery-ledger.contract.js';

const AT = '2026-11-02T09:00:00.000Z';
const everything = { since: '2026-01-01T00:00:00.000Z', afterSeq: 0, limit: 1000 };
const entry = (deliveryId: string): NewInboxEntry => ({ platform: 'slack', workspace: 'T-acme', deliveryId, at: AT, lane: `lane-${deliveryId}`, payload: { text: deliveryId }, raw: { id: deliveryId } });

describePostgres('Postgres delivery ledger', () => {
  const pg = usePostgresForTests();

  deliveryLedgerContract('Postgres', async () => ({ ledger: createPostgresDeliveryLedger((await pg.empty()).sql), close: () => undefined }));

  it('numbers the inbox in commit order: an enqueue waits for one still open, so a reader never passes an entry by', async () => {
    const first = await pg.empty();
    const second = await pg.another();
    const [a, b] = [createPostgresDeliveryLedger(first.sql), createPostgresDeliveryLedger(second.sql)];
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    // Replica A enqueues inside a transaction that stays open (its work goes on).
    const open = sessionOf(first.sql).transaction(async () => {
      await a.enqueue(entry('event:first'));
      entered();
      await held;
    });
    await inside;
    let settled = false;
    const later = b.enqueue(entry('event:second')).finally(() => (settled = true));
    // Replica B's enqueue is queued behind A's lock, not numbered and committed ahead of it.
    for (let waiting = 0; waiting === 0 && !settled; ) {
      const [locks] = await first.sql<{ waiting: number }[]>`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
      waiting = locks?.waiting ?? 0;
    }
    expect(settled).toBe(false);
    expect(await b.waiting('slack', everything)).toStrictEqual([]);
    letGo();
    await open;
    expect(await later).toBe(true);
    const seen = await b.waiting('slack', everything);
    expect(seen.map((e) => e.deliveryId)).toStrictEqual(['event:first', 'event:second']);
    expect(seen[0]!.seq).toBeLessThan(seen[1]!.seq);
  });

  it('hands every entry to a reader that only moves forward while two replicas enqueue at once', async () => {
    const [a, b] = [createPostgresDeliveryLedger((await pg.empty()).sql), createPostgresDeliveryLedger((await pg.another()).sql)];
    const ids = Array.from({ length: 120 }, (_, i) => `event:${i}`);
    const read: string[] = [];
    let afterSeq = 0;
    const readOnce = async () => {
      for (const e of await a.waiting('slack', { ...everything, afterSeq })) {
        read.push(e.deliveryId);
        afterSeq = e.seq;
      }
    };
    let done = false;
    const writers = Promise.all(
      ids.map((id, i) => (i % 3 === 0 ? b.enqueueAll([entry(id)]) : (i % 2 ? a : b).enqueue(entry(id)))),
    ).finally(() => (done = true));
    while (!done) await readOnce();
    await writers;
    await readOnce();
    expect([...read].sort()).toStrictEqual([...ids].sort());
  });

  it.each([
    ['a server nobody listens on', async () => postgres('postgres://nobody:none@127.0.0.1:1/none', { max: 1, connect_timeout: 5, onnotice: () => undefined })],
    [
      'a pool already closed',
      async () => {
        const closed = postgres(pg.url(), { max: 1, onnotice: () => undefined });
        await closed.end();
        return closed;
      },
    ],
  ])('is StorageUnavailable (failed) on %s, for every call', async (_, connect) => {
    const ref = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:1' };
    // A pool of its own for each call: the client backs off longer after each failed connection.
    const calls: [string, (ledger: PostgresDeliveryLedger) => Promise<unknown>][] = [
      ['claim', (ledger) => ledger.claim('slack', 'T-acme', 'event:1', AT)],
      ['claimWork', (ledger) => ledger.claimWork('slack', 'T-acme', 'command:1', AT, {})],
      ['complete', (ledger) => ledger.complete('slack', 'T-acme', 'command:1', AT)],
      ['unfinished', (ledger) => ledger.unfinished('slack', AT)],
      ['effects', (ledger) => ledger.effects(ref)],
      ['beginEffect', (ledger) => ledger.beginEffect(ref, 'post#1', AT)],
      ['recordEffect', (ledger) => ledger.recordEffect(ref, 'post#1', 'x', AT)],
      ['recordWith', (ledger) => ledger.recordWith(ref, 'advice#1', AT, async () => 'x')],
      ['enqueue', (ledger) => ledger.enqueue(entry('command:2'))],
      ['enqueueAll', (ledger) => ledger.enqueueAll([entry('command:3')])],
      ['waiting', (ledger) => ledger.waiting('slack', everything)],
    ];
    for (const [name, call] of calls) {
      const sql = await connect();
      const error = await rejected(() => call(createPostgresDeliveryLedger(sql)));
      await sql.end();
      expect([name, error]).toEqual([name, expect.objectContaining({ name: 'StorageUnavailable', reason: 'failed' })]);
    }
  });

  it('is busy (StorageUnavailable) when a row it must change stays locked past the lock timeout', async () => {
    const { sql } = await pg.empty();
    const impatient = postgres(pg.url(), { max: 1, onnotice: () => undefined, connection: { lock_timeout: 50 } });
    try {
      await createPostgresDeliveryLedger(sql).claimWork('slack', 'T-acme', 'command:1', AT, {});
      let letGo!: () => void;
      const held = new Promise<void>((resolve) => (letGo = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = sql.begin(async (tx) => {
        await tx`SELECT 1 FROM deliveries WHERE delivery_id = 'command:1' FOR UPDATE`;
        locked();
        await held;
      });
      await lockTaken;
      const error = await rejected(() => createPostgresDeliveryLedger(impatient).complete('slack', 'T-acme', 'command:1', AT));
      letGo();
      await holder;
      expect(error).toBeInstanceOf(StorageUnavailable);
      expect(error).toMatchObject({ reason: 'busy' });
    } finally {
      await impatient.end();
    }
  });

  it('lets other errors (bugs) through as they are', async () => {
    const ledger = createPostgresDeliveryLedger((await pg.empty()).sql);
    await ledger.claimWork('slack', 'T-acme', 'command:1', AT, {});
    const ref = { platform: 'slack', workspace: 'T-acme', deliveryId: 'command:1' };
    expect(await rejected(() => ledger.recordWith(ref, 'advice#1', AT, async () => JSON.parse('{') as unknown))).toBeInstanceOf(SyntaxError);
  });

  it('prune forgets claims older than the cut-off, so those ids can be claimed again', async () => {
    const ledger = createPostgresDeliveryLedger((await pg.empty()).sql);
    await ledger.claim('slack', 'T-acme', 'old', '2026-10-01T00:00:00.000Z');
    await ledger.claim('slack', 'T-acme', 'new', '2026-11-02T00:00:00.000Z');
    expect(await ledger.prune('2026-11-01T00:00:00.000Z')).toBe(1);
    expect(await ledger.claim('slack', 'T-acme', 'old', '2026-11-02T00:00:01.000Z')).toBe(true);
    expect(await ledger.claim('slack', 'T-acme', 'new', '2026-11-02T00:00:01.000Z')).toBe(false);
  });
});
