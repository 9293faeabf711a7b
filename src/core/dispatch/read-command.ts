import { serverlessFitCommand, type SubCommandName } from '../../../commands/serverless-fit.js';
import type { AdvisorEvent } from '../advisor-types.js';
import { reviewEventFor } from '../review/review-command-text.js';
import { namesSource } from '../metrics/read-measure-words.js';

// What `/serverless-fit <text>` asks for, read once for every platform. The
// first word names the sub-command (any case, any spacing); text whose first
// word names none is a workload to assess, so "resize images on upload" needs
// no "assess" in front. A platform that picks the sub-command from a menu
// passes it on its own, and then a name the definition does not know is not
// a workload but an unknown command.

export type ReviewCommandEvent = Extract<AdvisorEvent, { kind: 'review-open' } | { kind: 'review-list' } | { kind: 'review-reopen' }>;

export type Command =
  | { kind: 'assess'; text: string }
  /** "assess from lambda resize-images eu-west-1": the words after "from". */
  | { kind: 'measure'; words: string }
  | { kind: 'help' }
  | { kind: 'history' }
  | { kind: 'forget-me' }
  /** The words after `digest`: "subscribe monday 09:00 Europe/Berlin". */
  | { kind: 'digest'; text: string }
  | { kind: 'review'; event: ReviewCommandEvent }
  /** The words after `settings`: "region eu-central-1". */
  | { kind: 'settings'; text: string }
  | { kind: 'unknown'; name: string };

/** "assess from lambda ...", "from sqs orders": a running workload to measure; "from the mobile app, 200 rps" stays a description. */
const FROM = /^from(?:\s+(.*))?$/i;

/** "forget me" typed as two words means the sub-command, as long as nothing follows. */
const FORGET_ME = /^forget[\s-]*me[.!]?$/i;
/** "review open" or "review new" with nothing after it: a review still to be named. */
const BARE_OPEN = /^(?:open|new|start)$/i;
/** "review open checkout platform": the verb is not part of the name. */
const OPEN_NAMED = /^(?:open|new|start)\s+(.+\s.+)$/i;

export function readCommand(text: string, subCommand?: string): Command {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (subCommand !== undefined) return commandFor(subCommand.trim().toLowerCase(), trimmed);
  if (FORGET_ME.test(trimmed)) return { kind: 'forget-me' };
  const space = trimmed.indexOf(' ');
  const first = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  const named = subCommandNamed(first);
  // A typed "from ..." is a measurement only when a source follows; a menu's "from" always is.
  if (named === 'from') return assessOrMeasure(trimmed);
  return named ? commandFor(named, rest) : assessOrMeasure(trimmed);
}

function assessOrMeasure(text: string): Command {
  const from = FROM.exec(text);
  return from && (!from[1] || namesSource(from[1])) ? { kind: 'measure', words: from[1] ?? '' } : { kind: 'assess', text };
}

function subCommandNamed(word: string): SubCommandName | null {
  return serverlessFitCommand.subCommands.find((s) => s.name === word)?.name ?? null;
}

function commandFor(name: string, rest: string): Command {
  switch (subCommandNamed(name)) {
    case 'assess':
      return assessOrMeasure(rest);
    case 'from':
      return { kind: 'measure', words: rest };
    case 'help':
      return { kind: 'help' };
    case 'history':
      return { kind: 'history' };
    case 'forget-me':
      return { kind: 'forget-me' };
    case 'digest':
      return { kind: 'digest', text: rest };
    case 'review':
      return { kind: 'review', event: reviewCommandEvent(rest) };
    case 'settings':
      return { kind: 'settings', text: rest };
    case null:
      return { kind: 'unknown', name };
  }
}

/** The words after `review`: list, reopen by id, or open one by name. */
export function reviewCommandEvent(words: string): ReviewCommandEvent {
  if (BARE_OPEN.test(words)) return { kind: 'review-open', name: '' };
  const named = OPEN_NAMED.exec(words);
  if (named) return { kind: 'review-open', name: named[1] ?? '' };
  return reviewEventFor(words);
}
