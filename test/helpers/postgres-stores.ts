import { afterAll, beforeAll } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../src/store/postgres/open-postgres.js';
import { freshPostgresDatabase, type FreshDatabase } from './postgres.js';

// One migrated database per test file (creating one per test would cost a
// migration each), emptied before each test that asks for it (sequences go on counting), so every
// contract test starts from nothing as it does on a new SQLite file.

export interface PostgresForTests {
  /** The file's database, every table emptied and every sequence restarted. */
  empty(): Promise<PostgresDatabase>;
  /** Another pool on the same database: a second replica. */
  another(): Promise<PostgresDatabase>;
  url(): string;
}

/** Call inside `describePostgres`: opens the database before the first test and drops it after the last. */
export function usePostgresForTests(): PostgresForTests {
  let fresh: FreshDatabase | undefined;
  let db: PostgresDatabase | undefined;
  const extra: PostgresDatabase[] = [];
  let tables: string[] | undefined;
  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
    db = await openPostgres(fresh.url, { max: 4 });
  });
  afterAll(async () => {
    await Promise.all(extra.splice(0).map((other) => other.close()));
    await db?.close();
    await fresh?.drop();
  });
  return {
    async empty() {
      if (!db) throw new Error('the Postgres test database is not open yet');
      // DELETE, not TRUNCATE: on tables this small it is many times faster.
      // Every foreign key cascades, so the order does not matter; the names
      // come from the catalog (no values), sent as one simple query.
      tables ??= (
        await db.sql<{ name: string }[]>`
          SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`
      ).map((t) => t.name);
      await db.sql.unsafe(tables.map((name) => `DELETE FROM "${name}"`).join('; '));
      return db;
    },
    async another() {
      if (!fresh) throw new Error('the Postgres test database is not open yet');
      const other = await openPostgres(fresh.url, { max: 4 });
      extra.push(other);
      return other;
    },
    url: () => {
      if (!fresh) throw new Error('the Postgres test database is not open yet');
      return fresh.url;
    },
  };
}
