import { StartupError } from '../../startup-error.js';

// What stopped the Discord client from connecting, as one line for the
// operator that names the variable to check.

export function startFailure(error: unknown, apiUrl: string): StartupError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { status?: number; code?: unknown; message?: string };
  const reason = plain(e.message ?? String(error));
  if (e.status === 401 || e.code === 'TokenInvalid') {
    return new StartupError(`Discord refused DISCORD_TOKEN (${reason}). Reset the bot token in the Developer Portal (Bot > Reset Token) and set DISCORD_TOKEN again.`);
  }
  if (typeof e.status === 'number') {
    return new StartupError(`Discord at ${apiUrl} answered HTTP ${e.status} (${reason}). Check DISCORD_API_URL (unset means Discord's own).`);
  }
  return new StartupError(`Could not connect to Discord at ${apiUrl} (${reason}). Check the network, a proxy, or DISCORD_API_URL.`);
}

/** At most 80 characters of letters, digits and simple punctuation. */
function plain(text: string): string {
  const cleaned = text.replace(/[^\w .,:;/()'-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned || 'no reason given';
}
