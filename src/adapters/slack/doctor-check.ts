import type { DoctorProbe, PlatformCheck } from '../chat-platform.js';
import type { SlackConfig } from './config.js';
import { reasonOf } from '../../ops/failure-reason.js';

// `serverless-fit doctor`'s Slack line: does auth.test accept the bot token,
// and if not, what to do about it.

export async function checkSlack(config: SlackConfig, probe: DoctorProbe): Promise<PlatformCheck> {
  const base = config.apiUrl ?? 'https://slack.com/api/';
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
