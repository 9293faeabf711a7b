import type BetterSqlite3 from 'better-sqlite3';
import { StorageUnavailable, type DeliveryEffect, type DeliveryLedger, type DeliveryRef, type InboxEntry, type NewInboxEntry, type UnfinishedDelivery } from '../core/ports.js';
import { gateOf, type SqliteGate } from './sqlite-gate.js';
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

interface WaitingRow {
  seq: number;
  workspace: string;
  delivery_id: string;
  lane: string;
  at: string;
  payload: string;
  raw: string | null;
}

interface EffectRow {
  step: string;
  state: 'begun' | 'done';
  result: string | null;
  at: string;
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
    insertEntry.run(entry.platform, entry.workspace, entry.deliveryId, entry.at, JSON.stringify(entry.payload ?? null), entry.lane, JSON.stringify(entry.raw ?? null)).changes === 1;
  const insertAll = db.transaction((entries: readonly NewInboxEntry[]) => entries.map(insertOne));
  const complete = db.transaction((platform: string, workspace: string, deliveryId: string, at: string) => {
    markDone.run(at, platform, workspace, deliveryId);
    dropEffects.run(platform, workspace, deliveryId);
  });
  const record = (ref: DeliveryRef, step: string, state: 'begun' | 'done', result: unknown, at: string) =>
    upsertEffect.run(ref.platform, ref.workspace, ref.deliveryId, step, state, state === 'done' ? JSON.stringify(result ?? null) : null, at);
  const grouped = createGroupCommit(db, gate);

  return {
    claim: (platform, workspace, deliveryId, at) => writing(() => insert.run(platform, workspace, deliveryId, at).changes === 1),
    claimWork: (platform, workspace, deliveryId, at, payload) =>
      writing(() => insertWork.run(platform, workspace, deliveryId, at, JSON.stringify(payload ?? null)).changes === 1),
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
        selectEffects.all(ref.platform, ref.workspace, ref.deliveryId).map((row) => ({
          step: row.step,
          state: row.state,
          result: row.result === null ? null : (JSON.parse(row.result) as unknown),
          at: row.at,
        })),
      ),
    beginEffect: (ref, step, at) => grouped(() => void record(ref, step, 'begun', null, at)),
    recordEffect: (ref, step, result, at) => grouped(() => void record(ref, step, 'done', result, at)),
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

/**
 * A waiting row as an entry. The workers look at many entries for each one
 * they start (the lanes already running), so the JSON is parsed only when read.
 */
function waitingEntry(row: WaitingRow): InboxEntry {
  let payload: unknown;
  let raw: unknown;
  return {
    seq: row.seq,
    workspace: row.workspace,
    deliveryId: row.delivery_id,
    lane: row.lane,
    at: row.at,
    get payload() {
      payload ??= JSON.parse(row.payload) as unknown;
      return payload;
    },
    get raw() {
      if (raw === undefined) raw = row.raw === null ? null : (JSON.parse(row.raw) as unknown);
      return raw;
    },
  };
}

/** Runs a write, turning "cannot write now" into a StorageUnavailable; other errors (bugs) pass through. */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translatedError(error);
  }
}

function translatedError(error: unknown): unknown {
  const code = sqliteCode(error) ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageUnavailable('busy', 'The database is locked by another process.', { cause: error });
  }
  if (code === 'SQLITE_FULL') return new StorageUnavailable('full', 'The disk holding the database is full.', { cause: error });
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new StorageUnavailable('failed', `The database could not be written (${code}): the disk may be full or failing.`, { cause: error });
  }
  return error;
}

interface GroupedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** More than this in one turn starts another transaction: a commit never waits on an unbounded batch. */
const MOST_PER_COMMIT = 256;

/**
 * Group commit for the small writes many deliveries make at once (an effect
 * noted, a delivery done): those asked for within one turn of the event loop
 * share one transaction, each in a savepoint of its own (one that fails is
 * rolled back and rejected alone), and each caller hears back only once the
 * commit is on disk, as if it had committed alone. A write asked for inside
 * an open transaction stays part of it.
 */
function createGroupCommit(db: BetterSqlite3.Database, gate: SqliteGate) {
  let batch: GroupedWrite[] = [];
  const each = db.transaction((write: GroupedWrite) => write.work());
  const all = db.transaction((writes: readonly GroupedWrite[]) =>
    writes.map((write) => {
      try {
        return { ok: true as const, value: each(write) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  async function flush(writes: GroupedWrite[]): Promise<void> {
    try {
      const outcomes = await gate.run(() => all.immediate(writes));
      outcomes.forEach((outcome, i) => (outcome.ok ? writes[i]!.resolve(outcome.value) : writes[i]!.reject(translatedError(outcome.error))));
    } catch (error) {
      const translatedAll = translatedError(error);
      for (const write of writes) write.reject(translatedAll);
    }
  }
  return <T>(work: () => T): Promise<T> => {
    if (gate.inTransaction()) return translated(() => gate.run(work));
    return new Promise<T>((resolve, reject) => {
      if (batch.length === 0) {
        setImmediate(() => {
          const taken = batch;
          batch = [];
          for (let i = 0; i < taken.length; i += MOST_PER_COMMIT) void flush(taken.slice(i, i + MOST_PER_COMMIT));
        });
      }
      batch.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  };
}
