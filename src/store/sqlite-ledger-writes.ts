import type BetterSqlite3 from 'better-sqlite3';
import { StorageUnavailable } from '../core/ports.js';
import type { SqliteGate } from './sqlite-gate.js';
import { sqliteCode } from './store-error.js';

// How the SQLite delivery ledger writes: "cannot write now" (locked, disk
// full, failing) becomes a StorageUnavailable the caller can act on, and the
// small writes that many deliveries make at once share one commit.

/** An error of better-sqlite3 as the port names it; other errors (bugs) pass through unchanged. */
export function translatedError(error: unknown): unknown {
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

/** Runs a write, turning "cannot write now" into a StorageUnavailable. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translatedError(error);
  }
}

interface GroupedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** More than this in one turn starts another transaction: a commit never waits on an unbounded batch. */
const MOST_PER_COMMIT = 256;

/**
 * Group commit for the small writes many deliveries make at once (a lease
 * taken, an effect noted, a delivery done): those asked for within one turn of
 * the event loop share one transaction, each in a savepoint of its own (one
 * that fails is rolled back and rejected alone), run in the order asked, so
 * each sees exactly what it would have seen alone. Each caller hears back only
 * once the commit is written, as if it had committed alone. A write asked for
 * inside the gate's open transaction stays part of that transaction.
 */
export function createGroupCommit(db: BetterSqlite3.Database, gate: SqliteGate): <T>(work: () => T) => Promise<T> {
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
      const refused = translatedError(error);
      for (const write of writes) write.reject(refused);
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

interface GroupedTransaction {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many deliveries' steps share one transaction: the write lock is never held for a long queue. */
const MOST_PER_GROUP = 8;

/**
 * Group commit for the atomic steps of deliveries (the advisor's answer saved
 * with the conversation, each recorded in the ledger): steps that queue for
 * the write lock while another runs are run after it in the same transaction,
 * one at a time and each in a savepoint of its own (a step that throws is
 * rolled back alone), and every caller hears back once the one commit is
 * written, or gets its error if the commit fails, as if it had committed alone.
 * A step asked for inside the open transaction is a savepoint of it, as before.
 */
export function createTransactionGroup(db: BetterSqlite3.Database, gate: SqliteGate): <T>(work: () => Promise<T>) => Promise<T> {
  const queue: GroupedTransaction[] = [];
  let running = false;

  async function runGroup(): Promise<void> {
    running = true;
    const settled: { step: GroupedTransaction; ok: boolean; value: unknown }[] = [];
    try {
      await gate.transaction(async () => {
        while (queue.length > 0 && settled.length < MOST_PER_GROUP) {
          const step = queue.shift()!;
          try {
            settled.push({ step, ok: true, value: await gate.transaction(step.work) });
          } catch (error) {
            settled.push({ step, ok: false, value: translatedError(error) });
            // SQLite rolled the whole transaction back (a full disk, say): the steps before this one are gone too.
            if (!db.inTransaction) throw error;
          }
        }
      });
      for (const { step, ok, value } of settled) (ok ? step.resolve : step.reject)(value);
    } catch (error) {
      // BEGIN or COMMIT failed, or the transaction was lost: nothing of the group was written.
      const refused = translatedError(error);
      const group = settled.length > 0 ? settled.map((s) => s.step) : queue.splice(0, MOST_PER_GROUP);
      for (const step of group) step.reject(refused);
    } finally {
      running = false;
      if (queue.length > 0) void runGroup();
    }
  }

  return <T>(work: () => Promise<T>): Promise<T> => {
    if (gate.inTransaction()) return translated(() => gate.transaction(work));
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!running) void runGroup();
    });
  };
}
