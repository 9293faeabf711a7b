import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';

// better-sqlite3 has one connection, and a transaction on it spans every
// statement run until COMMIT, whoever runs them. With asynchronous work inside
// a transaction, another caller's statement could land in it (and be rolled
// back with it). The gate serialises transactions and lets only the work of
// the open transaction (recognised through AsyncLocalStorage) use the
// connection meanwhile; everyone else waits until it ends.

export interface SqliteGate {
  /** Runs one synchronous piece of database work, after any open transaction (unless it is that transaction's own). */
  run<T>(work: () => T): Promise<T>;
  /**
   * Runs `work` atomically: BEGIN IMMEDIATE (or a savepoint when already
   * inside a transaction), COMMIT when it resolves, ROLLBACK when it throws.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** True inside the work of this gate's open transaction. */
  inTransaction(): boolean;
}

interface Scope {
  open: boolean;
  savepoints: number;
}

const gates = new WeakMap<BetterSqlite3.Database, SqliteGate>();

/** The one gate of a connection: every store built over `db` shares it, so their transactions compose. */
export function gateOf(db: BetterSqlite3.Database): SqliteGate {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = createGate(db)));
  return gate;
}

function createGate(db: BetterSqlite3.Database): SqliteGate {
  const scope = new AsyncLocalStorage<Scope>();
  const lock = createLock();
  const own = () => scope.getStore()?.open === true;

  async function transaction<T>(work: () => Promise<T>): Promise<T> {
    const current = scope.getStore();
    if (current?.open) return savepoint(current, work);
    const release = await lock.acquire();
    const mine: Scope = { open: true, savepoints: 0 };
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await scope.run(mine, work);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      mine.open = false;
      release();
    }
  }

  async function savepoint<T>(current: Scope, work: () => Promise<T>): Promise<T> {
    const name = `sp${++current.savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }

  async function run<T>(work: () => T): Promise<T> {
    if (own() || lock.idle()) return work();
    const release = await lock.acquire();
    try {
      return work();
    } finally {
      release();
    }
  }

  return { run, transaction, inTransaction: own };
}

/** A first-come first-served async lock. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    idle: () => waiting === 0,
    async acquire(): Promise<() => void> {
      waiting += 1;
      const before = tail;
      let release!: () => void;
      tail = new Promise<void>((resolve) => (release = resolve));
      await before;
      return () => {
        waiting -= 1;
        release();
      };
    },
  };
}

type Gated<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

/** Every method of a synchronous object, run through the gate. */
export function gated<T extends Record<string, (...args: never[]) => unknown>>(gate: SqliteGate, methods: T): Gated<T> {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) out[name] = (...args: never[]) => gate.run(() => method(...args));
  return out as Gated<T>;
}
