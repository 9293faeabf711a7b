import type { App } from '@slack/bolt';
import type { InstallationKey, InstallationStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';

// Slack says the app is gone from a workspace (app_uninstalled) or its bot
// token was revoked (tokens_revoked): that workspace's tokens are deleted at
// once and its data is marked for erasure after the grace period (the
// erasure sweep does it; a reinstall before then keeps everything). Both run
// before Slack is answered, so a failure leaves the event for Slack to retry,
// and a repeat changes nothing.

interface EventBody {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: { team_id?: string | null; enterprise_id?: string | null; is_enterprise_install?: boolean }[];
}

/** The grant an event is about: the organisation's for an organisation-wide install, else the workspace's. */
export function grantOf(body: EventBody): InstallationKey | null {
  const authorization = body.authorizations?.[0];
  const organisation = authorization?.enterprise_id ?? body.enterprise_id ?? null;
  const organisationWide = (authorization?.is_enterprise_install ?? body.is_enterprise_install) === true;
  if (organisationWide) return organisation ? { platform: 'slack', workspace: null, organisation } : null;
  const workspace = body.team_id ?? authorization?.team_id ?? null;
  return workspace ? { platform: 'slack', workspace, organisation } : null;
}

export function registerUninstall(app: App, deps: { installations: InstallationStore; logger: Logger; now: () => Date }): void {
  const revoke = async (why: string, body: EventBody) => {
    const key = grantOf(body);
    if (!key) {
      deps.logger.warn(`slack: ${why} named no workspace; nothing was deleted`);
      return;
    }
    const deleted = await deps.installations.revoke(key, deps.now().toISOString());
    deps.logger.info(`slack: ${why}: tokens deleted, data to be erased after the grace period`, { workspace: key.workspace, organisation: key.organisation, deleted });
  };
  app.event('app_uninstalled', async ({ body }) => revoke('uninstalled', body as EventBody));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters: the app asks for no user tokens.
    if ((event.tokens.bot ?? []).length > 0) await revoke('bot token revoked', body as EventBody);
  });
}
