import type { AutocompleteInteraction } from 'discord.js';
import { serverlessFitCommand, type CommandDefinition, type CommandOption } from '../../../commands/serverless-fit.js';
import type { ReviewStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { truncate } from './render-card.js';
import { workspaceOf } from './translate.js';

// Suggestions while an option is typed (Discord autocomplete): IANA time
// zones for a digest, and this server's design reviews by name. Answered at
// once and never stored: a suggestion changes nothing, so a lost one costs
// nothing and Discord's 3-second window is all it gets.

/** Discord shows at most 25 suggestions; names and values are capped at 100 characters. */
export const MAX_SUGGESTIONS = 25;
const MAX_CHOICE_CHARS = 100;

export interface Suggestion {
  name: string;
  value: string;
}

export interface AutocompleteDeps {
  reviews?: ReviewStore;
  logger: Logger;
  /** Every IANA zone name the runtime knows; injected so tests can pin the list. */
  timeZones?: readonly string[];
}

export interface FocusedOption {
  group: string | null;
  subCommand: string | null;
  name: string;
  value: string;
  guildId: string | null;
  userId: string;
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, deps: AutocompleteDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const suggestions = await suggestFor(
    {
      group: interaction.options.getSubcommandGroup(false),
      subCommand: interaction.options.getSubcommand(false),
      name: focused.name,
      value: String(focused.value),
      guildId: interaction.guildId,
      userId: interaction.user.id,
    },
    deps,
  );
  try {
    await interaction.respond(suggestions);
  } catch (error) {
    // Typing on outpaces the answer often; Discord then drops it, and the next keystroke asks again.
    deps.logger.warn('discord: could not answer an autocomplete', { error, option: focused.name });
  }
}

/** The suggestions for what has been typed so far; empty for an option that has none. */
export async function suggestFor(focused: FocusedOption, deps: AutocompleteDeps, definition: CommandDefinition = serverlessFitCommand): Promise<Suggestion[]> {
  switch (optionOf(focused, definition)?.suggest) {
    case 'time-zone':
      return suggestTimeZones(focused.value, deps.timeZones ?? allTimeZones());
    case 'review':
      return deps.reviews ? suggestReviews(focused.value, deps.reviews, workspaceOf(focused.guildId, focused.userId)) : [];
    default:
      return [];
  }
}

function optionOf(focused: FocusedOption, definition: CommandDefinition): CommandOption | undefined {
  const sub = definition.subCommands.find((s) => s.name === (focused.group ?? focused.subCommand));
  const options = focused.group ? sub?.variants?.find((v) => v.name === focused.subCommand)?.options : sub?.options;
  return options?.find((o) => o.name === focused.name);
}

/** "berlin", "new york", "europe/ber", "utc": names containing every typed word, those starting with it first. */
export function suggestTimeZones(typed: string, zones: readonly string[]): Suggestion[] {
  const words = normalise(typed).split(' ').filter(Boolean);
  const matches = zones.filter((zone) => words.every((word) => normalise(zone).includes(word)));
  const rank = (zone: string) => {
    const name = normalise(zone);
    const city = normalise(zone.split('/').at(-1) ?? zone);
    const query = words.join(' ');
    if (query === '') return 2;
    if (name === query || city === query) return 0;
    return name.startsWith(query) || city.startsWith(query) ? 1 : 2;
  };
  return [...matches]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .slice(0, MAX_SUGGESTIONS)
    .map((zone) => ({ name: zone, value: zone }));
}

/** The workspace's reviews whose name contains what was typed, newest first; the value is the review's id, which reopens it. */
export async function suggestReviews(typed: string, reviews: ReviewStore, workspace: string): Promise<Suggestion[]> {
  const query = normalise(typed);
  return (await reviews.list(workspace, { platform: 'discord' }))
    .filter((review) => query === '' || normalise(review.name).includes(query) || review.id.startsWith(query))
    .slice(0, MAX_SUGGESTIONS)
    .map((review) => ({
      name: truncate(`${review.name} (${review.status}, ${review.components} component${review.components === 1 ? '' : 's'})`, MAX_CHOICE_CHARS),
      value: review.id,
    }));
}

/** Every zone Intl knows, with UTC (which some runtimes leave out of the list). */
function allTimeZones(): readonly string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[_\s]+/g, ' ').trim();
}
