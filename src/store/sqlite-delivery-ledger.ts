import type BetterSqlite3 from 'better-sqlite3';
import type { DeliveryLedger } from '../core/ports.js';

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
  const deleteBefore = db.prepare<[string]>('DELETE FROM deliveries WHERE at < ?');

  return {
    claim(platform, workspace, deliveryId, at) {
      return insert.run(platform, workspace, deliveryId, at).changes === 1;
    },
    prune(before) {
      return deleteBefore.run(before).changes;
    },
  };
}
