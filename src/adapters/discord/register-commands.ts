import { pathToFileURL } from 'node:url';
import { REST, Routes } from './discord-js.js';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import { buildCommandJson } from './command-json.js';
import { readDiscordConfig, type DiscordConfig } from './config.js';
import { processEnvironment } from '../../config.js';

// `npm run discord:register`: a bulk overwrite of the bot's commands, to one
// guild when DISCORD_GUILD_ID is set (instant, for development), else global.
// Run by hand after the command definition changes, never on every start.

export interface RegistrationResult {
  scope: 'guild' | 'global';
  route: string;
  commands: string[];
}

export async function registerCommands(
  config: Pick<DiscordConfig, 'token' | 'guildId' | 'apiUrl'> & { applicationId: string },
): Promise<RegistrationResult> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const body = [buildCommandJson(serverlessFitCommand)];
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: config.guildId ? 'guild' : 'global', route, commands: saved.map((c) => c.name) };
}

async function main(env: Record<string, string | undefined>): Promise<number> {
  const result = readDiscordConfig(env);
  if (result.kind !== 'ok') {
    const problems = result.kind === 'absent' ? ['DISCORD_TOKEN and DISCORD_APPLICATION_ID: required to register commands'] : result.problems;
    process.stderr.write(`Cannot register the Discord command:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  const { applicationId } = result.config;
  if (applicationId === null) {
    process.stderr.write('Cannot register the Discord command:\n  DISCORD_APPLICATION_ID: required to register commands (Developer Portal > General Information > Application ID)\n');
    return 1;
  }
  try {
    const registered = await registerCommands({ ...result.config, applicationId });
    const where = registered.scope === 'guild' ? `guild ${result.config.guildId}` : 'all guilds (global; may take up to an hour to appear)';
    process.stdout.write(`Registered /${registered.commands.join(', /')} for ${where}.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Discord refused the registration: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(processEnvironment());
}
