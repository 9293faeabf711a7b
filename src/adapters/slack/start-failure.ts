// What stopped the Slack adapter from starting, as one line for the operator
// that names the variable to check. What Slack answered is kept short and
// plain: a garbage reply must not fill the line.

export type StartStage = 'auth' | 'socket' | 'listen';

export function startFailure(stage: StartStage, error: unknown, apiUrl: string | undefined): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: string; data?: { error?: unknown }; statusCode?: number; message?: string };
  const where = apiUrl ?? 'https://slack.com/api/';
  const said = typeof e.data?.error === 'string' ? plain(e.data.error) : null;
  if (stage === 'auth') {
    if (e.code === 'slack_webapi_platform_error' && said) {
      return `Slack refused SLACK_BOT_TOKEN (auth.test: ${said}). Copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions again, or reinstall the app.`;
    }
    if (e.code === 'slack_webapi_http_error') {
      return `Slack at ${where} answered HTTP ${e.statusCode ?? 'error'} to auth.test, so SLACK_BOT_TOKEN could not be checked. Check SLACK_API_URL (unset means Slack's own).`;
    }
    return `Could not reach Slack at ${where} to check SLACK_BOT_TOKEN (${plain(e.message ?? String(error))}). Check the network, a proxy, or SLACK_API_URL.`;
  }
  if (stage === 'socket') {
    if (said) return `Slack refused SLACK_APP_TOKEN for Socket Mode (apps.connections.open: ${said}). Generate an app-level token with the connections:write scope.`;
    return `Could not open Slack's Socket Mode connection with SLACK_APP_TOKEN (${plain(e.message ?? String(error))}). Check the network, a proxy, or SLACK_API_URL.`;
  }
  return `Slack's HTTP port could not be opened (${plain(e.message ?? String(error))}). Check PORT.`;
}

/** At most 80 characters of letters, digits and simple punctuation. */
function plain(text: string): string {
  const cleaned = text.replace(/[^\w .,:;/()'-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned || 'no reason given';
}
