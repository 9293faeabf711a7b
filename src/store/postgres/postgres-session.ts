import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql, TransactionSql } from 'postgres';

// Every store over one Postgres pool shares one session, so a transaction
// opened through any store's port covers the writes the work makes through
// the others: inside `transaction`, `sql()` is that transaction's connection
// (found through AsyncLocalStorage); outside it, the pool. A transaction
// inside a transaction becomes a savepoint, as on SQLite.

export interface PostgresSession {
  /** The connection to run a statement on: the open transaction's, or the pool. */
  sql(): Sql;
  /** Runs `work` atomically: all its writes land or none do. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** True inside the work of an open transaction of this session. */
  inTransaction(): boolean;
}

const sessions = new WeakMap<Sql, PostgresSession>();

/** The one session of a pool: every store built over `sql` shares it. */
export function sessionOf(sql: Sql): PostgresSession {
  let session = sessions.get(sql);
  if (!session) sessions.set(sql, (session = createSession(sql)));
  return session;
}

function createSession(pool: Sql): PostgresSession {
  const scope = new AsyncLocalStorage<TransactionSql>();

  async function transaction<T>(work: () => Promise<T>): Promise<T> {
    const open = scope.getStore();
    // postgres.js types the callback's result as UnwrapPromiseArray<T>; the value is `work`'s own.
    if (open) return (await open.savepoint(() => scope.run(open, work))) as T;
    return (await pool.begin((tx) => scope.run(tx, work))) as T;
  }

  return {
    // A TransactionSql runs statements exactly like the pool's Sql; only begin/end are missing from it.
    sql: () => (scope.getStore() as Sql | undefined) ?? pool,
    transaction,
    inTransaction: () => scope.getStore() !== undefined,
  };
}
