import type { DoctorProbe, PlatformCheck } from '../chat-platform.js';
import type { SlackConfig, SlackOAuthConfig } from './config.js';
import { reasonOf } from '../../ops/failure-reason.js';

// `serverless-fit doctor`'s Slack line: does auth.test accept the bot token
// (or, installed in many workspaces, does Slack accept the client id and
// secret), and if not, what to do about it.

export async function checkSlack(config: SlackConfig, probe: DoctorProbe): Promise<PlatformCheck> {
  const base = config.apiUrl ?? 'https://slack.com/api/';
  if (config.oauth) return checkClient(config.oauth, new URL('oauth.v2.access', base.endsWith('/') ? base : `${base}/`), probe);
  const url = new URL('auth.test', base.endsWith('/') ? base : `${base}/`);
  try {
    const response = await probe.fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      signal: AbortSignal.timeout(probe.timeoutMs),
    });
    const body = (await response.json()) as { ok?: boolean; error?: string; team?: string; team_id?: string; user?: string };
    if (body.ok) return { status: 'ok', detail: `auth.test answered: bot "${body.user ?? '?'}" in workspace ${body.team ?? body.team_id ?? '?'}` };
    const fix = body.error === 'invalid_auth' || body.error === 'not_authed' || body.error === 'token_revoked'
      ? 'copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions, or reinstall the app'
      : 'check the app in https://api.slack.com/apps';
    return { status: 'problem', detail: `auth.test refused the bot token (${body.error ?? `HTTP ${response.status}`}): ${fix}` };
  } catch (error) {
    return { status: 'problem', detail: `could not reach ${url.origin} (${reasonOf(error)}): check the network, proxy or SLACK_API_URL` };
  }
}

/**
 * OAuth mode has no token of its own to test: exchanging a code that does not
 * exist tells whether Slack knows the client (invalid_code) or not
 * (invalid_client_id, bad_client_secret), and installs nothing.
 */
async function checkClient(oauth: SlackOAuthConfig, url: URL, probe: DoctorProbe): Promise<PlatformCheck> {
  try {
    const response = await probe.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: oauth.clientId, client_secret: oauth.clientSecret, code: 'serverless-fit-doctor' }).toString(),
      signal: AbortSignal.timeout(probe.timeoutMs),
    });
    const body = (await response.json()) as { ok?: boolean; error?: string };
    if (body.error === 'invalid_code') return { status: 'ok', detail: 'oauth.v2.access knows the client id and secret (installed in many workspaces; each token is checked when used)' };
    if (body.error === 'invalid_client_id' || body.error === 'bad_client_secret') {
      return { status: 'problem', detail: `oauth.v2.access refused the app's credentials (${body.error}): copy SLACK_CLIENT_ID and SLACK_CLIENT_SECRET again from Basic Information > App Credentials` };
    }
    return { status: 'problem', detail: `oauth.v2.access answered ${body.error ?? `HTTP ${response.status}`}: check the app in https://api.slack.com/apps` };
  } catch (error) {
    return { status: 'problem', detail: `could not reach ${url.origin} (${reasonOf(error)}): check the network, proxy or SLACK_API_URL` };
  }
}
