import { openSqliteStorage } from './sqlite-storage.js';
import type { Storage } from './storage-types.js';

// "The storage" as one object: every port over one database, and what
// operations need from it (readiness, retention, closing). SQLite on a file
// is the default; DATABASE_URL chooses Postgres, whose client is loaded only
// then (a dynamic import), so SQLite users never load it.

export type { DatabaseReadiness, PostgresStorage, SqliteStorage, Storage, StorageKind, StoragePorts } from './storage-types.js';

/** Where the configuration points: DATABASE_URL when set, the SQLite file otherwise. */
export interface StorageLocation {
  databasePath: string;
  databaseUrl: string | null;
}

/** Opens (and migrates) the configured database; an expected failure is a StoreError fit to print. */
export async function openStorage(location: StorageLocation): Promise<Storage> {
  if (location.databaseUrl === null) return openSqliteStorage(location.databasePath);
  const { openPostgresStorage } = await import('./postgres/postgres-storage.js');
  return openPostgresStorage(location.databaseUrl);
}
