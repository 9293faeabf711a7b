import type BetterSqlite3 from 'better-sqlite3';
import type { CommitmentSetting, WorkspaceSettings, WorkspaceSettingsStore } from '../core/ports.js';
import { commitmentOf, commitmentText } from './commitment-setting-json.js';
import { gated, gateOf } from './sqlite-gate.js';

// Settings kept per workspace on one platform, one row each: the default
// region and the standing commitment an assessment is priced with when its
// words name none.

interface SettingsRow {
  region: string | null;
  commitment: string | null;
  updated_by: string;
  updated_at: string;
}

function settingsOf(row: SettingsRow): WorkspaceSettings {
  return { region: row.region, commitment: commitmentOf(row.commitment), updatedBy: row.updated_by, updatedAt: row.updated_at };
}

type Key = { platform: string; workspace: string };

export function createSqliteWorkspaceSettings(db: BetterSqlite3.Database): WorkspaceSettingsStore {
  const read = db.prepare<Key, SettingsRow>('SELECT region, commitment, updated_by, updated_at FROM workspace_settings WHERE platform = @platform AND workspace = @workspace');
  // Each setter changes its own column and keeps the other.
  const writeRegion = db.prepare<Key & { value: string | null; by: string; at: string }>(
    `INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES (@platform, @workspace, @value, @by, @at)
     ON CONFLICT (platform, workspace) DO UPDATE SET region = excluded.region, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const writeCommitment = db.prepare<Key & { value: string | null; by: string; at: string }>(
    `INSERT INTO workspace_settings (platform, workspace, commitment, updated_by, updated_at) VALUES (@platform, @workspace, @value, @by, @at)
     ON CONFLICT (platform, workspace) DO UPDATE SET commitment = excluded.commitment, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const stored = (platform: string, workspace: string): WorkspaceSettings => settingsOf(read.get({ platform, workspace })!);
  return gated(gateOf(db), {
    get(platform: string, workspace: string): WorkspaceSettings | null {
      const row = read.get({ platform, workspace });
      return row ? settingsOf(row) : null;
    },
    setRegion(platform: string, workspace: string, region: string | null, by: string, at: string): WorkspaceSettings {
      writeRegion.run({ platform, workspace, value: region, by, at });
      return stored(platform, workspace);
    },
    setCommitment(platform: string, workspace: string, commitment: CommitmentSetting | null, by: string, at: string): WorkspaceSettings {
      writeCommitment.run({ platform, workspace, value: commitmentText(commitment), by, at });
      return stored(platform, workspace);
    },
  });
}
