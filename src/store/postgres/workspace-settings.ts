import type { Sql } from 'postgres';
import type { WorkspaceSettings, WorkspaceSettingsStore } from '../../core/ports.js';
import { sessionOf } from './postgres-session.js';

// Settings kept per workspace on one platform, one row each, on Postgres:
// today the default region an assessment is priced in when its words name none.

export function createPostgresWorkspaceSettings(pool: Sql): WorkspaceSettingsStore {
  const session = sessionOf(pool);
  return {
    async get(platform, workspace): Promise<WorkspaceSettings | null> {
      const [row] = await session.sql()<{ region: string | null; updated_by: string; updated_at: string }[]>`
        SELECT region, updated_by, updated_at FROM workspace_settings WHERE platform = ${platform} AND workspace = ${workspace}`;
      return row ? { region: row.region, updatedBy: row.updated_by, updatedAt: row.updated_at } : null;
    },
    async setRegion(platform, workspace, region, by, at): Promise<WorkspaceSettings> {
      await session.sql()`
        INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES (${platform}, ${workspace}, ${region}, ${by}, ${at})
        ON CONFLICT (platform, workspace) DO UPDATE SET region = excluded.region, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
      return { region, updatedBy: by, updatedAt: at };
    },
  };
}
