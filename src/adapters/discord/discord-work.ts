import type { Interaction, Message } from 'discord.js';
import { ANSWER_INPUT_ID } from './components.js';
import { ChannelType, PermissionFlagsBits } from './discord-js.js';
import { slashInput } from './slash-input.js';

// A Discord interaction or message -> the work it asks for, as plain values
// kept in the delivery ledger until the work is done. The handlers run on
// these values (never on discord.js objects), so a replay after a restart
// runs exactly what a live delivery runs. Only what the work needs is kept.

export interface InteractionWork {
  kind: 'interaction';
  interactionId: string;
  /** Answers the interaction for 15 minutes without the bot token. */
  token: string;
  applicationId: string;
  guildId: string | null;
  channelId: string;
  /** 0 text, 1 DM, 5 announcement, 11 public thread; null when Discord did not say. */
  channelType: number | null;
  /** The parent channel when the interaction came from inside a thread. */
  parentId: string | null;
  userId: string;
  /** The bot's permissions where the interaction happened, as a bitfield. */
  appPermissions: string;
  input:
    | { kind: 'slash'; commandName: string; subCommand: string | null; options: Record<string, string> }
    | { kind: 'component'; customId: string; values: string[] | null }
    | { kind: 'modal'; customId: string; answer: string };
}

export interface MessageWork {
  kind: 'message';
  messageId: string;
  guildId: string | null;
  channelId: string;
  parentId: string | null;
  authorId: string;
  authorIsBot: boolean;
  content: string;
  /** True when the message is a Discord reply to one of the bot's messages. */
  repliesToBot: boolean;
  /** Files attached to it (a template dropped into a review's thread); absent on work kept before files were read. */
  attachments?: AttachmentRef[];
}

export interface AttachmentRef {
  id: string;
  name: string;
  /** Bytes, as Discord states it. */
  size: number;
  url: string;
}

/** More in one message is not a template upload. */
const MAX_ATTACHMENTS = 3;

export type DiscordWork = InteractionWork | MessageWork;

export function interactionWork(interaction: Interaction): InteractionWork | null {
  const base = {
    kind: 'interaction' as const,
    interactionId: interaction.id,
    token: interaction.token,
    applicationId: interaction.applicationId,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? '',
    channelType: interaction.channel?.type ?? null,
    parentId: interaction.channel?.isThread() ? interaction.channel.parentId : null,
    userId: interaction.user.id,
    appPermissions: interaction.appPermissions?.bitfield.toString() ?? '0',
  };
  if (interaction.isChatInputCommand()) return { ...base, input: slashInput(interaction) };
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    return { ...base, input: { kind: 'component', customId: interaction.customId, values: interaction.isStringSelectMenu() ? [...interaction.values] : null } };
  }
  if (interaction.isModalSubmit()) {
    let answer = '';
    try {
      answer = interaction.fields.getTextInputValue(ANSWER_INPUT_ID);
    } catch {
      // A form that is not ours: translateComponent ignores an empty answer.
    }
    return { ...base, input: { kind: 'modal', customId: interaction.customId, answer } };
  }
  return null;
}

export function messageWork(message: Message, botUserId: string | null): MessageWork {
  return {
    kind: 'message',
    messageId: message.id,
    guildId: message.guildId,
    channelId: message.channelId,
    parentId: message.channel.isThread() ? message.channel.parentId : null,
    authorId: message.author.id,
    authorIsBot: message.author.bot,
    content: message.content,
    repliesToBot: message.mentions.repliedUser?.id !== undefined && message.mentions.repliedUser.id === botUserId,
    attachments: [...message.attachments.values()].slice(0, MAX_ATTACHMENTS).map((a) => ({ id: a.id, name: a.name, size: a.size, url: a.url })),
  };
}

const THREAD_PERMISSIONS = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

/** Threads need a guild text channel and the thread permissions; an unknown channel type is tried and may refuse. */
export function mayStartThread(work: InteractionWork): boolean {
  if (work.guildId === null) return false;
  if ((BigInt(work.appPermissions) & THREAD_PERMISSIONS) !== THREAD_PERMISSIONS) return false;
  return work.channelType === null || work.channelType === ChannelType.GuildText || work.channelType === ChannelType.GuildAnnouncement;
}
