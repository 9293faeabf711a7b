import { webApi, type AuthorizeSourceData, type AuthorizeResult } from '@slack/bolt';
import type { InstallationStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import type { SlackInstaller } from './oauth-install.js';
import { createSlackCalls, type RetryPolicy, type SlackCalls } from './slack-calls.js';

// Which token a workspace's work is done with. With SLACK_BOT_TOKEN there is
// one workspace and one client. Installed in many workspaces, each delivery's
// workspace is looked up in the installations (through Bolt's InstallProvider,
// which also refreshes rotating tokens), and its calls go out with that
// workspace's token only; a workspace without a grant gets no client at all.

export interface WorkspaceAccess {
  client: webApi.WebClient;
  calls: SlackCalls;
  botToken: string;
}

/** The access of one workspace, or null when the app is not installed there (uninstalled, or its token revoked). */
export type AccessFor = (workspace: string) => Promise<WorkspaceAccess | null>;

export interface InstalledAccessDeps {
  installer: SlackInstaller;
  installations: InstallationStore;
  clientOptions: webApi.WebClientOptions;
  logger: Logger;
  retry: RetryPolicy;
}

export function singleWorkspaceAccess(access: WorkspaceAccess): AccessFor {
  return async () => access;
}

export function installedAccess(deps: InstalledAccessDeps): AccessFor {
  // One client per workspace, replaced when its token changes (a reinstall, a refresh).
  const clients = new Map<string, WorkspaceAccess>();
  return async (workspace) => {
    const grant = await deps.installations.find('slack', workspace, null);
    if (!grant) {
      clients.delete(workspace);
      return null;
    }
    const organisationWide = grant.workspace === null && grant.organisation !== null;
    const authorized = await deps.installer.provider.authorize({
      teamId: workspace,
      enterpriseId: grant.organisation ?? undefined,
      isEnterpriseInstall: organisationWide,
    });
    const token = authorized.botToken;
    if (!token) return null;
    const known = clients.get(workspace);
    if (known?.botToken === token) return known;
    const client = new webApi.WebClient(token, deps.clientOptions);
    const access = { client, calls: createSlackCalls(client, deps.logger, deps.retry), botToken: token };
    clients.set(workspace, access);
    return access;
  };
}

/**
 * Bolt's authorize in OAuth mode: the grant for the event's workspace (or its
 * organisation), noting which workspaces an organisation-wide grant serves.
 * A workspace without one still reaches the listeners, with no token, so a
 * command from it is answered through its response_url instead of dropped.
 */
export function installedAuthorize(installer: SlackInstaller, installations: InstallationStore) {
  return async (source: AuthorizeSourceData<boolean>): Promise<AuthorizeResult> => {
    const organisation = source.enterpriseId ?? null;
    if (source.isEnterpriseInstall && organisation && source.teamId) await installations.noteServed('slack', organisation, source.teamId);
    const grant = await installations.find('slack', source.isEnterpriseInstall ? null : (source.teamId ?? null), organisation);
    if (!grant) return { ...(source.teamId ? { teamId: source.teamId } : {}), ...(organisation ? { enterpriseId: organisation } : {}) };
    return installer.provider.authorize(source);
  };
}
