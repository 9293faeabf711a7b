import { createPostgresWorkspaceSettings } from '../../src/store/postgres/workspace-settings.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { createPostgresConversationStore } from '../../src/store/postgres/conversation-store.js';
import { createPostgresDeliveryLedger } from '../../src/store/postgres/delivery-ledger.js';
import { createPostgresDigestStore } from '../../src/store/postgres/digest-store.js';
import { createPostgresReviewStore } from '../../src/store/postgres/review-store.js';
import { workspaceScopingContract } from './workspace-scoping.contract.js';
import { workspaceSettingsContract } from './workspace-settings.contract.js';

describePostgres('Postgres workspace settings and scoping', () => {
  const pg = usePostgresForTests();
  workspaceSettingsContract('Postgres', async () => ({ settings: createPostgresWorkspaceSettings((await pg.empty()).sql), close: () => undefined }));

  workspaceScopingContract('Postgres', async () => {
    const { sql } = await pg.empty();
    return {
      conversations: createPostgresConversationStore(sql),
      reviews: createPostgresReviewStore(sql),
      settings: createPostgresWorkspaceSettings(sql),
      ledger: createPostgresDeliveryLedger(sql),
      digests: createPostgresDigestStore(sql),
    };
  });
});
