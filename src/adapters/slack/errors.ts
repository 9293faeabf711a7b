// Slack Web API failures -> a small set of codes -> what the user is told.
// Expected failures travel as values (SlackFailure); only bugs throw. What
// Slack (or whatever answered in its place) said stays in the operator's log:
// a user is only ever told one of the sentences below, never the reply itself.

export type SlackFailureCode = 'not_in_channel' | 'channel_not_found' | 'rate_limited' | 'unreachable' | 'refused';

export interface SlackFailure {
  code: SlackFailureCode;
  /** Slack's own error string, or the transport error, for the operator's log. */
  detail: string;
  /** Seconds Slack asked us to wait (rate limits only). */
  retryAfterSec?: number;
}

/** What the bot tells a user in-channel; mentions the slash-command name people type. */
export const INVITE_HINT = '`/invite @serverless-fit`';

export function classifySlackError(error: unknown): SlackFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    message?: string;
  };
  if (e.code === 'slack_webapi_rate_limited_error') {
    return { code: 'rate_limited', detail: 'ratelimited', retryAfterSec: e.retryAfter ?? 1 };
  }
  if (e.code === 'slack_webapi_platform_error') {
    const slackError = e.data?.error ?? 'unknown_error';
    if (slackError === 'not_in_channel') return { code: 'not_in_channel', detail: slackError };
    if (slackError === 'channel_not_found') return { code: 'channel_not_found', detail: slackError };
    // Slack also answers `ratelimited` in a 200 body for some methods.
    if (slackError === 'ratelimited') return { code: 'rate_limited', detail: slackError, retryAfterSec: 1 };
    return { code: 'refused', detail: slackError };
  }
  if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') {
    return { code: 'unreachable', detail: e.message ?? String(error) };
  }
  return { code: 'refused', detail: e.message ?? String(error) };
}

/** One clear sentence or two for the person who asked; never a stack trace. */
export function failureText(failure: SlackFailure, channel: string, saved: boolean): string {
  const savedNote = saved ? ' Everything so far is saved: reply in the thread and I will pick up where we left off.' : '';
  switch (failure.code) {
    case 'not_in_channel':
      return `I'm not a member of <#${channel}>, so I can't post there. Invite me with ${INVITE_HINT} and try again.${savedNote}`;
    case 'channel_not_found':
      return `I can't see <#${channel}> (private channels and DMs need an invite). Invite me with ${INVITE_HINT}, or use me in a channel I'm in.${savedNote}`;
    case 'rate_limited':
      return `Slack is rate-limiting me right now, so my reply didn't go out.${saved ? savedNote : ' Please try again in a minute.'}`;
    case 'unreachable':
      return `I couldn't reach Slack to post my reply.${saved ? savedNote : ' Please try again in a minute.'}`;
    case 'refused':
      return `Slack refused my reply; the reason is in my log for whoever runs me.${saved ? savedNote : ' Please try again.'}`;
  }
}
