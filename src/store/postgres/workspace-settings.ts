import type { Sql } from 'postgres';
import type { WorkspaceSettings, WorkspaceSettingsStore } from '../../core/ports.js';
import { commitmentOf, commitmentText } from '../commitment-setting-json.js';
import { sessionOf } from './postgres-session.js';

// Settings kept per workspace on one platform, one row each, on Postgres: the
// default region and the standing commitment an assessment is priced with
// when its words name none.

type Row = { region: string | null; commitment: string | null; updated_by: string; updated_at: string };

function settingsOf(row: Row): WorkspaceSettings {
  return { region: row.region, commitment: commitmentOf(row.commitment), updatedBy: row.updated_by, updatedAt: row.updated_at };
}

export function createPostgresWorkspaceSettings(pool: Sql): WorkspaceSettingsStore {
  const session = sessionOf(pool);
  return {
    async get(platform, workspace): Promise<WorkspaceSettings | null> {
      const [row] = await session.sql()<Row[]>`
        SELECT region, commitment, updated_by, updated_at FROM workspace_settings WHERE platform = ${platform} AND workspace = ${workspace}`;
      return row ? settingsOf(row) : null;
    },
    async setRegion(platform, workspace, region, by, at): Promise<WorkspaceSettings> {
      const [row] = await session.sql()<Row[]>`
        INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES (${platform}, ${workspace}, ${region}, ${by}, ${at})
        ON CONFLICT (platform, workspace) DO UPDATE SET region = excluded.region, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        RETURNING region, commitment, updated_by, updated_at`;
      return settingsOf(row!);
    },
    async setCommitment(platform, workspace, commitment, by, at): Promise<WorkspaceSettings> {
      const [row] = await session.sql()<Row[]>`
        INSERT INTO workspace_settings (platform, workspace, commitment, updated_by, updated_at) VALUES (${platform}, ${workspace}, ${commitmentText(commitment)}, ${by}, ${at})
        ON CONFLICT (platform, workspace) DO UPDATE SET commitment = excluded.commitment, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        RETURNING region, commitment, updated_by, updated_at`;
      return settingsOf(row!);
    },
  };
}
