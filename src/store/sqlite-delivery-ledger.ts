import type BetterSqlite3 from 'better-sqlite3';
import type { DeliveryEffect, DeliveryLedger, DeliveryRef, InboxEntry, NewInboxEntry, UnfinishedDelivery } from '../core/ports.js';
import { effectFromRow, jsonColumn, waitingEntry, type EffectRow, type WaitingRow } from './delivery-rows.js';
import { gateOf } from './sqlite-gate.js';
import { createGroupCommit, createTransactionGroup, translated } from './sqlite-ledger-writes.js';

// The delivery ledger on SQLite: claims (the primary key makes them atomic),
// the payload of claimed work until it is done (the inbox: with its arrival
// order, its lane and the request as it arrived), and the effects of that work.
// A write that cannot happen now (locked, disk full) is a StorageUnavailable,
// so the caller can refuse a delivery or retry without knowing about SQLite.

export interface SqliteDeliveryLedger extends DeliveryLedger {
  /** Forgets deliveries claimed before `before` (ISO 8601); returns how many. */
  prune(before: string): Promise<number>;
}

export function createSqliteDeliveryLedger(db: BetterSqlite3.Database): SqliteDeliveryLedger {
  const gate = gateOf(db);
  const writing = <T>(work: () => T): Promise<T> => translated(() => gate.run(work));
  // The primary key makes the claim atomic: of two handlers racing on one
  // retried delivery, exactly one insert changes a row.
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT OR IGNORE INTO deliveries (platform, workspace, delivery_id, at) VALUES (?, ?, ?, ?)',
  );
  const insertWork = db.prepare<[string, string, string, string, string]>(
    'INSERT OR IGNORE INTO deliveries (platform, workspace, delivery_id, at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  // One statement: the arrival number is taken under the insert's own write lock.
  const insertEntry = db.prepare<[string, string, string, string, string, string, string]>(
    `INSERT OR IGNORE INTO deliveries (platform, workspace, delivery_id, at, payload, lane, raw, seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM deliveries))`,
  );
  const selectWaiting = db.prepare<[string, number, string, number], WaitingRow>(
    `SELECT seq, workspace, delivery_id, lane, at, payload, raw FROM deliveries
     WHERE platform = ? AND payload IS NOT NULL AND done_at IS NULL AND seq > ? AND at >= ? ORDER BY seq LIMIT ?`,
  );
  const markDone = db.prepare<[string, string, string, string]>(
    'UPDATE deliveries SET done_at = ?, payload = NULL, raw = NULL WHERE platform = ? AND workspace = ? AND delivery_id = ? AND done_at IS NULL',
  );
  const dropEffects = db.prepare<[string, string, string]>('DELETE FROM delivery_effects WHERE platform = ? AND workspace = ? AND delivery_id = ?');
  const selectUnfinished = db.prepare<[string, string], { workspace: string; delivery_id: string; at: string; payload: string }>(
    'SELECT workspace, delivery_id, at, payload FROM deliveries WHERE platform = ? AND at >= ? AND payload IS NOT NULL AND done_at IS NULL ORDER BY at',
  );
  const selectEffects = db.prepare<[string, string, string], EffectRow>(
    'SELECT step, state, result, at FROM delivery_effects WHERE platform = ? AND workspace = ? AND delivery_id = ? ORDER BY at, step',
  );
  const upsertEffect = db.prepare<[string, string, string, string, string, string | null, string]>(`
    INSERT INTO delivery_effects (platform, workspace, delivery_id, step, state, result, at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (platform, workspace, delivery_id, step) DO UPDATE SET state = excluded.state, result = excluded.result, at = excluded.at`);
  const deleteBefore = db.prepare<[string]>('DELETE FROM deliveries WHERE at < ?');
  // One conditional update is the whole decision, taken under the write lock:
  // of two replicas asking at once, one changes the row and the other sees it leased.
  const takeLease = db.prepare<{ platform: string; workspace: string; id: string; holder: string; now: string; until: string }>(
    `UPDATE deliveries SET lease_holder = @holder, lease_until = @until
     WHERE platform = @platform AND workspace = @workspace AND delivery_id = @id AND payload IS NOT NULL AND done_at IS NULL
       AND (lease_holder IS NULL OR lease_holder = @holder OR lease_until <= @now)
       AND NOT EXISTS (
         SELECT 1 FROM deliveries earlier
         WHERE earlier.platform = @platform AND earlier.lane = deliveries.lane AND earlier.seq < deliveries.seq
           AND earlier.payload IS NOT NULL AND earlier.done_at IS NULL
           AND earlier.lease_holder IS NOT NULL AND earlier.lease_holder <> @holder AND earlier.lease_until > @now)`,
  );
  const renewAll = db.prepare<[string, string, string]>(
    'UPDATE deliveries SET lease_until = ? WHERE platform = ? AND lease_holder = ? AND payload IS NOT NULL AND done_at IS NULL',
  );
  const releaseOne = db.prepare<[string, string, string, string]>(
    'UPDATE deliveries SET lease_holder = NULL, lease_until = NULL WHERE platform = ? AND workspace = ? AND delivery_id = ? AND lease_holder = ?',
  );
  const selectHolders = db.prepare<[string], { holder: string }>(
    'SELECT DISTINCT lease_holder AS holder FROM deliveries WHERE platform = ? AND lease_holder IS NOT NULL AND payload IS NOT NULL AND done_at IS NULL ORDER BY 1',
  );
  const releaseAll = db.prepare<[string, string]>(
    'UPDATE deliveries SET lease_holder = NULL, lease_until = NULL WHERE platform = ? AND lease_holder = ? AND payload IS NOT NULL AND done_at IS NULL',
  );

  const insertOne = (entry: NewInboxEntry) =>
    insertEntry.run(entry.platform, entry.workspace, entry.deliveryId, entry.at, jsonColumn(entry.payload), entry.lane, jsonColumn(entry.raw)).changes === 1;
  const insertAll = db.transaction((entries: readonly NewInboxEntry[]) => entries.map(insertOne));
  const complete = db.transaction((platform: string, workspace: string, deliveryId: string, at: string) => {
    markDone.run(at, platform, workspace, deliveryId);
    dropEffects.run(platform, workspace, deliveryId);
  });
  const record = (ref: DeliveryRef, step: string, state: 'begun' | 'done', result: unknown, at: string) =>
    upsertEffect.run(ref.platform, ref.workspace, ref.deliveryId, step, state, state === 'done' ? jsonColumn(result) : null, at);
  // The writes every delivery makes a few of while many run at once: a commit each would be most of their cost.
  const grouped = createGroupCommit(db, gate);
  const atomically = createTransactionGroup(db, gate);

  return {
    claim: (platform, workspace, deliveryId, at) => writing(() => insert.run(platform, workspace, deliveryId, at).changes === 1),
    claimWork: (platform, workspace, deliveryId, at, payload) =>
      writing(() => insertWork.run(platform, workspace, deliveryId, at, jsonColumn(payload)).changes === 1),
    complete: (platform, workspace, deliveryId, at) => grouped(() => complete(platform, workspace, deliveryId, at)),
    unfinished: (platform, since) =>
      gate.run((): UnfinishedDelivery[] =>
        selectUnfinished.all(platform, since).map((row) => ({
          workspace: row.workspace,
          deliveryId: row.delivery_id,
          at: row.at,
          payload: JSON.parse(row.payload) as unknown,
        })),
      ),
    effects: (ref) =>
      gate.run((): DeliveryEffect[] =>
        selectEffects.all(ref.platform, ref.workspace, ref.deliveryId).map(effectFromRow),
      ),
    beginEffect: (ref, step, at) => grouped(() => void record(ref, step, 'begun', null, at)),
    recordEffect: (ref, step, result, at) => grouped(() => void record(ref, step, 'done', result, at)),
    recordWith: (ref, step, at, work) =>
      // BEGIN IMMEDIATE takes the write lock first, so the work never finds the file changed under it half-way.
      atomically(async () => {
        const result = await work();
        record(ref, step, 'done', result, at);
        return result;
      }),
    enqueue: (entry) => writing(() => insertOne(entry)),
    enqueueAll: (entries) => writing(() => insertAll.immediate(entries)),
    waiting: (platform, options) => gate.run((): InboxEntry[] => selectWaiting.all(platform, options.afterSeq, options.since, options.limit).map(waitingEntry)),
    lease: (request) =>
      grouped(
        () =>
          takeLease.run({ platform: request.platform, workspace: request.workspace, id: request.deliveryId, holder: request.holder, now: request.now, until: request.until }).changes === 1,
      ),
    renewLeases: (platform, holder, until) => writing(() => renewAll.run(until, platform, holder).changes),
    releaseLease: (ref, holder) => grouped(() => void releaseOne.run(ref.platform, ref.workspace, ref.deliveryId, holder)),
    releaseLeases: (platform, holder) => writing(() => releaseAll.run(platform, holder).changes),
    leaseHolders: (platform) => gate.run(() => selectHolders.all(platform).map((row) => row.holder)),
    prune: (before) => writing(() => deleteBefore.run(before).changes),
  };
}
