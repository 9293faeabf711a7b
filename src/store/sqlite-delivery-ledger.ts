import type BetterSqlite3 from 'better-sqlite3';
import type { DeliveryLedger, UnfinishedDelivery } from '../core/ports.js';

export interface SqliteDeliveryLedger extends DeliveryLedger {
  /** Forgets deliveries claimed before `before` (ISO 8601); returns how many. */
  prune(before: string): number;
}

export function createSqliteDeliveryLedger(db: BetterSqlite3.Database): SqliteDeliveryLedger {
  // The primary key makes the claim atomic: of two handlers racing on one
  // retried delivery, exactly one insert changes a row.
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT OR IGNORE INTO deliveries (platform, workspace, delivery_id, at) VALUES (?, ?, ?, ?)',
  );
  const insertWork = db.prepare<[string, string, string, string, string]>(
    'INSERT OR IGNORE INTO deliveries (platform, workspace, delivery_id, at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  const markDone = db.prepare<[string, string, string, string]>(
    'UPDATE deliveries SET done_at = ? WHERE platform = ? AND workspace = ? AND delivery_id = ? AND done_at IS NULL',
  );
  const selectUnfinished = db.prepare<[string, string], { workspace: string; delivery_id: string; at: string; payload: string }>(
    'SELECT workspace, delivery_id, at, payload FROM deliveries WHERE platform = ? AND at >= ? AND payload IS NOT NULL AND done_at IS NULL ORDER BY at',
  );
  const deleteBefore = db.prepare<[string]>('DELETE FROM deliveries WHERE at < ?');

  return {
    claim(platform, workspace, deliveryId, at) {
      return insert.run(platform, workspace, deliveryId, at).changes === 1;
    },
    claimWork(platform, workspace, deliveryId, at, payload) {
      return insertWork.run(platform, workspace, deliveryId, at, JSON.stringify(payload ?? null)).changes === 1;
    },
    complete(platform, workspace, deliveryId, at) {
      markDone.run(at, platform, workspace, deliveryId);
    },
    unfinished(platform, since): UnfinishedDelivery[] {
      return selectUnfinished.all(platform, since).map((row) => ({
        workspace: row.workspace,
        deliveryId: row.delivery_id,
        at: row.at,
        payload: JSON.parse(row.payload) as unknown,
      }));
    },
    prune(before) {
      return deleteBefore.run(before).changes;
    },
  };
}
