import type { AppInstallation } from '../core/ports.js';

// How an installation is kept as a row, shared by the SQLite and Postgres
// stores: '' stands for "no workspace" / "no organisation" in the key
// columns, so the key stays a plain primary key.

/** An installations row; `details` as the store reads it (SQLite: JSON text, Postgres: the parsed jsonb). */
export interface InstallationRow<Details = unknown> {
  platform: string;
  workspace: string;
  organisation: string;
  bot_token: string;
  bot_user_id: string | null;
  installed_by: string | null;
  installed_at: string;
  details: Details;
}

/** A key part as it is stored: '' for none. */
export const none = (value: string | null): string => value ?? '';

/** A stored key part as the port gives it: null for ''. */
export const orNull = (value: string): string | null => (value === '' ? null : value);

export function installationOf(row: InstallationRow): AppInstallation {
  return {
    platform: row.platform,
    workspace: orNull(row.workspace),
    organisation: orNull(row.organisation),
    botToken: row.bot_token,
    botUserId: row.bot_user_id,
    installedBy: row.installed_by,
    installedAt: row.installed_at,
    details: row.details,
  };
}

/** The row an installation is saved as, its details still to be encoded by the store. */
export function installationToRow(installation: AppInstallation): Omit<InstallationRow, 'details'> {
  return {
    platform: installation.platform,
    workspace: none(installation.workspace),
    organisation: none(installation.organisation),
    bot_token: installation.botToken,
    bot_user_id: installation.botUserId,
    installed_by: installation.installedBy,
    installed_at: installation.installedAt,
  };
}
