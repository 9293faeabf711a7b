import { MAX_DESCRIPTION_CHARS } from '../../../commands/serverless-fit.js';
import type { Reply } from '../advisor-types.js';

// The answers the core gives on every platform in the same words: a feature
// this deployment does not run, text longer than the bot reads, a control
// whose conversation is gone or whose payload cannot be read, a sub-command
// that does not exist.

export type Feature = 'reviews' | 'digests' | 'settings';

const FEATURE_NAMES: Record<Feature, string> = { reviews: 'Design reviews', digests: 'Weekly digests', settings: 'Workspace settings' };

export function notSetUpText(feature: Feature): string {
  return `${FEATURE_NAMES[feature]} are not set up in this bot yet. Ask whoever runs it to enable them.`;
}

export function notSetUp(feature: Feature): Reply {
  return { kind: 'notice', conversationId: null, level: 'warning', text: notSetUpText(feature) };
}

/** True when the text is longer than the bot reads (commands, answers, forms alike). */
export function isTooLong(text: string): boolean {
  return text.length > MAX_DESCRIPTION_CHARS;
}

export function tooLongText(length: number): string {
  return `That message is too long (${length.toLocaleString('en-US')} characters, max ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')}). Please send a shorter one; the key figures are enough.`;
}

export function tooLong(length: number, conversationId: string | null = null): Reply {
  return { kind: 'notice', conversationId, level: 'error', text: tooLongText(length) };
}

export const CONVERSATION_GONE = 'That conversation is no longer available. Start a new one with `/serverless-fit`.';

/** A control whose payload this version cannot read (made by an older one, or not ours). */
export const UNREADABLE_CONTROL = 'That button is from an older version of me. Start again with `/serverless-fit`.';

export const UNKNOWN_SUB_COMMAND = 'I do not know that command. Try `/serverless-fit help`.';

export function privateNotice(text: string, level: 'info' | 'warning' | 'error' = 'warning'): Reply {
  return { kind: 'notice', conversationId: null, level, text };
}
