import type BetterSqlite3 from 'better-sqlite3';
import type { WorkspaceSettings, WorkspaceSettingsStore } from '../core/ports.js';
import { gated, gateOf } from './sqlite-gate.js';

// Settings kept per workspace on one platform, one row each: today the
// default region an assessment is priced in when its words name none.

interface SettingsRow {
  region: string | null;
  updated_by: string;
  updated_at: string;
}

function settingsOf(row: SettingsRow): WorkspaceSettings {
  return { region: row.region, updatedBy: row.updated_by, updatedAt: row.updated_at };
}

export function createSqliteWorkspaceSettings(db: BetterSqlite3.Database): WorkspaceSettingsStore {
  const read = db.prepare<{ platform: string; workspace: string }, SettingsRow>(
    'SELECT region, updated_by, updated_at FROM workspace_settings WHERE platform = @platform AND workspace = @workspace',
  );
  const write = db.prepare<{ platform: string; workspace: string; region: string | null; by: string; at: string }>(
    `INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES (@platform, @workspace, @region, @by, @at)
     ON CONFLICT (platform, workspace) DO UPDATE SET region = excluded.region, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  return gated(gateOf(db), {
    get(platform: string, workspace: string): WorkspaceSettings | null {
      const row = read.get({ platform, workspace });
      return row ? settingsOf(row) : null;
    },
    setRegion(platform: string, workspace: string, region: string | null, by: string, at: string): WorkspaceSettings {
      write.run({ platform, workspace, region, by, at });
      return { region, updatedBy: by, updatedAt: at };
    },
  });
}
