import type BetterSqlite3 from 'better-sqlite3';
import type { AppInstallation, ErasedWorkspace, InstallationKey, InstallationStore, PendingErasure } from '../core/ports.js';
import { installationOf, installationToRow, none, type InstallationRow as StoredRow } from './installation-rows.js';
import { gated, gateOf } from './sqlite-gate.js';

// The app's grants in many workspaces, kept in the same file as everything
// else: a grant per workspace (or per organisation), the workspaces waiting
// for their data to be erased after an uninstall, and the single-use states
// of installs in progress. '' stands for "no workspace" / "no organisation"
// in the key columns, so the key stays a plain primary key.

/** SQLite keeps the details as JSON text. */
type InstallationRow = StoredRow<string>;
const parsed = (row: InstallationRow): StoredRow => ({ ...row, details: JSON.parse(row.details) as unknown });

export function createSqliteInstallationStore(db: BetterSqlite3.Database): InstallationStore {
  const upsert = db.prepare<InstallationRow>(
    `INSERT INTO installations (platform, workspace, organisation, bot_token, bot_user_id, installed_by, installed_at, details)
     VALUES (@platform, @workspace, @organisation, @bot_token, @bot_user_id, @installed_by, @installed_at, @details)
     ON CONFLICT (platform, workspace, organisation) DO UPDATE SET bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id,
       installed_by = excluded.installed_by, installed_at = excluded.installed_at, details = excluded.details`,
  );
  const cancelErasure = db.prepare<{ platform: string; workspace: string }>('DELETE FROM workspace_erasures WHERE platform = @platform AND workspace = @workspace');
  const cancelOrganisationErasures = db.prepare<{ platform: string; organisation: string }>(
    `DELETE FROM workspace_erasures WHERE platform = @platform
       AND workspace IN (SELECT workspace FROM organisation_workspaces WHERE platform = @platform AND organisation = @organisation)`,
  );
  const byWorkspace = db.prepare<{ platform: string; workspace: string }, InstallationRow>('SELECT * FROM installations WHERE platform = @platform AND workspace = @workspace');
  const byOrganisation = db.prepare<{ platform: string; organisation: string }, InstallationRow>(
    "SELECT * FROM installations WHERE platform = @platform AND workspace = '' AND organisation = @organisation",
  );
  const deleteGrant = db.prepare<{ platform: string; workspace: string; organisation: string }>(
    'DELETE FROM installations WHERE platform = @platform AND workspace = @workspace AND (organisation = @organisation OR @workspace <> \'\')',
  );
  const mark = db.prepare<{ platform: string; workspace: string; at: string }>(
    'INSERT INTO workspace_erasures (platform, workspace, revoked_at) VALUES (@platform, @workspace, @at) ON CONFLICT (platform, workspace) DO NOTHING',
  );
  const served = db.prepare<{ platform: string; organisation: string }, { workspace: string }>(
    'SELECT workspace FROM organisation_workspaces WHERE platform = @platform AND organisation = @organisation',
  );
  const organisationOf = db.prepare<{ platform: string; workspace: string }, { organisation: string }>(
    'SELECT organisation FROM organisation_workspaces WHERE platform = @platform AND workspace = @workspace LIMIT 1',
  );
  const noteServed = db.prepare<{ platform: string; organisation: string; workspace: string }>(
    'INSERT INTO organisation_workspaces (platform, organisation, workspace) VALUES (@platform, @organisation, @workspace) ON CONFLICT DO NOTHING',
  );
  const due = db.prepare<{ before: string }, { platform: string; workspace: string; revoked_at: string }>(
    'SELECT platform, workspace, revoked_at FROM workspace_erasures WHERE revoked_at <= @before ORDER BY revoked_at, platform, workspace',
  );
  const pending = db.prepare<{ platform: string; workspace: string }, { revoked_at: string }>('SELECT revoked_at FROM workspace_erasures WHERE platform = @platform AND workspace = @workspace');
  const saveState = db.prepare<{ state: string; expires: string }>('INSERT INTO install_states (state, expires_at) VALUES (@state, @expires) ON CONFLICT (state) DO UPDATE SET expires_at = excluded.expires_at');
  const takeState = db.prepare<{ state: string }, { expires_at: string }>('DELETE FROM install_states WHERE state = @state RETURNING expires_at');
  const dropExpiredStates = db.prepare<{ now: string }>('DELETE FROM install_states WHERE expires_at <= @now');

  const scoped = (sql: string) => db.prepare<{ platform: string; workspace: string }>(sql);
  const erasers = {
    // Turns go with their conversations (ON DELETE CASCADE); counted first, since the cascade does not report them.
    turns: db.prepare<{ platform: string; workspace: string }, { n: number }>(
      'SELECT count(*) AS n FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE platform = @platform AND workspace = @workspace)',
    ),
    conversations: scoped('DELETE FROM conversations WHERE platform = @platform AND workspace = @workspace'),
    assessments: scoped('DELETE FROM assessments WHERE platform = @platform AND workspace = @workspace'),
    // A review's trail goes with it (ON DELETE CASCADE).
    reviews: scoped('DELETE FROM reviews WHERE platform = @platform AND workspace = @workspace'),
    digestRuns: scoped('DELETE FROM digest_runs WHERE subscription_id IN (SELECT id FROM digest_subscriptions WHERE platform = @platform AND workspace = @workspace)'),
    digestSubscriptions: scoped('DELETE FROM digest_subscriptions WHERE platform = @platform AND workspace = @workspace'),
    settings: scoped('DELETE FROM workspace_settings WHERE platform = @platform AND workspace = @workspace'),
    // A delivery's effects go with it (ON DELETE CASCADE).
    deliveries: scoped('DELETE FROM deliveries WHERE platform = @platform AND workspace = @workspace'),
    served: scoped('DELETE FROM organisation_workspaces WHERE platform = @platform AND workspace = @workspace'),
    mark: scoped('DELETE FROM workspace_erasures WHERE platform = @platform AND workspace = @workspace'),
  };

  const save = db.transaction((installation: AppInstallation) => {
    upsert.run({ ...installationToRow(installation), details: JSON.stringify(installation.details ?? null) });
    if (installation.workspace !== null) cancelErasure.run({ platform: installation.platform, workspace: installation.workspace });
    else if (installation.organisation !== null) cancelOrganisationErasures.run({ platform: installation.platform, organisation: installation.organisation });
  });

  const revoke = db.transaction((key: InstallationKey, at: string): number => {
    const { platform } = key;
    const deleted = deleteGrant.run({ platform, workspace: none(key.workspace), organisation: none(key.organisation) }).changes;
    const workspaces = key.workspace !== null ? [key.workspace] : key.organisation !== null ? served.all({ platform, organisation: key.organisation }).map((r) => r.workspace) : [];
    for (const workspace of workspaces) mark.run({ platform, workspace, at });
    return deleted;
  });

  const erase = db.transaction((platform: string, workspace: string): ErasedWorkspace | null => {
    const key = { platform, workspace };
    // A reinstall since the sweep read the list keeps the data.
    if (!pending.get(key) || byWorkspace.get(key)) return null;
    const turns = erasers.turns.get(key)?.n ?? 0;
    const conversations = erasers.conversations.run(key).changes;
    const assessments = erasers.assessments.run(key).changes;
    const reviews = erasers.reviews.run(key).changes;
    erasers.digestRuns.run(key);
    const digestSubscriptions = erasers.digestSubscriptions.run(key).changes;
    const settings = erasers.settings.run(key).changes;
    const deliveries = erasers.deliveries.run(key).changes;
    erasers.served.run(key);
    erasers.mark.run(key);
    return { conversations, turns, assessments, reviews, digestSubscriptions, settings, deliveries };
  });

  const take = db.transaction((state: string, now: string): boolean => {
    const taken = takeState.get({ state });
    dropExpiredStates.run({ now });
    return taken !== undefined && taken.expires_at > now;
  });

  return gated(gateOf(db), {
    save: (installation: AppInstallation) => save.immediate(installation),
    find(platform: string, workspace: string | null, organisation: string | null): AppInstallation | null {
      const own = workspace === null ? undefined : byWorkspace.get({ platform, workspace });
      if (own) return installationOf(parsed(own));
      const within = organisation ?? (workspace === null ? undefined : organisationOf.get({ platform, workspace })?.organisation);
      const shared = within === undefined ? undefined : byOrganisation.get({ platform, organisation: within });
      return shared ? installationOf(parsed(shared)) : null;
    },
    revoke: (key: InstallationKey, at: string) => revoke.immediate(key, at),
    noteServed(platform: string, organisation: string, workspace: string): void {
      noteServed.run({ platform, organisation, workspace });
    },
    erasuresDue(revokedBefore: string): PendingErasure[] {
      return due.all({ before: revokedBefore }).map((row) => ({ platform: row.platform, workspace: row.workspace, revokedAt: row.revoked_at }));
    },
    erase: (platform: string, workspace: string) => erase.immediate(platform, workspace),
    saveState(state: string, expiresAt: string): void {
      saveState.run({ state, expires: expiresAt });
    },
    takeState: (state: string, now: string) => take.immediate(state, now),
  });
}
