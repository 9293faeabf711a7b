import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, InvalidStateError, type Installation, type InstallationQuery, type InstallationStore as BoltInstallationStore, type InstallURLOptions, type StateStore } from '@slack/oauth';
import type { AppInstallation, InstallationStore } from '../../core/ports.js';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { createBoltLogger } from './bolt-logger.js';
import type { HttpRoute } from '../chat-platform.js';
import type { SlackOAuthConfig } from './config.js';
import { BOT_SCOPES } from './manifest.js';
import { installFailedPage, installedPage } from './oauth-pages.js';

// Installing the app in many workspaces with Slack's OAuth flow, through
// Bolt's own InstallProvider: GET /slack/install sends the browser to Slack's
// authorize page with a fresh state (also set as a cookie), and Slack sends it
// back to GET /slack/oauth_redirect with a code and that state. The state is
// signed with SLACK_STATE_SECRET and kept in the database until it is used,
// so a forged, expired or replayed one gets a page saying so, not a token.
// Grants are kept through the installation port, one per workspace (or per
// organisation for an organisation-wide install).

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** How long an install may take between "Add to Slack" and coming back. */
const STATE_LIFETIME_MS = 10 * 60_000;

export interface SlackInstaller {
  provider: InstallProvider;
  /** GET /slack/install and GET /slack/oauth_redirect, served beside /slack/events. */
  routes: HttpRoute[];
}

export interface SlackInstallerDeps {
  config: SlackOAuthConfig;
  installations: InstallationStore;
  logger: Logger;
  /** The Web API base (SLACK_API_URL); Slack's authorize page sits beside it at ../oauth/v2/authorize. */
  apiUrl?: string;
  now: () => Date;
}

export function createSlackInstaller(deps: SlackInstallerDeps): SlackInstaller {
  const { config, installations, logger, now } = deps;
  const apiUrl = deps.apiUrl ?? 'https://slack.com/api/';
  // Slack wants the same redirect_uri in the code exchange as in the authorize URL, so both come from here.
  const installOptions: InstallURLOptions = { scopes: [...BOT_SCOPES], ...(config.redirectUri ? { redirectUri: config.redirectUri } : {}) };
  const provider = new InstallProvider({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    stateSecret: config.stateSecret,
    stateStore: databaseStateStore(installations, config.stateSecret, installOptions, now),
    installationStore: boltInstallationStore(installations, now),
    authorizationUrl: new URL('../oauth/v2/authorize', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`).toString(),
    directInstall: true,
    installUrlOptions: installOptions,
    logger: installerLogger(logger),
    clientOptions: { slackApiUrl: apiUrl },
  });
  const callbackOptions = {
    success: (installation: Installation, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      logger.info('slack: installed in a workspace', { workspace: installation.team?.id ?? null, organisation: installation.enterprise?.id ?? null });
      html(res, 200, installedPage(installation.team?.name ?? installation.enterprise?.name ?? null));
    },
    failure: (error: Error & { code?: string }, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      logger.warn('slack: an install did not complete', { code: error.code, reason: error.message });
      const page = installFailedPage(error, INSTALL_PATH);
      html(res, page.status, page.html);
    },
  };
  const guarded = (name: string, work: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
    work(req, res).catch((error: unknown) => {
      logger.error(`slack: ${name} failed`, { error });
      const page = installFailedPage(error instanceof Error ? error : new Error(String(error)), INSTALL_PATH);
      html(res, page.status, page.html);
    });
  };
  return {
    provider,
    routes: [
      { path: INSTALL_PATH, method: ['GET'], handler: guarded('the install page', (req, res) => provider.handleInstallPath(req, res)) },
      { path: REDIRECT_PATH, method: ['GET'], handler: guarded('an install callback', (req, res) => provider.handleCallback(req, res, callbackOptions)) },
    ],
  };
}

function html(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/** Bolt's installation store over the platform-neutral port: the grant is kept whole, so Bolt gets back what it stored. */
export function boltInstallationStore(installations: InstallationStore, now: () => Date): BoltInstallationStore {
  return {
    async storeInstallation(installation) {
      const organisationWide = installation.isEnterpriseInstall === true;
      const bot = installation.bot;
      if (!bot) throw new Error('The install granted no bot token: the app must ask for bot scopes.');
      await installations.save({
        platform: 'slack',
        workspace: organisationWide ? null : (installation.team?.id ?? null),
        organisation: installation.enterprise?.id ?? null,
        botToken: bot.token,
        botUserId: bot.userId,
        installedBy: installation.user.id,
        installedAt: now().toISOString(),
        details: installation,
      });
    },
    async fetchInstallation(query) {
      const found = await findFor(installations, query);
      if (!found) throw new Error(`serverless-fit is not installed in ${describeQuery(query)}`);
      return found.details as Installation;
    },
    async deleteInstallation(query) {
      await installations.revoke(keyOf(query), now().toISOString());
    },
  };
}

/** The grant serving an event's workspace (or organisation), or null when there is none. */
export function findFor(installations: InstallationStore, query: InstallationQuery<boolean>): Promise<AppInstallation | null> {
  const organisationWide = query.isEnterpriseInstall && query.enterpriseId !== undefined;
  return installations.find('slack', organisationWide ? null : (query.teamId ?? null), query.enterpriseId ?? null);
}

export function keyOf(query: InstallationQuery<boolean>) {
  const organisationWide = query.isEnterpriseInstall && query.enterpriseId !== undefined;
  return { platform: 'slack', workspace: organisationWide ? null : (query.teamId ?? null), organisation: query.enterpriseId ?? null };
}

function describeQuery(query: InstallationQuery<boolean>): string {
  return query.isEnterpriseInstall ? `organisation ${query.enterpriseId ?? '?'}` : `workspace ${query.teamId ?? '?'}`;
}

/**
 * States signed with the state secret (a forged one fails before the
 * database is asked) and kept in the database until used: taken once, so a
 * replayed callback is refused, by whichever replica it reaches.
 */
export function databaseStateStore(installations: InstallationStore, secret: string, installOptions: InstallURLOptions, now: () => Date): StateStore {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');
  return {
    // The install options are the configured ones, the same for every install: nothing of them travels in the state.
    async generateStateParam() {
      const nonce = randomBytes(18).toString('base64url');
      const state = `${nonce}.${sign(nonce)}`;
      await installations.saveState(state, new Date(now().getTime() + STATE_LIFETIME_MS).toISOString());
      return state;
    },
    async verifyStateParam(_at, state) {
      const [nonce = '', signature = ''] = state.split('.');
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidStateError('The state was not issued by this app.');
      if (!(await installations.takeState(state, now().toISOString()))) throw new InvalidStateError('The state has expired or was already used.');
      return installOptions;
    },
  };
}

/** Bolt's logger; a failed install is the visitor's problem (a stale link, a cancel), so it is a warning, not an error. */
function installerLogger(logger: Logger): BoltLogger {
  const bolt = createBoltLogger(logger);
  return { ...bolt, error: (...msgs: unknown[]) => bolt.warn(...msgs) };
}
