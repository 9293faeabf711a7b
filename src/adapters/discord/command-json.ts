import type { APIApplicationCommandBasicOption, APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandDefinition, CommandOption, SubCommand } from '../../../commands/serverless-fit.js';

// The Discord application command, generated from the one command definition:
// each sub-command becomes a Discord sub-command (type 1) with string options
// (type 3), fixed values as choices and typed ones with autocomplete; a
// sub-command with variants becomes a sub-command group (type 2) of them.

const DISCORD_STRING_OPTION_MAX = 6000;
const DISCORD_DESCRIPTION_MAX = 100;
const DISCORD_CHOICES_MAX = 25;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING = 3;

export function buildCommandJson(definition: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: definition.name,
    description: fit(definition.description),
    type: 1,
    // 0 = guild, 1 = bot DM: the command works in both.
    contexts: [0, 1],
    integration_types: [0],
    options: definition.subCommands.map(subCommandJson),
  };
}

function subCommandJson(sub: SubCommand): APIApplicationCommandOption {
  if (sub.variants && sub.variants.length > 0) {
    return {
      type: SUB_COMMAND_GROUP,
      name: sub.name,
      description: fit(sub.description),
      options: sub.variants.map((variant) => ({ type: SUB_COMMAND, name: variant.name, description: fit(variant.description), options: variant.options.map(optionJson) })),
    };
  }
  return { type: SUB_COMMAND, name: sub.name, description: fit(sub.description), options: sub.options.map(optionJson) };
}

function optionJson(option: CommandOption): APIApplicationCommandBasicOption {
  const base = {
    type: STRING,
    name: option.name,
    description: fit(option.description),
    required: option.required,
    ...(option.maxLength ? { max_length: Math.min(option.maxLength, DISCORD_STRING_OPTION_MAX) } : {}),
  } as const;
  if (option.choices) return { ...base, choices: option.choices.slice(0, DISCORD_CHOICES_MAX).map((c) => ({ name: fit(c.label), value: c.value })) };
  // Discord refuses an option with both choices and autocomplete.
  if (option.suggest) return { ...base, autocomplete: true };
  return base;
}

function fit(text: string): string {
  return text.length <= DISCORD_DESCRIPTION_MAX ? text : `${text.slice(0, DISCORD_DESCRIPTION_MAX - 1)}…`;
}
