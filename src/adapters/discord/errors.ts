import { CONVERSATION_GONE, UNKNOWN_SUB_COMMAND } from '../../core/dispatch/answers.js';
import { DiscordAPIError } from './discord-js.js';

// Discord API errors -> what the user is told. Users never see a stack trace
// or an error code; the operator's log gets the detail.

/** Discord JSON error codes this adapter reacts to. */
export const DISCORD_ERROR_CODES = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  missingAccess: 50001,
  cannotSendEmpty: 50006,
  missingPermissions: 50013,
  invalidWebhookToken: 50027,
  invalidFormBody: 50035,
  alreadyAcknowledged: 40060,
  threadAlreadyCreated: 160004,
} as const;

export function discordErrorCode(error: unknown): number | string | null {
  if (error instanceof DiscordAPIError) return error.code;
  return null;
}

/**
 * True when the interaction token can no longer be used: not acknowledged
 * within 3 s (10062), or older than 15 minutes (50027, 10015). The answer
 * must then go to the channel with the bot's own token.
 */
export function isExpiredInteraction(error: unknown): boolean {
  const code = discordErrorCode(error);
  return (
    code === DISCORD_ERROR_CODES.unknownInteraction ||
    code === DISCORD_ERROR_CODES.invalidWebhookToken ||
    code === DISCORD_ERROR_CODES.unknownWebhook
  );
}

/** True when the bot may not post or create threads there: fall back to replies in the channel. */
export function isMissingAccess(error: unknown): boolean {
  const code = discordErrorCode(error);
  return (
    code === DISCORD_ERROR_CODES.missingAccess ||
    code === DISCORD_ERROR_CODES.missingPermissions ||
    code === DISCORD_ERROR_CODES.unknownChannel
  );
}

export const USER_MESSAGES = {
  generic: 'Something went wrong on my side and I could not finish that. Nothing you told me was lost; please try again.',
  conversationGone: CONVERSATION_GONE,
  expired: 'That took me too long to answer in place, so here it is:',
  unknownCommand: UNKNOWN_SUB_COMMAND,
} as const;

/** The user-facing text for an error that reached the boundary. */
export function userMessageFor(error: unknown): string {
  const code = discordErrorCode(error);
  if (code === DISCORD_ERROR_CODES.missingAccess || code === DISCORD_ERROR_CODES.missingPermissions) {
    return 'I am missing a permission in this channel (Send Messages, Embed Links, Attach Files or Create Public Threads). Ask a server admin, or talk to me in a DM.';
  }
  return USER_MESSAGES.generic;
}
