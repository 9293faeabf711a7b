import type { ConversationStore, DeliveryLedger, DigestStore, InstallationStore, ReviewStore, WorkspaceSettingsStore } from '../core/ports.js';
import type { Database } from './open-database.js';
import type { RetentionResult } from './retention.js';

// What "the storage" is, whichever database is behind it: every port, and
// what operations need (readiness, retention, closing). Implemented over
// SQLite (./sqlite-storage.ts) and Postgres (./postgres/postgres-storage.ts).

export type StorageKind = 'sqlite' | 'postgres';

/** What /readyz reports for the database: ready, or why not. */
export type DatabaseReadiness = { ready: true } | { ready: false; reason: string };

export interface StoragePorts {
  conversations: ConversationStore;
  reviews: ReviewStore;
  settings: WorkspaceSettingsStore;
  ledger: DeliveryLedger;
  digestStore: DigestStore;
  installations: InstallationStore;
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
