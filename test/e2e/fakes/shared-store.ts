import { join } from 'node:path';
import { openDatabase } from '../../../src/store/open-database.js';
import { openPostgres } from '../../../src/store/postgres/open-postgres.js';
import { freshPostgresDatabase } from '../../helpers/postgres.js';

// The one database several spawned replicas share, as the test sees it: the
// environment that points a replica at it, and plain SQL for what the test
// sets up (a digest subscription) and checks (the inbox, its leases) beside them.

export interface SharedStore {
  name: string;
  /** What a replica is started with to use this database. */
  env: Record<string, string>;
  /** Runs one statement written for both SQLite and Postgres, with no parameters; returns its rows. */
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/** A SQLite file in `dir`, migrated, in WAL mode: replicas on one machine share it. */
export function sharedSqliteFile(dir: string): SharedStore {
  const file = join(dir, 'shared.db');
  const db = openDatabase(file);
  return {
    name: 'one SQLite file',
    env: { SERVERLESS_FIT_DB: file },
    rows: async <T>(sql: string) => (sql.trimStart().toUpperCase().startsWith('SELECT') ? (db.prepare(sql).all() as T[]) : (db.prepare(sql).run(), [])),
    close: async () => void db.close(),
  };
}

/** A fresh database on the test run's Postgres server, migrated: replicas anywhere share it. */
export async function sharedPostgres(): Promise<SharedStore> {
  const fresh = await freshPostgresDatabase();
  const db = await openPostgres(fresh.url, { max: 2 });
  return {
    name: 'one Postgres database',
    env: { DATABASE_URL: fresh.url },
    rows: async <T>(sql: string) => [...(await db.sql.unsafe(sql))] as T[],
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}
