import type { ConversationStore, DeliveryLedger, DigestStore, ReviewStore, WorkspaceSettingsStore } from '../core/ports.js';
import type { Database } from './open-database.js';
import type { RetentionResult } from './retention.js';
import { openSqliteStorage } from './sqlite-storage.js';

// "The storage" as one object: every port over one database, and what
// operations need from it (readiness, retention, closing). SQLite on a file
// is the default; DATABASE_URL chooses Postgres, whose client is loaded only
// then (a dynamic import), so SQLite users never load it.

export type StorageKind = 'sqlite' | 'postgres';

/** What /readyz reports for the database: ready, or why not. */
export type DatabaseReadiness = { ready: true } | { ready: false; reason: string };

export interface StoragePorts {
  conversations: ConversationStore;
  reviews: ReviewStore;
  settings: WorkspaceSettingsStore;
  ledger: DeliveryLedger;
  digestStore: DigestStore;
}

interface StorageCommon extends StoragePorts {
  /** Names the database in messages and logs: the file, or the URL without its password. */
  readonly label: string;
  /** A cheap round trip (bounded in time), for /readyz. */
  readiness(): Promise<DatabaseReadiness>;
  /** RETENTION_DAYS: deletes saved chat, assessment records and deliveries older than `cutoff`. */
  deleteOlderThan(cutoff: Date): Promise<RetentionResult>;
  /** Serving: waits inside the database stay short, so one slow writer cannot stall the event loop. */
  tuneForServing(): void;
  /** Closes after the statements in flight. */
  close(): Promise<void>;
  /** Closes in this tick, for the moment before the process exits: nothing can touch the database after it. */
  closeNow(): void;
}

export interface SqliteStorage extends StorageCommon {
  readonly kind: 'sqlite';
  /** The file's connection, for what only SQLite has (the online backup). */
  readonly db: Database;
}

export interface PostgresStorage extends StorageCommon {
  readonly kind: 'postgres';
}

export type Storage = SqliteStorage | PostgresStorage;

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
