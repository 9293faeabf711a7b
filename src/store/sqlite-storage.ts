import type { SqliteStorage } from './storage-types.js';
import { openDatabase } from './open-database.js';
import { checkpoint, deleteOlderThan } from './retention.js';
import { createSqliteConversationStore } from './sqlite-conversation-store.js';
import { createSqliteDeliveryLedger } from './sqlite-delivery-ledger.js';
import { createSqliteInstallationStore } from './sqlite-installations.js';
import { createSqliteDigestStore } from './sqlite-digest-store.js';
import { createSqliteReviewStore } from './sqlite-review-store.js';
import { createSqliteWorkspaceSettings } from './sqlite-workspace-settings.js';

// The embedded default: every port over one SQLite file.

/**
 * How long one write may wait inside SQLite for another process's lock while
 * serving. better-sqlite3 blocks the event loop meanwhile, so this stays
 * short; the delivery code waits longer by retrying between other work.
 */
export const SERVE_BUSY_TIMEOUT_MS = 50;

export function openSqliteStorage(file: string): SqliteStorage {
  return sqliteStorageOver(openDatabase(file));
}

/** The storage over a connection already open (tests that also read the file directly). */
export function sqliteStorageOver(db: ReturnType<typeof openDatabase>): SqliteStorage {
  const closeNow = () => {
    if (!db.open) return;
    try {
      checkpoint(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    label: db.name,
    db,
    conversations: createSqliteConversationStore(db),
    reviews: createSqliteReviewStore(db),
    settings: createSqliteWorkspaceSettings(db),
    ledger: createSqliteDeliveryLedger(db),
    digestStore: createSqliteDigestStore(db),
    installations: createSqliteInstallationStore(db),
    readiness: () => Promise.resolve(db.open ? { ready: true } : { ready: false, reason: `the database ${db.name} is closed` }),
    deleteOlderThan: (cutoff) => deleteOlderThan(db, cutoff),
    tuneForServing: () => void db.pragma(`busy_timeout = ${SERVE_BUSY_TIMEOUT_MS}`),
    close: () => Promise.resolve(closeNow()),
    closeNow,
  };
}
