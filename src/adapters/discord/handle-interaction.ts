import { ACTION_IDS } from '../../core/action-ids.js';
import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import type { QuestionId } from '../../core/conversation.js';
import { mayActOn, NOT_YOURS } from '../../core/may-act.js';
import { StorageUnavailable, type ConversationStore, type ReviewStore } from '../../core/ports.js';
import { REVIEW_ACTIONS } from '../../core/review/review-actions.js';
import { renderReviewAddModal } from '../../render/review-discord.js';
import { continueReview, handleReviewSlash } from './handle-review.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { ANSWER_INPUT_ID, renderAnswerModal, truncate } from '../../render/discord-message.js';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import { needsDefer, prepareOutgoing, textOutgoing, type RenderChart } from './deliver.js';
import { mayStartThread, type InteractionWork } from './discord-work.js';
import { isMissingAccess, userMessageFor, USER_MESSAGES } from './errors.js';
import { handleDigest } from './handle-digest.js';
import type { DigestService } from '../../core/digest/digest-service.js';
import type { BotCalls, InteractionResponder } from './responder.js';
import { channelKey, isThreaded, threadedKey, translateComponent, translateSlash, workspaceOf } from './translate.js';

// One Discord interaction, end to end, on the plain values kept for it:
// translate, ask the advisor, deliver. Each decision is recorded with the
// delivery (`record`) and each answer goes through the responder, so a replay
// after a restart continues where it stopped. Everything runs inside an error
// boundary that tells the user, ephemerally, when something failed.

export interface InteractionDeps {
  advisor: Advisor;
  store: ConversationStore;
  logger: Logger;
  record: RecordStep;
  bot: BotCalls;
  renderChart?: RenderChart;
  /** Weekly digests; without it the digest sub-command says they are not set up. */
  digests?: DigestService;
  /** Design reviews; without it the review sub-command says they are not set up. */
  reviews?: ReviewStore;
}

export const NOT_SAVED_MIDWAY =
  'I could not save my answer (the bot cannot write to its database right now), so I stopped there. Please try again in a minute.';

const MODAL_PROMPTS: Record<QuestionId | 'what-if', { title: string; label: string; placeholder: string }> = {
  description: { title: 'Describe the workload', label: 'What does it do?', placeholder: 'e.g. resize images on upload, 2 s each, a few thousand a day' },
  traffic: { title: 'Traffic', label: 'How many requests or jobs, and when?', placeholder: 'e.g. 10k/hour 6-9am, 500/hour overnight' },
  duration: { title: 'Duration', label: 'How long does each run take?', placeholder: 'e.g. about 2 s, worst case 30 s' },
  constraints: { title: 'Constraints', label: 'State, latency or size constraints?', placeholder: 'e.g. p99 under 100 ms, keeps a websocket open, or none' },
  'what-if': { title: 'Ask a what-if', label: 'What if...?', placeholder: 'e.g. what if traffic doubles' },
};

export async function handleInteraction(work: InteractionWork, responder: InteractionResponder, deps: InteractionDeps): Promise<void> {
  try {
    if (work.input.kind === 'slash') await handleSlash(work, work.input, responder, deps);
    else await handleComponent(work, responder, deps);
  } catch (error) {
    deps.logger.error('discord: interaction failed', { error, interactionId: work.interactionId, state: responder.state() });
    try {
      await responder.send(textOutgoing(error instanceof StorageUnavailable ? NOT_SAVED_MIDWAY : userMessageFor(error)), { ephemeral: true });
    } catch (second) {
      deps.logger.error('discord: could not tell the user about a failure', { error: second, interactionId: work.interactionId });
    }
  }
}

/** The advisor's answer, saved with the delivery: a replay gets the same answer without asking again. */
export function advise(deps: Pick<InteractionDeps, 'advisor' | 'record'>, input: AdvisorInput): Promise<Reply> {
  return deps.record('advice', () => deps.advisor.handle(input));
}

async function handleSlash(work: InteractionWork, input: Extract<InteractionWork['input'], { kind: 'slash' }>, responder: InteractionResponder, deps: InteractionDeps) {
  if (input.commandName !== serverlessFitCommand.name) {
    await responder.send(textOutgoing(USER_MESSAGES.unknownCommand), { ephemeral: true });
    return;
  }
  const slash = translateSlash(input.subCommand, input.options.description ?? null, (name) => input.options[name] ?? null);
  if (slash.kind === 'review') {
    if (deps.reviews) await handleReviewSlash(work, responder, slash.text, { ...deps, reviews: deps.reviews });
    else await responder.send(textOutgoing('Design reviews are not set up in this bot yet. Ask whoever runs it to enable them.'), { ephemeral: true });
    return;
  }
  const actor = work.userId;
  const key = channelKey(work.guildId, work.channelId, actor, work.parentId);
  switch (slash.kind) {
    case 'unknown':
      await responder.send(textOutgoing(USER_MESSAGES.unknownCommand), { ephemeral: true });
      return;
    case 'help':
    case 'forget-me':
      await deliver(responder, await advise(deps, { key, event: { kind: slash.kind }, actor }), deps, { ephemeral: true });
      return;
    case 'digest':
      await handleDigest({ guildId: work.guildId, channelId: work.channelId, user: actor, text: slash.text }, responder, deps.digests, deps.record);
      return;
    case 'history':
      // History is per channel: asked inside a thread, it lists the parent channel's assessments.
      await deliver(responder, await advise(deps, { key: { ...key, thread: key.channel }, event: { kind: 'history' }, actor }), deps, { ephemeral: true });
      return;
    case 'start':
      if (mayStartThread(work)) await startInThread(work, responder, slash.text, deps);
      else await deliver(responder, await advise(deps, { key, event: { kind: 'start', text: slash.text }, actor }), deps);
      return;
  }
}


async function startInThread(work: InteractionWork, responder: InteractionResponder, text: string, deps: InteractionDeps) {
  // The thread's id is the first reply's id, so the reply must exist before the conversation does.
  await responder.deferReply();
  const firstId = await responder.originalId();
  const key = threadedKey(work.guildId as string, work.channelId, firstId, work.userId);
  const reply = await advise(deps, { key, event: { kind: 'start', text }, actor: work.userId });
  await responder.send(await prepareOutgoing(reply, deps.renderChart, deps.logger));
  if (reply.kind === 'notice') return;
  try {
    await deps.bot.startThread(work.channelId, firstId, threadName(text));
  } catch (error) {
    // Buttons carry the conversation id, so the interview goes on in the channel.
    deps.logger.warn('discord: could not start a thread; continuing in the channel', { error, channelId: work.channelId });
  }
}

function threadName(text: string): string {
  const topic = text.replace(/\s+/g, ' ').trim();
  return truncate(topic ? `serverless-fit: ${topic}` : 'serverless-fit assessment', 100);
}

async function handleComponent(work: InteractionWork, responder: InteractionResponder, deps: InteractionDeps) {
  const input = work.input;
  if (input.kind === 'slash') return;
  const translated = translateComponent({
    customId: input.customId,
    values: input.kind === 'component' ? (input.values ?? undefined) : undefined,
    fields: input.kind === 'modal' ? { [ANSWER_INPUT_ID]: input.answer } : undefined,
  });
  if (translated.kind === 'ignore') {
    await responder.send(textOutgoing('That button is not one of mine any more. Start again with `/serverless-fit`.'), { ephemeral: true });
    return;
  }
  const workspace = workspaceOf(work.guildId, work.userId);
  const conversation = translated.conversationId ? deps.store.get(workspace, translated.conversationId) : null;
  // Buttons on a review's card and questions carry the review's id where a conversation's would be.
  const review = translated.conversationId && !conversation ? (deps.reviews?.get(workspace, translated.conversationId) ?? null) : null;
  const owner = conversation?.key ?? review?.key;
  if (owner && !mayActOn(owner, { channel: work.channelId, direct: work.guildId === null, actor: work.userId })) {
    deps.logger.warn('discord: refused an action on a conversation from elsewhere', { interactionId: work.interactionId, channelId: work.channelId });
    await responder.send(textOutgoing(NOT_YOURS), { ephemeral: true });
    return;
  }
  if (review && deps.reviews) {
    await reviewComponent(work, responder, translated, review.key, { ...deps, reviews: deps.reviews });
    return;
  }
  if (translated.conversationId && !conversation) {
    await responder.send(textOutgoing(USER_MESSAGES.conversationGone), { ephemeral: true });
    return;
  }
  if (translated.kind === 'open-modal') {
    if (input.kind === 'modal') return;
    const prompt = MODAL_PROMPTS[conversation?.pending ?? 'what-if'];
    const modal = renderAnswerModal(translated.conversationId, prompt);
    if (!modal) throw new Error('answer modal could not be encoded');
    await responder.showModal(modal);
    return;
  }
  const key = conversation?.key ?? channelKey(work.guildId, work.channelId, work.userId);
  await continueConversation(work, responder, { key, event: translated.event, actor: work.userId }, deps);
}

/**
 * Delivers the next step of a conversation. Inside its thread (or when it lives
 * in the channel) the answer is a reply to the click; a click on the first
 * message, outside the thread, is acknowledged and the answer goes to the thread.
 */
async function continueConversation(work: InteractionWork, responder: InteractionResponder, input: AdvisorInput, deps: InteractionDeps) {
  const reply = await advise(deps, input);
  if (isShare(input) && reply.kind === 'result' && isThreaded(input.key)) {
    // "Share to channel": the card leaves the thread for the channel it started in.
    await responder.deferUpdate();
    await deps.bot.post(input.key.channel, await prepareOutgoing(reply, deps.renderChart, deps.logger));
    return;
  }
  const inPlace = !isThreaded(input.key) || work.channelId === input.key.thread;
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
    await deps.bot.post(input.key.thread, outgoing);
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
  work: InteractionWork,
  responder: InteractionResponder,
  translated: Exclude<ReturnType<typeof translateComponent>, { kind: 'ignore' }>,
  key: AdvisorInput['key'],
  deps: InteractionDeps & { reviews: ReviewStore },
) {
  const reviewId = translated.conversationId;
  const isModal = work.input.kind === 'modal';
  if (translated.kind === 'open-modal') {
    if (isModal) return;
    const modal = renderAnswerModal(reviewId, { title: 'Answer', label: 'Your answer', placeholder: 'e.g. none, 3k/day, or start with a component name' });
    if (!modal) throw new Error('answer modal could not be encoded');
    await responder.showModal(modal);
    return;
  }
  let event = translated.event;
  if (event.kind === 'action' && event.actionId === REVIEW_ACTIONS.add && !event.value) {
    if (!isModal) {
      const modal = reviewId ? renderReviewAddModal(reviewId) : null;
      if (!modal) throw new Error('add-component modal could not be encoded');
      await responder.showModal(modal);
      return;
    }
    event = { ...event, value: work.input.kind === 'modal' ? work.input.answer : '' };
  }
  await continueReview(work, responder, { key, event, actor: work.userId }, deps);
}
