import type { ChatInputCommandInteraction, REST, RepliableInteraction } from 'discord.js';
import { ChannelType, PermissionFlagsBits, Routes } from './discord-js.js';
import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import type { ReviewStore } from '../../core/ports.js';
import { reviewEventFor } from '../../core/review/review-command-text.js';
import type { Logger } from '../../logger.js';
import { renderReviewDiscord } from '../../render/review-discord.js';
import { renderReply, truncate } from '../../render/discord-message.js';
import { postInChannel, textOutgoing, type InteractionResponder, type Outgoing } from './deliver.js';
import { channelKey, threadedKey } from './translate.js';

// Design reviews on Discord. `/serverless-fit review <name>` answers with the
// living summary card and starts a thread from it (where the bot may), so the
// card heads the thread; every turn that changes the review edits that
// message in place (PATCH with the bot token).

export interface ReviewDeps {
  advisor: Advisor;
  reviews: ReviewStore;
  logger: Logger;
  rest: REST;
}

const THREAD_PERMISSIONS = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

function outgoing(message: Outgoing['message']): Outgoing {
  return { message, files: [] };
}

/** The body of a review reply: the card when it is the message, else the plain question or notice. */
export function reviewOutgoing(reply: Reply): Outgoing {
  if (reply.kind !== 'result' && reply.review?.show) return outgoing(renderReviewDiscord(reply.review.card));
  return outgoing(renderReply(reply));
}

/** Edits the living card when the turn changed it; a stale card is logged, not told. */
export async function refreshReviewCard(reply: Reply, deps: Pick<ReviewDeps, 'rest' | 'logger'>): Promise<void> {
  if (reply.kind === 'result' || !reply.review?.updated || !reply.review.anchor) return;
  const { thread, anchor, card, reviewId } = reply.review;
  const message = renderReviewDiscord(card);
  try {
    await deps.rest.patch(Routes.channelMessage(thread.channel, anchor), { body: { content: message.content, embeds: message.embeds, components: message.components } });
  } catch (error) {
    deps.logger.warn('discord: could not update the review card', { error, reviewId });
  }
}

/** Posts a review reply in the review's thread (or channel), after refreshing the card. */
export async function postReviewReply(reply: Reply, deps: Pick<ReviewDeps, 'rest' | 'logger'>, options: { replyTo?: string } = {}): Promise<void> {
  if (reply.kind === 'result' || !reply.review) return;
  await refreshReviewCard(reply, deps);
  await postInChannel(deps.rest, reply.review.thread.thread, reviewOutgoing(reply), options);
}

export async function handleReviewSlash(interaction: ChatInputCommandInteraction, responder: InteractionResponder, text: string, deps: ReviewDeps): Promise<void> {
  const actor = interaction.user.id;
  const guildId = interaction.guildId;
  const event = reviewEventFor(text);
  const channel = interaction.channel;
  const parentId = channel?.isThread() ? channel.parentId : null;
  const here = channelKey(guildId, interaction.channelId, actor, parentId);
  const existing = event.kind === 'review-open' && event.name ? deps.reviews.get(here.workspace, event.name.toLowerCase()) : null;
  if (event.kind !== 'review-open' || !event.name || existing) {
    // A list, a reopen by id or a missing name: answered privately; a reopened card also goes to its thread.
    const reply = deps.advisor.handle({ key: here, event: existing ? { kind: 'review-reopen', id: existing.id } : event, actor });
    if (reply.kind !== 'result' && reply.review) {
      await postReviewReply(reply, deps);
      await responder.send(textOutgoing(`The review "${reply.review.card.title}" is open again; it continues in its thread.`), { ephemeral: true });
      return;
    }
    await responder.send(outgoing(renderReply(reply)), { ephemeral: true });
    return;
  }
  if (!mayStartThread(interaction)) {
    // No thread here (a DM, or no thread permission): the channel is the review's thread.
    const reply = deps.advisor.handle({ key: here, event, actor });
    await responder.send(reviewOutgoing(reply));
    if (reply.kind !== 'result' && reply.review) {
      const sent = await interaction.fetchReply();
      deps.reviews.setAnchor(here.workspace, reply.review.reviewId, sent.id);
    }
    return;
  }
  // The thread's id is the card's message id, so the card must exist before the review does.
  await responder.deferReply();
  const first = await interaction.fetchReply();
  const key = threadedKey(guildId as string, interaction.channelId, first.id, actor);
  const reply = deps.advisor.handle({ key, event, actor });
  await responder.send(reviewOutgoing(reply));
  if (reply.kind === 'result' || !reply.review) return;
  deps.reviews.setAnchor(key.workspace, reply.review.reviewId, first.id);
  try {
    await deps.rest.post(Routes.threads(interaction.channelId, first.id), { body: { name: truncate(reply.review.card.title, 100), auto_archive_duration: 1440 } });
    const howTo = reply.kind === 'notice' ? (reply.text.split('\n')[0] ?? '') : '';
    if (howTo) await postInChannel(deps.rest, first.id, textOutgoing(howTo));
  } catch (error) {
    deps.logger.warn('discord: could not start the review thread', { error, channelId: interaction.channelId });
  }
}

function mayStartThread(interaction: ChatInputCommandInteraction): boolean {
  if (!interaction.inGuild() || !interaction.appPermissions.has(THREAD_PERMISSIONS)) return false;
  const type = interaction.channel?.type;
  return type === undefined || type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}

/**
 * A button or modal on a review's card or questions. Inside the review's
 * thread the answer is the reply to the click; a click on the card where it
 * heads the thread (in the parent channel) is acknowledged there and the
 * answer goes into the thread.
 */
export async function continueReview(
  interaction: RepliableInteraction,
  responder: InteractionResponder,
  input: AdvisorInput,
  deps: ReviewDeps,
): Promise<void> {
  const reply = deps.advisor.handle(input);
  if (reply.kind === 'result' || !reply.review || (reply.kind === 'notice' && reply.level === 'error')) {
    await responder.send(outgoing(renderReply(reply)), { ephemeral: true });
    return;
  }
  await refreshReviewCard(reply, deps);
  const where = reply.review.thread.thread;
  if (interaction.channelId === where) {
    await responder.send(reviewOutgoing(reply));
    return;
  }
  await responder.deferUpdate();
  await postInChannel(deps.rest, where, reviewOutgoing(reply));
}
