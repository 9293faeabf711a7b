import type { JSONValue, Sql } from 'postgres';
import type { ErasedWorkspace, InstallationKey, InstallationStore, PendingErasure } from '../../core/ports.js';
import { installationOf, installationToRow, none, type InstallationRow } from '../installation-rows.js';
import { sessionOf } from './postgres-session.js';

// The installation port on Postgres, the same contract as the SQLite store:
// a grant per workspace (or per organisation), workspaces waiting for their
// data to be erased, and single-use install states. Writes that must land
// together (a grant and its cancelled erasure, an erasure across tables) run
// in one transaction of the shared session; taking a state is one DELETE ...
// RETURNING, so two replicas receiving the same callback cannot both take it.

export function createPostgresInstallationStore(pool: Sql): InstallationStore {
  const session = sessionOf(pool);
  const sql = () => session.sql();

  async function organisationOf(platform: string, workspace: string): Promise<string | undefined> {
    const [row] = await sql()<{ organisation: string }[]>`SELECT organisation FROM organisation_workspaces WHERE platform = ${platform} AND workspace = ${workspace} LIMIT 1`;
    return row?.organisation;
  }

  return {
    save: (installation) =>
      session.transaction(async () => {
        const q = sql();
        const row = installationToRow(installation);
        await q`
          INSERT INTO installations (platform, workspace, organisation, bot_token, bot_user_id, installed_by, installed_at, details)
          VALUES (${row.platform}, ${row.workspace}, ${row.organisation}, ${row.bot_token}, ${row.bot_user_id}, ${row.installed_by}, ${row.installed_at}, ${q.json((installation.details ?? null) as JSONValue)})
          ON CONFLICT (platform, workspace, organisation) DO UPDATE SET bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id,
            installed_by = excluded.installed_by, installed_at = excluded.installed_at, details = excluded.details`;
        if (installation.workspace !== null) {
          await q`DELETE FROM workspace_erasures WHERE platform = ${row.platform} AND workspace = ${installation.workspace}`;
        } else if (installation.organisation !== null) {
          await q`DELETE FROM workspace_erasures WHERE platform = ${row.platform}
            AND workspace IN (SELECT workspace FROM organisation_workspaces WHERE platform = ${row.platform} AND organisation = ${installation.organisation})`;
        }
      }),

    async find(platform, workspace, organisation) {
      if (workspace !== null) {
        const [own] = await sql()<InstallationRow[]>`SELECT * FROM installations WHERE platform = ${platform} AND workspace = ${workspace}`;
        if (own) return installationOf(own);
      }
      const within = organisation ?? (workspace === null ? undefined : await organisationOf(platform, workspace));
      if (within === undefined) return null;
      const [shared] = await sql()<InstallationRow[]>`SELECT * FROM installations WHERE platform = ${platform} AND workspace = '' AND organisation = ${within}`;
      return shared ? installationOf(shared) : null;
    },

    revoke: (key: InstallationKey, at: string) =>
      session.transaction(async () => {
        const q = sql();
        const { platform } = key;
        const deleted =
          key.workspace !== null
            ? await q`DELETE FROM installations WHERE platform = ${platform} AND workspace = ${key.workspace}`
            : await q`DELETE FROM installations WHERE platform = ${platform} AND workspace = '' AND organisation = ${none(key.organisation)}`;
        const workspaces =
          key.workspace !== null
            ? [key.workspace]
            : key.organisation !== null
              ? (await q<{ workspace: string }[]>`SELECT workspace FROM organisation_workspaces WHERE platform = ${platform} AND organisation = ${key.organisation}`).map((r) => r.workspace)
              : [];
        for (const workspace of workspaces) {
          await q`INSERT INTO workspace_erasures (platform, workspace, revoked_at) VALUES (${platform}, ${workspace}, ${at}) ON CONFLICT (platform, workspace) DO NOTHING`;
        }
        return deleted.count;
      }),

    async noteServed(platform, organisation, workspace) {
      await sql()`INSERT INTO organisation_workspaces (platform, organisation, workspace) VALUES (${platform}, ${organisation}, ${workspace}) ON CONFLICT DO NOTHING`;
    },

    async erasuresDue(revokedBefore): Promise<PendingErasure[]> {
      const rows = await sql()<{ platform: string; workspace: string; revoked_at: string }[]>`
        SELECT platform, workspace, revoked_at FROM workspace_erasures WHERE revoked_at <= ${revokedBefore} ORDER BY revoked_at, platform, workspace`;
      return rows.map((row) => ({ platform: row.platform, workspace: row.workspace, revokedAt: row.revoked_at }));
    },

    erase: (platform, workspace) =>
      session.transaction(async (): Promise<ErasedWorkspace | null> => {
        const q = sql();
        // The mark is locked for the erasure: a reinstall committing meanwhile waits, then finds nothing to cancel.
        const [marked] = await q`SELECT 1 FROM workspace_erasures WHERE platform = ${platform} AND workspace = ${workspace} FOR UPDATE`;
        const [granted] = await q`SELECT 1 FROM installations WHERE platform = ${platform} AND workspace = ${workspace}`;
        if (!marked || granted) return null;
        const [turns] = await q<{ n: string }[]>`
          SELECT count(*) AS n FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE platform = ${platform} AND workspace = ${workspace})`;
        const conversations = await q`DELETE FROM conversations WHERE platform = ${platform} AND workspace = ${workspace}`;
        const assessments = await q`DELETE FROM assessments WHERE platform = ${platform} AND workspace = ${workspace}`;
        const reviews = await q`DELETE FROM reviews WHERE platform = ${platform} AND workspace = ${workspace}`;
        await q`DELETE FROM digest_runs WHERE subscription_id IN (SELECT id FROM digest_subscriptions WHERE platform = ${platform} AND workspace = ${workspace})`;
        const digestSubscriptions = await q`DELETE FROM digest_subscriptions WHERE platform = ${platform} AND workspace = ${workspace}`;
        const settings = await q`DELETE FROM workspace_settings WHERE platform = ${platform} AND workspace = ${workspace}`;
        const deliveries = await q`DELETE FROM deliveries WHERE platform = ${platform} AND workspace = ${workspace}`;
        await q`DELETE FROM organisation_workspaces WHERE platform = ${platform} AND workspace = ${workspace}`;
        await q`DELETE FROM workspace_erasures WHERE platform = ${platform} AND workspace = ${workspace}`;
        return {
          conversations: conversations.count,
          turns: Number(turns?.n ?? 0),
          assessments: assessments.count,
          reviews: reviews.count,
          digestSubscriptions: digestSubscriptions.count,
          settings: settings.count,
          deliveries: deliveries.count,
        };
      }),

    async saveState(state, expiresAt) {
      await sql()`INSERT INTO install_states (state, expires_at) VALUES (${state}, ${expiresAt}) ON CONFLICT (state) DO UPDATE SET expires_at = excluded.expires_at`;
    },

    takeState: (state, now) =>
      session.transaction(async () => {
        const q = sql();
        const [taken] = await q<{ expires_at: string }[]>`DELETE FROM install_states WHERE state = ${state} RETURNING expires_at`;
        await q`DELETE FROM install_states WHERE expires_at <= ${now}`;
        return taken !== undefined && taken.expires_at > now;
      }),
  };
}
