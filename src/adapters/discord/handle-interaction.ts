import type {
  ChatInputCommandInteraction,
  Interaction,
  MessageComponentInteraction,
  ModalSubmitInteraction,
  REST,
  RepliableInteraction,
} from 'discord.js';
import { ChannelType, PermissionFlagsBits, Routes } from './discord-js.js';
import { ACTION_IDS } from '../../core/action-ids.js';
import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import type { QuestionId } from '../../core/conversation.js';
import type { ConversationStore, DeliveryLedger } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { ANSWER_INPUT_ID, renderAnswerModal, truncate } from '../../render/discord-message.js';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import {
  createInteractionResponder,
  needsDefer,
  postInChannel,
  prepareOutgoing,
  textOutgoing,
  type InteractionResponder,
  type RenderChart,
} from './deliver.js';
import { isMissingAccess, userMessageFor, USER_MESSAGES } from './errors.js';
import { channelKey, isThreaded, threadedKey, translateComponent, translateSlash, workspaceOf } from './translate.js';

// One Discord interaction, end to end: claim it (a resumed gateway may replay
// it), translate, ask the advisor, deliver. Everything runs inside an error
// boundary that always tells the user, ephemerally, when something failed.

export interface InteractionDeps {
  advisor: Advisor;
  store: ConversationStore;
  ledger: DeliveryLedger;
  logger: Logger;
  rest: REST;
  renderChart?: RenderChart;
  now: () => Date;
}

const THREAD_PERMISSIONS = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

const MODAL_PROMPTS: Record<QuestionId | 'what-if', { title: string; label: string; placeholder: string }> = {
  description: { title: 'Describe the workload', label: 'What does it do?', placeholder: 'e.g. resize images on upload, 2 s each, a few thousand a day' },
  traffic: { title: 'Traffic', label: 'How many requests or jobs, and when?', placeholder: 'e.g. 10k/hour 6-9am, 500/hour overnight' },
  duration: { title: 'Duration', label: 'How long does each run take?', placeholder: 'e.g. about 2 s, worst case 30 s' },
  constraints: { title: 'Constraints', label: 'State, latency or size constraints?', placeholder: 'e.g. p99 under 100 ms, keeps a websocket open, or none' },
  'what-if': { title: 'Ask a what-if', label: 'What if...?', placeholder: 'e.g. what if traffic doubles' },
};

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (!interaction.isRepliable()) return;
  const responder = createInteractionResponder(interaction, { rest: deps.rest, logger: deps.logger });
  try {
    if (!deps.ledger.claim('discord', workspaceOf(interaction.guildId), interaction.id, deps.now().toISOString())) {
      deps.logger.info('discord: interaction already handled (replayed after a resume)', { interactionId: interaction.id });
      return;
    }
    if (interaction.isChatInputCommand()) await handleSlash(interaction, responder, deps);
    else if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
      await handleComponent(interaction, responder, deps);
    }
  } catch (error) {
    deps.logger.error('discord: interaction failed', { error, interactionId: interaction.id, state: responder.state() });
    try {
      await responder.send(textOutgoing(userMessageFor(error)), { ephemeral: true });
    } catch (second) {
      deps.logger.error('discord: could not tell the user about a failure', { error: second, interactionId: interaction.id });
    }
  }
}

async function handleSlash(interaction: ChatInputCommandInteraction, responder: InteractionResponder, deps: InteractionDeps) {
  if (interaction.commandName !== serverlessFitCommand.name) {
    await responder.send(textOutgoing(USER_MESSAGES.unknownCommand), { ephemeral: true });
    return;
  }
  const slash = translateSlash(interaction.options.getSubcommand(false), interaction.options.getString('description'));
  const actor = interaction.user.id;
  const channel = interaction.channel;
  const parentId = channel?.isThread() ? channel.parentId : null;
  const key = channelKey(interaction.guildId, interaction.channelId, actor, parentId);
  switch (slash.kind) {
    case 'unknown':
      await responder.send(textOutgoing(USER_MESSAGES.unknownCommand), { ephemeral: true });
      return;
    case 'help':
      await deliver(responder, deps.advisor.handle({ key, event: { kind: 'help' }, actor }), deps, { ephemeral: true });
      return;
    case 'history':
      // History is per channel: asked inside a thread, it lists the parent channel's assessments.
      await deliver(responder, deps.advisor.handle({ key: { ...key, thread: key.channel }, event: { kind: 'history' }, actor }), deps, { ephemeral: true });
      return;
    case 'start':
      if (mayStartThread(interaction)) await startInThread(interaction, responder, slash.text, deps);
      else await deliver(responder, deps.advisor.handle({ key, event: { kind: 'start', text: slash.text }, actor }), deps);
      return;
  }
}

/** Threads need a guild text channel and the thread permissions; an uncached channel is tried and may refuse. */
function mayStartThread(interaction: ChatInputCommandInteraction): boolean {
  if (!interaction.inGuild()) return false;
  if (!interaction.appPermissions.has(THREAD_PERMISSIONS)) return false;
  const type = interaction.channel?.type;
  return type === undefined || type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}

async function startInThread(interaction: ChatInputCommandInteraction, responder: InteractionResponder, text: string, deps: InteractionDeps) {
  // The thread's id is the first reply's id, so the reply must exist before the conversation does.
  await responder.deferReply();
  const first = await interaction.fetchReply();
  const guildId = interaction.guildId as string;
  const key = threadedKey(guildId, interaction.channelId, first.id, interaction.user.id);
  const reply = deps.advisor.handle({ key, event: { kind: 'start', text }, actor: interaction.user.id });
  await responder.send(await prepareOutgoing(reply, deps.renderChart, deps.logger));
  if (reply.kind === 'notice') return;
  try {
    await deps.rest.post(Routes.threads(interaction.channelId, first.id), {
      body: { name: threadName(text), auto_archive_duration: 1440 },
    });
  } catch (error) {
    // Buttons carry the conversation id, so the interview goes on in the channel.
    deps.logger.warn('discord: could not start a thread; continuing in the channel', { error, channelId: interaction.channelId });
  }
}

function threadName(text: string): string {
  const topic = text.replace(/\s+/g, ' ').trim();
  return truncate(topic ? `serverless-fit: ${topic}` : 'serverless-fit assessment', 100);
}

async function handleComponent(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
  responder: InteractionResponder,
  deps: InteractionDeps,
) {
  const translated = translateComponent({
    customId: interaction.customId,
    values: interaction.isStringSelectMenu() ? interaction.values : undefined,
    fields: interaction.isModalSubmit() ? { [ANSWER_INPUT_ID]: interaction.fields.getTextInputValue(ANSWER_INPUT_ID) } : undefined,
  });
  if (translated.kind === 'ignore') {
    await responder.send(textOutgoing('That button is not one of mine any more. Start again with `/serverless-fit`.'), { ephemeral: true });
    return;
  }
  const workspace = workspaceOf(interaction.guildId);
  const conversation = translated.conversationId ? deps.store.get(workspace, translated.conversationId) : null;
  if (translated.conversationId && !conversation) {
    await responder.send(textOutgoing(USER_MESSAGES.conversationGone), { ephemeral: true });
    return;
  }
  if (translated.kind === 'open-modal') {
    if (interaction.isModalSubmit()) return;
    const prompt = MODAL_PROMPTS[conversation?.pending ?? 'what-if'];
    const modal = renderAnswerModal(translated.conversationId, prompt);
    if (!modal) throw new Error('answer modal could not be encoded');
    await interaction.showModal(modal);
    return;
  }
  const key = conversation?.key ?? channelKey(interaction.guildId, interaction.channelId ?? '', interaction.user.id);
  await continueConversation(interaction as RepliableInteraction, responder, { key, event: translated.event, actor: interaction.user.id }, deps);
}

/**
 * Delivers the next step of a conversation. Inside its thread (or when it lives
 * in the channel) the answer is a reply to the click; a click on the first
 * message, outside the thread, is acknowledged and the answer goes to the thread.
 */
async function continueConversation(
  interaction: RepliableInteraction,
  responder: InteractionResponder,
  input: AdvisorInput,
  deps: InteractionDeps,
) {
  const reply = deps.advisor.handle(input);
  if (isShare(input) && reply.kind === 'result' && isThreaded(input.key)) {
    // "Share to channel": the card leaves the thread for the channel it started in.
    await responder.deferUpdate();
    await postInChannel(deps.rest, input.key.channel, await prepareOutgoing(reply, deps.renderChart, deps.logger));
    return;
  }
  const inPlace = !isThreaded(input.key) || interaction.channelId === input.key.thread;
  if (reply.kind === 'notice' && reply.level === 'error') {
    await deliver(responder, reply, deps, { ephemeral: true });
    return;
  }
  if (inPlace) {
    await deliver(responder, reply, deps);
    return;
  }
  await responder.deferUpdate();
  const outgoing = await prepareOutgoing(reply, deps.renderChart, deps.logger);
  try {
    await postInChannel(deps.rest, input.key.thread, outgoing);
  } catch (error) {
    if (!isMissingAccess(error)) throw error;
    deps.logger.warn('discord: cannot post in the conversation thread; answering in the channel', { error, thread: input.key.thread });
    await responder.send(outgoing);
  }
}

function isShare(input: AdvisorInput): boolean {
  return input.event.kind === 'action' && input.event.actionId === ACTION_IDS.share;
}

async function deliver(responder: InteractionResponder, reply: Reply, deps: InteractionDeps, options: { ephemeral?: boolean } = {}) {
  if (needsDefer(reply, deps.renderChart)) await responder.deferReply(options);
  await responder.send(await prepareOutgoing(reply, deps.renderChart, deps.logger), options);
}
