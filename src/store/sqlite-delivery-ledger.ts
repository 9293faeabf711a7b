import type BetterSqlite3 from 'better-sqlite3';
import { StorageUnavailable, type DeliveryEffect, type DeliveryLedger, type DeliveryRef, type InboxEntry, type NewInboxEntry, type UnfinishedDelivery } from '../core/ports.js';
import { effectFromRow, jsonColumn, waitingEntry, type EffectRow, type WaitingRow } from './delivery-rows.js';
import { gateOf } from './sqlite-gate.js';
import { sqliteCode } from './store-error.js';

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

  const insertOne = (entry: NewInboxEntry) =>
    insertEntry.run(entry.platform, entry.workspace, entry.deliveryId, entry.at, jsonColumn(entry.payload), entry.lane, jsonColumn(entry.raw)).changes === 1;
  const insertAll = db.transaction((entries: readonly NewInboxEntry[]) => entries.map(insertOne));
  const complete = db.transaction((platform: string, workspace: string, deliveryId: string, at: string) => {
    markDone.run(at, platform, workspace, deliveryId);
    dropEffects.run(platform, workspace, deliveryId);
  });
  const record = (ref: DeliveryRef, step: string, state: 'begun' | 'done', result: unknown, at: string) =>
    upsertEffect.run(ref.platform, ref.workspace, ref.deliveryId, step, state, state === 'done' ? jsonColumn(result) : null, at);

  return {
    claim: (platform, workspace, deliveryId, at) => writing(() => insert.run(platform, workspace, deliveryId, at).changes === 1),
    claimWork: (platform, workspace, deliveryId, at, payload) =>
      writing(() => insertWork.run(platform, workspace, deliveryId, at, jsonColumn(payload)).changes === 1),
    complete: (platform, workspace, deliveryId, at) => writing(() => complete.immediate(platform, workspace, deliveryId, at)),
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
    beginEffect: (ref, step, at) => writing(() => void record(ref, step, 'begun', null, at)),
    recordEffect: (ref, step, result, at) => writing(() => void record(ref, step, 'done', result, at)),
    recordWith: (ref, step, at, work) =>
      // BEGIN IMMEDIATE takes the write lock first, so the work never finds the file changed under it half-way.
      translated(() =>
        gate.transaction(async () => {
          const result = await work();
          record(ref, step, 'done', result, at);
          return result;
        }),
      ),
    enqueue: (entry) => writing(() => insertOne(entry)),
    enqueueAll: (entries) => writing(() => insertAll.immediate(entries)),
    waiting: (platform, options) => gate.run((): InboxEntry[] => selectWaiting.all(platform, options.afterSeq, options.since, options.limit).map(waitingEntry)),
    prune: (before) => writing(() => deleteBefore.run(before).changes),
  };
}

/** Runs a write, turning "cannot write now" into a StorageUnavailable; other errors (bugs) pass through. */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = sqliteCode(error) ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new StorageUnavailable('busy', 'The database is locked by another process.', { cause: error });
    }
    if (code === 'SQLITE_FULL') throw new StorageUnavailable('full', 'The disk holding the database is full.', { cause: error });
    if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
      throw new StorageUnavailable('failed', `The database could not be written (${code}): the disk may be full or failing.`, { cause: error });
    }
    throw error;
  }
}
