import type { DoctorProbe, PlatformCheck } from '../chat-platform.js';
import type { DiscordConfig } from './config.js';
import { reasonOf } from '../../ops/failure-reason.js';

// `serverless-fit doctor`'s Discord line: does GET /users/@me accept the bot
// token, and if not, what to do about it.

export async function checkDiscord(config: DiscordConfig, probe: DoctorProbe): Promise<PlatformCheck> {
  const url = `${config.apiUrl}/v10/users/@me`;
  try {
    const response = await probe.fetch(url, { headers: { authorization: `Bot ${config.token}` }, signal: AbortSignal.timeout(probe.timeoutMs) });
    if (response.ok) {
      const user = (await response.json()) as { username?: string; id?: string };
      return { status: 'ok', detail: `GET /users/@me answered: bot "${user.username ?? '?'}" (${user.id ?? '?'})` };
    }
    const fix = response.status === 401 ? 'the token is wrong or was reset: Bot > Reset Token in the developer portal, then update DISCORD_TOKEN' : 'check the application in https://discord.com/developers/applications';
    return { status: 'problem', detail: `GET /users/@me answered HTTP ${response.status}: ${fix}` };
  } catch (error) {
    return { status: 'problem', detail: `could not reach ${new URL(url).origin} (${reasonOf(error)}): check the network or DISCORD_API_URL` };
  }
}
