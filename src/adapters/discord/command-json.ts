import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandDefinition } from '../../../commands/serverless-fit.js';

// The Discord application command, generated from the one command definition:
// each sub-command becomes a Discord sub-command (type 1) with string options (type 3).

const DISCORD_STRING_OPTION_MAX = 6000;
const DISCORD_DESCRIPTION_MAX = 100;

export function buildCommandJson(definition: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: definition.name,
    description: fit(definition.description),
    type: 1,
    // 0 = guild, 1 = bot DM: the command works in both.
    contexts: [0, 1],
    integration_types: [0],
    options: definition.subCommands.map((sub) => ({
      type: 1,
      name: sub.name,
      description: fit(sub.description),
      options: sub.options.map((option) => ({
        type: 3,
        name: option.name,
        description: fit(option.description),
        required: option.required,
        ...(option.maxLength ? { max_length: Math.min(option.maxLength, DISCORD_STRING_OPTION_MAX) } : {}),
      })),
    })),
  };
}

function fit(text: string): string {
  return text.length <= DISCORD_DESCRIPTION_MAX ? text : `${text.slice(0, DISCORD_DESCRIPTION_MAX - 1)}…`;
}
