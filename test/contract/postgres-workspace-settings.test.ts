import { createPostgresWorkspaceSettings } from '../../src/store/postgres/workspace-settings.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresForTests } from '../helpers/postgres-stores.js';
import { workspaceSettingsContract } from './workspace-settings.contract.js';

describePostgres('Postgres workspace settings', () => {
  const pg = usePostgresForTests();
  workspaceSettingsContract('Postgres', async () => ({ settings: createPostgresWorkspaceSettings((await pg.empty()).sql), close: () => undefined }));
});
