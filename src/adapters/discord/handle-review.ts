import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import type { ReviewStore } from '../../core/ports.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { renderReviewDiscord } from './render-review.js';
import { renderReply, truncate } from './render-card.js';
import { textOutgoing, type Outgoing } from './deliver.js';
import { mayStartThread, type InteractionWork } from './discord-work.js';
import type { BotCalls, InteractionResponder } from './responder.js';
import { channelKey, threadedKey } from './translate.js';

// Design reviews on Discord. A review the dispatch asks to open answers with the
// living summary card and starts a thread from it (where the bot may), so the
// card heads the thread; every turn that changes the review edits that
// message in place (PATCH with the bot token).

export interface ReviewDeps {
  advisor: Advisor;
  reviews: ReviewStore;
  logger: Logger;
  bot: BotCalls;
  record: RecordStep;
}

function outgoing(message: Outgoing['message']): Outgoing {
  return { message, files: [] };
}

function advise(deps: Pick<ReviewDeps, 'advisor' | 'record'>, input: AdvisorInput): Promise<Reply> {
  return deps.record('advice', () => deps.advisor.handle(input));
}

/** The body of a review reply: the card when it is the message, else the plain question or notice. */
export function reviewOutgoing(reply: Reply): Outgoing {
  if (reply.kind !== 'result' && reply.review?.show) return outgoing(renderReviewDiscord(reply.review.card));
  return outgoing(renderReply(reply));
}

/** Edits the living card when the turn changed it; a stale card is logged, not told. */
export async function refreshReviewCard(reply: Reply, deps: Pick<ReviewDeps, 'bot' | 'logger'>): Promise<void> {
  if (reply.kind === 'result' || !reply.review?.updated || !reply.review.anchor) return;
  const { thread, anchor, card, reviewId } = reply.review;
  const message = renderReviewDiscord(card);
  try {
    await deps.bot.edit(thread.channel, anchor, { content: message.content, embeds: message.embeds, components: message.components });
  } catch (error) {
    deps.logger.warn('discord: could not update the review card', { error, reviewId });
  }
}

/** Posts a review reply in the review's thread (or channel), after refreshing the card. */
export async function postReviewReply(reply: Reply, deps: Pick<ReviewDeps, 'bot' | 'logger'>, options: { replyTo?: string } = {}): Promise<void> {
  if (reply.kind === 'result' || !reply.review) return;
  await refreshReviewCard(reply, deps);
  await deps.bot.post(reply.review.thread.thread, reviewOutgoing(reply), options);
}

/** A new review, where the dispatch asked for one: the card heads a thread made from it, or the channel where none can be made. */
export async function openReview(work: InteractionWork, responder: InteractionResponder, name: string, deps: ReviewDeps): Promise<void> {
  const actor = work.userId;
  const event = { kind: 'review-open' as const, name };
  if (!mayStartThread(work)) {
    // No thread here (a DM, or no thread permission): the channel is the review's thread.
    const here = channelKey(work.guildId, work.channelId, actor, work.parentId);
    const reply = await advise(deps, { key: here, event, actor });
    await responder.send(reviewOutgoing(reply));
    if (reply.kind !== 'result' && reply.review) {
      const reviewId = reply.review.reviewId;
      const sentId = await responder.originalId();
      await deps.record('anchor', () => deps.reviews.setAnchor(here.workspace, reviewId, sentId));
    }
    return;
  }
  // The thread's id is the card's message id, so the card must exist before the review does.
  await responder.deferReply();
  const firstId = await responder.originalId();
  const key = threadedKey(work.guildId as string, work.channelId, firstId, actor);
  const reply = await advise(deps, { key, event, actor });
  await responder.send(reviewOutgoing(reply));
  if (reply.kind === 'result' || !reply.review) return;
  const reviewId = reply.review.reviewId;
  await deps.record('anchor', () => deps.reviews.setAnchor(key.workspace, reviewId, firstId));
  try {
    await deps.bot.startThread(work.channelId, firstId, truncate(reply.review.card.title, 100));
    const howTo = reply.kind === 'notice' ? (reply.text.split('\n')[0] ?? '') : '';
    if (howTo) await deps.bot.post(firstId, textOutgoing(howTo));
  } catch (error) {
    deps.logger.warn('discord: could not start the review thread', { error, channelId: work.channelId });
  }
}

/**
 * A button or modal on a review's card and questions. Inside the review's
 * thread the answer is the reply to the click; a click on the card where it
 * heads the thread (in the parent channel) is acknowledged there and the
 * answer goes into the thread.
 */
export async function continueReview(work: InteractionWork, responder: InteractionResponder, reply: Reply, deps: Pick<ReviewDeps, 'bot' | 'logger'>): Promise<void> {
  if (reply.kind === 'result' || !reply.review || (reply.kind === 'notice' && reply.level === 'error')) {
    await responder.send(outgoing(renderReply(reply)), { ephemeral: true });
    return;
  }
  await refreshReviewCard(reply, deps);
  const where = reply.review.thread.thread;
  if (work.channelId === where) {
    await responder.send(reviewOutgoing(reply));
    return;
  }
  await responder.deferUpdate();
  await deps.bot.post(where, reviewOutgoing(reply));
}
