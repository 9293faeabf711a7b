import type { ChatInputCommandInteraction } from 'discord.js';
import { serverlessFitCommand, type CommandDefinition } from '../../../commands/serverless-fit.js';

// A slash command's sub-command and option values as plain strings. A
// sub-command group (`/serverless-fit review list`) is read back into the
// parent's own form (`review` with name "list"), so the handlers see one
// shape whether the server registered the command before or after it was
// split into a group.

export interface SlashInput {
  kind: 'slash';
  commandName: string;
  subCommand: string | null;
  options: Record<string, string>;
}

interface OptionData {
  name: string;
  value?: unknown;
  options?: readonly OptionData[];
}

export function slashInput(interaction: ChatInputCommandInteraction, definition: CommandDefinition = serverlessFitCommand): SlashInput {
  const group = interaction.options.getSubcommandGroup(false);
  const subCommand = interaction.options.getSubcommand(false);
  return { kind: 'slash', commandName: interaction.commandName, ...readSlash(interaction.options.data, group, subCommand, definition) };
}

/** Pure: the raw option tree plus the group and sub-command names Discord sent. */
export function readSlash(
  data: readonly OptionData[],
  group: string | null,
  subCommand: string | null,
  definition: CommandDefinition = serverlessFitCommand,
): Pick<SlashInput, 'subCommand' | 'options'> {
  const leaf = deepest(data);
  const values: Record<string, string> = {};
  for (const option of leaf) if (typeof option.value === 'string') values[option.name] = option.value;
  if (group === null) return { subCommand, options: values };
  const parent = definition.subCommands.find((s) => s.name === group);
  const variant = parent?.variants?.find((v) => v.name === subCommand);
  const target = parent?.options[0]?.name;
  if (!parent || !variant || !target) return { subCommand: `${group} ${subCommand ?? ''}`.trim(), options: values };
  const text = [variant.words ?? '', ...variant.options.map((o) => values[o.name]?.trim() ?? '')].filter(Boolean).join(' ');
  return { subCommand: parent.name, options: { [target]: text } };
}

/** The options of the innermost sub-command (or the top level when there is none). */
function deepest(data: readonly OptionData[]): readonly OptionData[] {
  const nested = data.find((option) => Array.isArray(option.options));
  return nested?.options ? deepest(nested.options) : data;
}
