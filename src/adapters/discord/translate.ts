import type { AdvisorEvent } from '../../core/advisor-types.js';
import type { ConversationKey, ThreadKey } from '../../core/conversation.js';
import { decodeCustomId, decodeSelectValue, type CustomId } from '../../render/discord-message.js';

// Discord payload -> advisor event and conversation key. Only plain values go
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

export type SlashTranslation =
  | { kind: 'start'; text: string }
  | { kind: 'help' }
  | { kind: 'history' }
  | { kind: 'forget-me' }
  | { kind: 'digest'; text: string }
  | { kind: 'review'; text: string }
  | { kind: 'unknown'; name: string };

/** The digest sub-command's options, in the order its text form reads them. */
export const DIGEST_OPTION_NAMES = ['action', 'weekday', 'time', 'timezone', 'quiet'] as const;

/**
 * `/serverless-fit <sub-command> [description]`; `digestOptions` are the
 * digest sub-command's option values, read into the same words Slack's text
 * form uses ("subscribe monday 09:00 Europe/Berlin"), and the review
 * sub-command's `name` ("checkout platform", "list" or a review id).
 */
export function translateSlash(
  subCommand: string | null,
  description: string | null,
  digestOptions: (name: (typeof DIGEST_OPTION_NAMES)[number] | 'name') => string | null = () => null,
): SlashTranslation {
  switch (subCommand ?? 'assess') {
    case 'digest':
      return {
        kind: 'digest',
        text: DIGEST_OPTION_NAMES.map((name) => digestOptions(name)?.trim() ?? '')
          .filter(Boolean)
          .join(' '),
      };
    case 'review':
      return { kind: 'review', text: digestOptions('name')?.trim() ?? '' };
    case 'assess':
      return { kind: 'start', text: (description ?? '').trim() };
    case 'help':
      return { kind: 'help' };
    case 'history':
      return { kind: 'history' };
    case 'forget-me':
      return { kind: 'forget-me' };
    default:
      return { kind: 'unknown', name: subCommand ?? '' };
  }
}

export type ComponentTranslation =
  | { kind: 'event'; conversationId: string | null; event: AdvisorEvent }
  | { kind: 'open-modal'; conversationId: string | null }
  | { kind: 'ignore' };

/** A button, select or modal submit -> an advisor event (or the modal to open). */
export function translateComponent(input: {
  customId: string;
  /** Select menu values. */
  values?: readonly string[];
  /** Modal text inputs by custom id. */
  fields?: Readonly<Record<string, string>>;
}): ComponentTranslation {
  const id: CustomId | null = decodeCustomId(input.customId);
  if (!id) return { kind: 'ignore' };
  switch (id.kind) {
    case 'action':
      return {
        kind: 'event',
        conversationId: id.conversationId,
        event: id.value === undefined ? { kind: 'action', actionId: id.actionId } : { kind: 'action', actionId: id.actionId, value: id.value },
      };
    case 'select': {
      const chosen = input.values?.[0];
      if (chosen === undefined) return { kind: 'ignore' };
      const action = decodeSelectValue(chosen);
      return {
        kind: 'event',
        conversationId: id.conversationId,
        event: action.value === undefined ? { kind: 'action', actionId: action.actionId } : { kind: 'action', actionId: action.actionId, value: action.value },
      };
    }
    case 'type':
      return { kind: 'open-modal', conversationId: id.conversationId };
    case 'modal': {
      const text = Object.values(input.fields ?? {}).join('\n').trim();
      if (!text) return { kind: 'ignore' };
      return { kind: 'event', conversationId: id.conversationId, event: { kind: 'message', text } };
    }
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
