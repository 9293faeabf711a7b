import type { App } from '@slack/bolt';
import type { DigestService } from '../../core/digest/digest-service.js';
import type { ConversationStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { renderAppHome } from './render-app-home.js';

// The App Home tab, published each time someone opens it (app_home_opened ->
// views.publish). Nothing is stored for it and nothing is owed if it fails:
// the tab shows its previous view, and the next opening tries again.

export interface AppHomeDeps {
  store: ConversationStore;
  digests?: DigestService;
  logger: Logger;
}

/** A person's conversations are found among the workspace's newest; this many are looked through. */
const LOOK_BACK = 500;

export function registerAppHome(app: App, deps: AppHomeDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const workspace = body.team_id;
    try {
      const mine = (await deps.store.list(workspace, { platform: 'slack', limit: LOOK_BACK })).filter((item) => item.user === event.user);
      const view = renderAppHome({
        workspace,
        assessments: mine,
        digests: deps.digests ? await deps.digests.subscriptions('slack', workspace) : null,
      });
      await client.views.publish({ user_id: event.user, view: view as never });
    } catch (error) {
      deps.logger.warn('slack: could not publish the App Home tab', { error, user: event.user });
    }
  });
}
