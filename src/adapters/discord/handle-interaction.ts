import type { ActionOutcome, Advisor, AdvisorInput, Reply, ThreadOpening } from '../../core/advisor-types.js';
import type { QuestionId } from '../../core/conversation.js';
import { UNREADABLE_CONTROL } from '../../core/dispatch/answers.js';
import { StorageUnavailable, type ReviewStore } from '../../core/ports.js';
import { renderReviewAddModal } from './render-review.js';
import { continueReview, openReview, postReviewReply } from './handle-review.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { MeasureSource } from '../../core/metrics/measure-request.js';
import { commandMeasured } from '../measure-first.js';
import type { Logger } from '../../logger.js';
import { ANSWER_INPUT_ID } from './components.js';
import { renderAnswerModal, truncate } from './render-card.js';
import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import { followWithChart, replyOutgoing, textOutgoing, type RenderChart } from './deliver.js';
import { mayStartThread, type InteractionWork } from './discord-work.js';
import { isMissingAccess, userMessageFor, USER_MESSAGES } from './errors.js';
import { handleDigest } from './handle-digest.js';
import type { DigestService } from '../../core/digest/digest-service.js';
import type { BotCalls, InteractionResponder } from './responder.js';
import { channelKey, isThreaded, slashCommand, threadedKey, translateComponent } from './translate.js';

// One Discord interaction, end to end, on the plain values kept for it:
// translate into a command or an action ref, let the core decide, deliver. Each decision is recorded with the
// delivery (`record`) and each answer goes through the responder, so a replay
// after a restart continues where it stopped. Everything runs inside an error
// boundary that tells the user, ephemerally, when something failed.

export interface InteractionDeps {
  advisor: Advisor;
  logger: Logger;
  record: RecordStep;
  bot: BotCalls;
  renderChart?: RenderChart;
  /** Weekly digests; without them the core answers that they are not set up. */
  digests?: DigestService;
  /** Design reviews, for the anchor of a new review's card; the core decides when one opens. */
  reviews?: ReviewStore;
  /** Reads the metrics a measuring command asks for. */
  measure?: MeasureSource;
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

const REVIEW_ANSWER_PROMPT = { title: 'Answer', label: 'Your answer', placeholder: 'e.g. none, 3k/day, or start with a component name' };

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
  const actor = work.userId;
  const { subCommand, text } = slashCommand(input.subCommand, (name) => input.options[name] ?? null);
  // Where the command was given: the channel, or the thread it was given in.
  const here = channelKey(work.guildId, work.channelId, actor, work.parentId);
  // Reading metrics takes longer than Discord waits for an answer: the reply is deferred first.
  const outcome = await commandMeasured({ key: here, actor, text, subCommand }, { ...deps, beforeReading: () => responder.deferReply() });
  switch (outcome.kind) {
    case 'private':
      // A deferred answer is public; a private one (a failed measurement) replaces it as an ephemeral follow-up.
      if (responder.state() === 'deferred-reply') await responder.deleteOriginal();
      await deliver(responder, outcome.reply, deps, { ephemeral: true });
      return;
    case 'reopened':
      await postReviewReply(outcome.reply, deps);
      await responder.send(textOutgoing(outcome.note), { ephemeral: true });
      return;
    case 'digest':
      await handleDigest({ guildId: work.guildId, channelId: work.channelId, user: actor, text: outcome.text }, responder, deps.digests, deps.record);
      return;
    case 'thread-first': {
      const { then } = outcome;
      if (then.kind === 'review-open') {
        if (deps.reviews) await openReview(work, responder, then.name, { ...deps, reviews: deps.reviews });
        return;
      }
      if (mayStartThread(work)) await startInThread(work, responder, then, deps);
      else await deliver(responder, await advise(deps, { key: here, event: then, actor }), deps);
      return;
    }
  }
}

async function startInThread(work: InteractionWork, responder: InteractionResponder, start: Extract<ThreadOpening, { kind: 'start' }>, deps: InteractionDeps) {
  const { text } = start;
  // The thread's id is the first reply's id, so the reply must exist before the conversation does.
  await responder.deferReply();
  const firstId = await responder.originalId();
  const key = threadedKey(work.guildId as string, work.channelId, firstId, work.userId);
  const reply = await advise(deps, { key, event: start, actor: work.userId });
  await responder.send(replyOutgoing(reply));
  if (reply.kind === 'notice') return;
  let threaded = true;
  try {
    await deps.bot.startThread(work.channelId, firstId, threadName(text));
  } catch (error) {
    // Buttons carry the conversation id, so the interview goes on in the channel.
    threaded = false;
    deps.logger.warn('discord: could not start a thread; continuing in the channel', { error, channelId: work.channelId });
  }
  // A card on the first answer: its chart goes into the thread that answer starts (the thread's id is the answer's).
  await followWithChart(reply, deps, (chart) => (threaded ? deps.bot.post(firstId, chart) : responder.send(chart)));
}

function threadName(text: string): string {
  const topic = text.replace(/\s+/g, ' ').trim();
  return truncate(topic ? `serverless-fit: ${topic}` : 'serverless-fit assessment', 100);
}

async function handleComponent(work: InteractionWork, responder: InteractionResponder, deps: InteractionDeps) {
  const input = work.input;
  if (input.kind === 'slash') return;
  const ref = translateComponent({
    customId: input.customId,
    values: input.kind === 'component' ? (input.values ?? undefined) : undefined,
    fields: input.kind === 'modal' ? { [ANSWER_INPUT_ID]: input.answer } : undefined,
  });
  if (!ref) {
    await responder.send(textOutgoing(UNREADABLE_CONTROL), { ephemeral: true });
    return;
  }
  const key = channelKey(work.guildId, work.channelId, work.userId);
  // A modal's own submit cannot open another modal.
  const canOpenForm = input.kind !== 'modal';
  const outcome = await deps.record('advice', () => deps.advisor.act({ ref, key, actor: work.userId, direct: work.guildId === null, canOpenForm }));
  switch (outcome.kind) {
    case 'refused':
      if (outcome.notYours) deps.logger.warn('discord: refused an action on a conversation from elsewhere', { interactionId: work.interactionId, channelId: work.channelId });
      // Nothing was done: one plain sentence, only to the presser.
      await responder.send(textOutgoing(outcome.reply.kind === 'notice' ? outcome.reply.text : USER_MESSAGES.generic), { ephemeral: true });
      return;
    case 'form': {
      if (!canOpenForm) return;
      const modal =
        outcome.form === 'review-add'
          ? outcome.target ? renderReviewAddModal(outcome.target) : null
          : renderAnswerModal(outcome.target, outcome.form === 'review-answer' ? REVIEW_ANSWER_PROMPT : MODAL_PROMPTS[outcome.prompt ?? 'what-if']);
      if (!modal) throw new Error(`${outcome.form} modal could not be encoded`);
      await responder.showModal(modal);
      return;
    }
    case 'reply':
      if (outcome.reply.kind !== 'result' && outcome.reply.review) await continueReview(work, responder, outcome.reply, deps);
      else await continueConversation(work, responder, outcome, deps);
  }
}

/**
 * Delivers the next step of a conversation. Inside its thread (or when it lives
 * in the channel) the answer is a reply to the click; a click on the first
 * message, outside the thread, is acknowledged and the answer goes to the thread.
 */
async function continueConversation(work: InteractionWork, responder: InteractionResponder, outcome: Extract<ActionOutcome, { kind: 'reply' }>, deps: InteractionDeps) {
  const { reply, key } = outcome;
  if (outcome.share && reply.kind === 'result' && isThreaded(key)) {
    // "Share to channel": the card leaves the thread for the channel it started in.
    await responder.deferUpdate();
    await deps.bot.post(key.channel, replyOutgoing(reply));
    await followWithChart(reply, deps, (chart) => deps.bot.post(key.channel, chart));
    return;
  }
  const inPlace = !isThreaded(key) || work.channelId === key.thread;
  if (reply.kind === 'notice' && reply.level === 'error') {
    await deliver(responder, reply, deps, { ephemeral: true });
    return;
  }
  if (inPlace) {
    await deliver(responder, reply, deps);
    return;
  }
  await responder.deferUpdate();
  try {
    await deps.bot.post(key.thread, replyOutgoing(reply));
  } catch (error) {
    if (!isMissingAccess(error)) throw error;
    deps.logger.warn('discord: cannot post in the conversation thread; answering in the channel', { error, thread: key.thread });
    await deliver(responder, reply, deps);
    return;
  }
  await followWithChart(reply, deps, (chart) => deps.bot.post(key.thread, chart));
}

/** Answers the interaction with the reply at once; a result's chart follows as a message of its own. */
async function deliver(responder: InteractionResponder, reply: Reply, deps: InteractionDeps, options: { ephemeral?: boolean } = {}) {
  await responder.send(replyOutgoing(reply), options);
  await followWithChart(reply, deps, (chart) => responder.send(chart, options));
}
