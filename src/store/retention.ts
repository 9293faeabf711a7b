import type BetterSqlite3 from 'better-sqlite3';
import { gateOf } from './sqlite-gate.js';

// RETENTION_DAYS: saved chat older than the cutoff is deleted. A conversation
// goes (with all its turns) once it has been idle since before the cutoff;
// older turns of a conversation still in use go too, since its state lives on
// the conversation row. Assessment records and the delivery ledger age out by
// their own timestamps. Timestamps are ISO 8601 UTC text, so text order is time order.

export interface RetentionResult {
  conversations: number;
  turns: number;
  assessments: number;
  deliveries: number;
}

export function deleteOlderThan(db: BetterSqlite3.Database, cutoff: Date): Promise<RetentionResult> {
  const before = cutoff.toISOString();
  const run = db.transaction((): RetentionResult => {
    // Turns first, counted explicitly: the cascade from conversations would not report them.
    const turnsOfIdle = db
      .prepare('DELETE FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE updated_at < ?)')
      .run(before).changes;
    const oldTurns = db.prepare('DELETE FROM turns WHERE at < ?').run(before).changes;
    const conversations = db.prepare('DELETE FROM conversations WHERE updated_at < ?').run(before).changes;
    const assessments = db.prepare('DELETE FROM assessments WHERE at < ?').run(before).changes;
    const deliveries = db.prepare('DELETE FROM deliveries WHERE at < ?').run(before).changes;
    return { conversations, turns: turnsOfIdle + oldTurns, assessments, deliveries };
  });
  // After any open transaction: its writes must not be swept into this one.
  return gateOf(db).run(() => run.immediate());
}

/** The cutoff for `days` of retention at `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

/**
 * Folds the WAL back into the database file and truncates it, so the file on
 * the volume is complete on its own (before close, after a backup, on shutdown).
 */
export function checkpoint(db: BetterSqlite3.Database): void {
  if (db.open && !db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
}
