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
import type { ConversationStore, DeliveryLedger, ReviewStore } from '../../core/ports.js';
import { REVIEW_ACTIONS } from '../../core/review/review-actions.js';
import { renderReviewAddModal } from '../../render/review-discord.js';
import { continueReview, handleReviewSlash } from './handle-review.js';
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
import { handleDigest } from './handle-digest.js';
import type { DigestService } from '../../core/digest/digest-service.js';
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
  /** Weekly digests; without it the digest sub-command says they are not set up. */
  digests?: DigestService;
  /** Design reviews; without it the review sub-command says they are not set up. */
  reviews?: ReviewStore;
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
  const slash = translateSlash(interaction.options.getSubcommand(false), interaction.options.getString('description'), (name) =>
    interaction.options.getString(name),
  );
  if (slash.kind === 'review') {
    if (deps.reviews) await handleReviewSlash(interaction, responder, slash.text, { ...deps, reviews: deps.reviews });
    else await responder.send(textOutgoing('Design reviews are not set up in this bot yet. Ask whoever runs it to enable them.'), { ephemeral: true });
    return;
  }
  const actor = interaction.user.id;
  const channel = interaction.channel;
  const parentId = channel?.isThread() ? channel.parentId : null;
  const key = channelKey(interaction.guildId, interaction.channelId, actor, parentId);
  switch (slash.kind) {
    case 'unknown':
      await responder.send(textOutgoing(USER_MESSAGES.unknownCommand), { ephemeral: true });
      return;
    case 'help':
    case 'forget-me':
      await deliver(responder, deps.advisor.handle({ key, event: { kind: slash.kind }, actor }), deps, { ephemeral: true });
      return;
    case 'digest':
      await handleDigest({ guildId: interaction.guildId, channelId: interaction.channelId, user: actor, text: slash.text }, responder, deps.digests);
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
  // Buttons on a review's card and questions carry the review's id where a conversation's would be.
  const review = translated.conversationId && !conversation ? (deps.reviews?.get(workspace, translated.conversationId) ?? null) : null;
  if (review && deps.reviews) {
    await reviewComponent(interaction, responder, translated, review.key, { ...deps, reviews: deps.reviews });
    return;
  }
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

/** "Add component" opens its modal; the modal's text travels as the action's value; the rest is a review turn. */
async function reviewComponent(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
  responder: InteractionResponder,
  translated: Exclude<ReturnType<typeof translateComponent>, { kind: 'ignore' }>,
  key: AdvisorInput['key'],
  deps: InteractionDeps & { reviews: ReviewStore },
) {
  const reviewId = translated.conversationId;
  if (translated.kind === 'open-modal') {
    if (interaction.isModalSubmit()) return;
    const modal = renderAnswerModal(reviewId, { title: 'Answer', label: 'Your answer', placeholder: 'e.g. none, 3k/day, or start with a component name' });
    if (!modal) throw new Error('answer modal could not be encoded');
    await interaction.showModal(modal);
    return;
  }
  let event = translated.event;
  if (event.kind === 'action' && event.actionId === REVIEW_ACTIONS.add && !event.value) {
    if (!interaction.isModalSubmit()) {
      const modal = reviewId ? renderReviewAddModal(reviewId) : null;
      if (!modal) throw new Error('add-component modal could not be encoded');
      await interaction.showModal(modal);
      return;
    }
    event = { ...event, value: interaction.fields.getTextInputValue(ANSWER_INPUT_ID) };
  }
  await continueReview(interaction as RepliableInteraction, responder, { key, event, actor: interaction.user.id }, deps);
}
