import type { ActionRef } from '../../core/advisor-types.js';
import type { ConversationKey, ThreadKey } from '../../core/conversation.js';
import { decodeCustomId, decodeSelectValue, type CustomId } from './render-card.js';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';

// Discord payload -> the core's command, action ref and conversation key. Only plain values go
// in, so the mapping is testable without a gateway.
//
// Keys: workspace = guild id; in DMs '@me:<user id>', so each person's direct
// messages are a workspace of their own and an id from someone else's DM
// finds nothing. A conversation started where the
// bot may create threads has thread = id of the first reply, which is also the
// id of the thread started from it (Discord gives a message's thread the
// message's id). Elsewhere (DMs, no thread permission) thread = channel id:
// the channel itself is the thread and the newest conversation there answers.

export const DM_WORKSPACE = '@me';

/** The guild, or the person's own direct-message workspace. */
export function workspaceOf(guildId: string | null, userId: string): string {
  return guildId ?? `${DM_WORKSPACE}:${userId}`;
}

/**
 * The key of a conversation that lives where it was started: the channel
 * itself, or (started inside an existing thread) that thread of its parent,
 * the same key a plain message in that thread maps to.
 */
export function channelKey(guildId: string | null, channelId: string, userId: string, parentId: string | null = null): ConversationKey {
  return { platform: 'discord', workspace: workspaceOf(guildId, userId), channel: parentId ?? channelId, thread: channelId, user: userId };
}

/** The key of a conversation continued in the thread started from `replyId`. */
export function threadedKey(guildId: string, channelId: string, replyId: string, userId: string): ConversationKey {
  return { platform: 'discord', workspace: guildId, channel: channelId, thread: replyId, user: userId };
}

/** Whether the conversation continues in a thread of its own rather than in the channel. */
export function isThreaded(key: ThreadKey): boolean {
  return key.thread !== key.channel;
}

/** The digest sub-command's options, in the order its text form reads them. */
export const DIGEST_OPTION_NAMES = ['action', 'weekday', 'time', 'timezone', 'quiet'] as const;

/** The option that carries each sub-command's words (digest's are several, read in order). */
const WORDS_OPTION: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['assess', ['description']],
  ['review', ['name']],
  ['digest', DIGEST_OPTION_NAMES],
]);

/**
 * `/serverless-fit <sub-command> [options]` -> the sub-command and its words
 * as Slack's text form has them ("subscribe monday 09:00 Europe/Berlin",
 * "checkout platform"), for the core to read. No sub-command means assess.
 */
export function slashCommand(subCommand: string | null, option: (name: string) => string | null): { subCommand: string; text: string } {
  const name = subCommand ?? 'assess';
  // Any other sub-command's words are its options in the order the command definition lists them.
  const text = (WORDS_OPTION.get(name) ?? serverlessFitCommand.subCommands.find((s) => s.name === name)?.options.map((o) => o.name) ?? [])
    .map((o) => option(o)?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return { subCommand: name, text };
}

/** A button, select or modal submit -> the core's action ref; null when it is not one of ours. */
export function translateComponent(input: {
  customId: string;
  /** Select menu values. */
  values?: readonly string[];
  /** Modal text inputs by custom id. */
  fields?: Readonly<Record<string, string>>;
}): ActionRef | null {
  const id: CustomId | null = decodeCustomId(input.customId);
  if (!id) return null;
  const typed = Object.values(input.fields ?? {}).join('\n').trim();
  switch (id.kind) {
    case 'action': {
      // A form submitted under an action's id (a review's "Add component") carries its text as the action's value.
      const value = id.value ?? (typed || undefined);
      return { target: id.conversationId, kind: 'action', actionId: id.actionId, ...(value === undefined ? {} : { value }) };
    }
    case 'select': {
      const chosen = input.values?.[0];
      if (chosen === undefined) return null;
      const action = decodeSelectValue(chosen);
      return { target: id.conversationId, kind: 'action', actionId: action.actionId, ...(action.value === undefined ? {} : { value: action.value }) };
    }
    case 'type':
      return { target: id.conversationId, kind: 'form' };
    case 'modal':
      return typed ? { target: id.conversationId, kind: 'typed', text: typed } : null;
  }
}

/** Where a plain message (Message Content intent) might belong, or null when it is not ours to read. */
export function messageThreadKey(message: {
  guildId: string | null;
  authorId: string;
  channelId: string;
  /** Parent channel id when the message is in a thread. */
  parentId: string | null;
  authorIsBot: boolean;
  /** True when the message is a Discord reply to one of the bot's messages. */
  repliesToBot: boolean;
  content: string;
}): ThreadKey | null {
  if (message.authorIsBot || message.content.trim() === '') return null;
  if (message.guildId === null) {
    return { platform: 'discord', workspace: workspaceOf(null, message.authorId), channel: message.channelId, thread: message.channelId };
  }
  if (message.parentId !== null) {
    return { platform: 'discord', workspace: message.guildId, channel: message.parentId, thread: message.channelId };
  }
  // In a shared channel only a reply to the bot counts: chatter there is not an answer.
  if (!message.repliesToBot) return null;
  return { platform: 'discord', workspace: message.guildId, channel: message.channelId, thread: message.channelId };
}
