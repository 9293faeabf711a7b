import type { PostgresStorage } from '../storage-types.js';
import { createPostgresConversationStore } from './conversation-store.js';
import { createPostgresDeliveryLedger } from './delivery-ledger.js';
import { createPostgresInstallationStore } from './installations.js';
import { createPostgresDigestStore } from './digest-store.js';
import { openPostgres } from './open-postgres.js';
import { createPostgresReadiness } from './postgres-probe.js';
import { deleteOlderThanOnPostgres } from './postgres-retention.js';
import { createPostgresReviewStore } from './review-store.js';
import { createPostgresWorkspaceSettings } from './workspace-settings.js';

// Every port over one Postgres pool (migrated at open, under the advisory
// lock), for replicas that share one database. Loaded only when DATABASE_URL
// is set: this module is where the Postgres client comes in.

export async function openPostgresStorage(url: string): Promise<PostgresStorage> {
  const { sql, label, close } = await openPostgres(url);
  return {
    kind: 'postgres',
    label,
    conversations: createPostgresConversationStore(sql),
    reviews: createPostgresReviewStore(sql),
    settings: createPostgresWorkspaceSettings(sql),
    ledger: createPostgresDeliveryLedger(sql),
    digestStore: createPostgresDigestStore(sql),
    installations: createPostgresInstallationStore(sql),
    readiness: createPostgresReadiness(sql, label),
    deleteOlderThan: (cutoff) => deleteOlderThanOnPostgres(sql, cutoff),
    // Waits happen on the server, never in this event loop: nothing to shorten.
    tuneForServing: () => undefined,
    close,
    // The process exit closes the sockets; a transaction still open is rolled back by the server.
    closeNow: () => void close().catch(() => undefined),
  };
}
