import type { Sql } from 'postgres';
import type { DeliveryLedger, DeliveryRef, NewInboxEntry } from '../../core/ports.js';
import { effectFromRow, jsonColumn, waitingEntry, type EffectRow, type WaitingRow } from '../delivery-rows.js';
import { translated } from './postgres-errors.js';
import { sessionOf } from './postgres-session.js';

// The delivery ledger on Postgres: claims (the primary key makes them atomic
// across replicas: of two inserts of one id, the second waits for the first
// and then does nothing), the payload of claimed work until it is done (the
// inbox), and the effects of that work. Failing to reach or write the
// database is a StorageUnavailable, as a locked or full file is on SQLite.
//
// The inbox's arrival order: seq comes from the sequence deliveries_seq, but
// a sequence hands out numbers when asked, not when the asker commits, so two
// concurrent enqueues could commit 8 before 7, and a worker that had read up
// to 8 would never look back for 7. Each enqueue therefore draws its numbers
// while holding a transaction-level advisory lock on the inbox, released only
// after its commit is visible: numbers are handed out in commit order, and a
// reader that sees seq n sees every entry below n that will ever exist. Only
// enqueues wait on each other (briefly: one insert and its commit); claims,
// completions and reads never take that lock.

/** Any constant shared by every replica: the advisory lock that orders the inbox. */
const INBOX_LOCK = 7_342_002;

export interface PostgresDeliveryLedger extends DeliveryLedger {
  /** Forgets deliveries claimed before `before` (ISO 8601); returns how many. */
  prune(before: string): Promise<number>;
}

export function createPostgresDeliveryLedger(pool: Sql): PostgresDeliveryLedger {
  const session = sessionOf(pool);
  const db = () => session.sql();

  const record = async (ref: DeliveryRef, step: string, state: 'begun' | 'done', result: unknown, at: string) => {
    await db()`
      INSERT INTO delivery_effects (platform, workspace, delivery_id, step, state, result, at)
      VALUES (${ref.platform}, ${ref.workspace}, ${ref.deliveryId}, ${step}, ${state}, ${state === 'done' ? jsonColumn(result) : null}::text::jsonb, ${at})
      ON CONFLICT (platform, workspace, delivery_id, step) DO UPDATE SET state = excluded.state, result = excluded.result, at = excluded.at`;
  };

  async function enqueueAll(entries: readonly NewInboxEntry[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const column = <K extends keyof NewInboxEntry>(key: K) => entries.map((entry) => entry[key]);
    const q = db();
    // One statement, so one commit: the lock is taken before the first number
    // is drawn, the numbers follow the entries' order, and a repeat within the
    // call conflicts with the first of it.
    const inserted = await q<{ platform: string; workspace: string; delivery_id: string }[]>`
      WITH inbox AS MATERIALIZED (SELECT pg_advisory_xact_lock(${INBOX_LOCK}))
      INSERT INTO deliveries (platform, workspace, delivery_id, at, payload, lane, raw, seq)
      SELECT e.platform, e.workspace, e.delivery_id, e.at, e.payload::jsonb, e.lane, e.raw::jsonb, nextval('deliveries_seq')
      FROM inbox, (
        SELECT * FROM unnest(
          ${column('platform')}::text[], ${column('workspace')}::text[], ${column('deliveryId')}::text[], ${column('at')}::text[],
          ${entries.map((entry) => jsonColumn(entry.payload))}::text[], ${column('lane')}::text[], ${entries.map((entry) => jsonColumn(entry.raw))}::text[]
        ) WITH ORDINALITY AS e (platform, workspace, delivery_id, at, payload, lane, raw, n)
        ORDER BY n
      ) e
      ON CONFLICT DO NOTHING
      RETURNING platform, workspace, delivery_id`;
    const key = (platform: string, workspace: string, deliveryId: string) => JSON.stringify([platform, workspace, deliveryId]);
    const written = new Set(inserted.map((row) => key(row.platform, row.workspace, row.delivery_id)));
    const answered = new Set<string>();
    return entries.map((entry) => {
      const k = key(entry.platform, entry.workspace, entry.deliveryId);
      // Only the first of a repeated delivery can have been written.
      const first = !answered.has(k);
      answered.add(k);
      return first && written.has(k);
    });
  }

  return {
    claim: (platform, workspace, deliveryId, at) =>
      translated(async () => {
        const result = await db()`
          INSERT INTO deliveries (platform, workspace, delivery_id, at) VALUES (${platform}, ${workspace}, ${deliveryId}, ${at})
          ON CONFLICT DO NOTHING`;
        return result.count === 1;
      }),

    claimWork: (platform, workspace, deliveryId, at, payload) =>
      translated(async () => {
        const result = await db()`
          INSERT INTO deliveries (platform, workspace, delivery_id, at, payload)
          VALUES (${platform}, ${workspace}, ${deliveryId}, ${at}, ${jsonColumn(payload)}::text::jsonb)
          ON CONFLICT DO NOTHING`;
        return result.count === 1;
      }),

    complete: (platform, workspace, deliveryId, at) =>
      translated(async () => {
        // One statement: the claim stays (a repeat is still refused), its payload and effects go together.
        await db()`
          WITH done AS (
            UPDATE deliveries SET done_at = ${at}, payload = NULL, raw = NULL
            WHERE platform = ${platform} AND workspace = ${workspace} AND delivery_id = ${deliveryId} AND done_at IS NULL
          )
          DELETE FROM delivery_effects WHERE platform = ${platform} AND workspace = ${workspace} AND delivery_id = ${deliveryId}`;
      }),

    unfinished: (platform, since) =>
      translated(async () => {
        const rows = await db()<{ workspace: string; delivery_id: string; at: string; payload: string }[]>`
          SELECT workspace, delivery_id, at, payload::text AS payload FROM deliveries
          WHERE platform = ${platform} AND at >= ${since} AND payload IS NOT NULL AND done_at IS NULL
          ORDER BY at, workspace COLLATE "C", delivery_id COLLATE "C"`;
        return rows.map((row) => ({ workspace: row.workspace, deliveryId: row.delivery_id, at: row.at, payload: JSON.parse(row.payload) as unknown }));
      }),

    effects: (ref) =>
      translated(async () => {
        const rows = await db()<EffectRow[]>`
          SELECT step, state, result::text AS result, at FROM delivery_effects
          WHERE platform = ${ref.platform} AND workspace = ${ref.workspace} AND delivery_id = ${ref.deliveryId}
          ORDER BY at, step COLLATE "C"`;
        return rows.map(effectFromRow);
      }),

    beginEffect: (ref, step, at) => translated(() => record(ref, step, 'begun', null, at)),
    recordEffect: (ref, step, result, at) => translated(() => record(ref, step, 'done', result, at)),

    recordWith: (ref, step, at, work) =>
      translated(() =>
        session.transaction(async () => {
          const result = await work();
          await record(ref, step, 'done', result, at);
          return result;
        }),
      ),

    enqueue: (entry) => translated(async () => (await enqueueAll([entry]))[0] === true),
    enqueueAll: (entries) => translated(() => enqueueAll(entries)),

    waiting: (platform, options) =>
      translated(async () => {
        // seq is a bigint, which the client reads as a string; entries are numbered far below 2^53.
        const rows = await db()<WaitingRow[]>`
          SELECT seq::float8 AS seq, workspace, delivery_id, lane, at, payload::text AS payload, raw::text AS raw FROM deliveries
          WHERE platform = ${platform} AND payload IS NOT NULL AND done_at IS NULL AND seq > ${options.afterSeq} AND at >= ${options.since}
          ORDER BY seq
          LIMIT ${options.limit}`;
        return rows.map(waitingEntry);
      }),

    prune: (before) =>
      translated(async () => {
        const result = await db()`DELETE FROM deliveries WHERE at < ${before}`;
        return result.count;
      }),
  };
}
