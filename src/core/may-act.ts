import type { ConversationKey } from './conversation.js';

// Who may act on a conversation or a design review through a button, a menu
// or a form: whoever is where it lives. A button carries the conversation's
// id, and an id can be copied; the place the platform says the press came
// from cannot. In a channel (or its thread) anyone present may act; a direct
// message has only its owner in it, so there only the owner may.

export interface ActionOrigin {
  /** The channel (or thread) the platform says the action came from. */
  channel: string;
  /** True in a one-to-one direct message with the bot. */
  direct: boolean;
  /** Who acted. */
  actor: string;
}

export function mayActOn(key: ConversationKey, origin: ActionOrigin): boolean {
  const present = origin.channel === key.channel || origin.channel === key.thread;
  if (!present) return false;
  return !origin.direct || origin.actor === key.user;
}

export const NOT_YOURS =
  'That button belongs to a conversation somewhere you are not, so I did nothing. Start your own with `/serverless-fit`.';
