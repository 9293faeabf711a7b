import type { Advisor } from '../../core/advisor-types.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { MeasureSource } from '../../core/metrics/measure-request.js';
import { handleMeasured } from '../measure-first.js';
import type { Logger } from '../../logger.js';
import { followWithChart, replyOutgoing, textOutgoing, type RenderChart } from './deliver.js';
import type { MessageWork } from './discord-work.js';
import { postReviewReply } from './handle-review.js';
import { userMessageFor } from './errors.js';
import type { BotCalls } from './responder.js';
import type { DiscordConfig } from './config.js';
import { handleAttachments } from './handle-attachments.js';
import { messageThreadKey } from './translate.js';

// Plain messages (only with the privileged Message Content intent): a reply in
// a conversation's thread, in a DM, or a Discord reply to the bot in a channel
// is an answer, a correction or a what-if. The intake kept only those in a
// thread the advisor owns; anything else was left alone.

export interface MessageDeps {
  advisor: Advisor;
  logger: Logger;
  bot: BotCalls;
  record: RecordStep;
  renderChart?: RenderChart;
  /** Reads the metrics a measuring review message asks for. */
  measure?: MeasureSource;
  /** Where attachments may be downloaded from. */
  config?: Pick<DiscordConfig, 'cdnUrl'>;
}

export async function handleMessage(work: MessageWork, deps: MessageDeps): Promise<void> {
  const thread = messageThreadKey(work);
  if (!thread) return;
  const replyTo = thread.thread === work.channelId && work.guildId !== null && work.parentId === null ? work.messageId : undefined;
  try {
    if (work.attachments?.length) {
      await handleAttachments(work, thread, deps);
      if (work.content.trim() === '') return;
    }
    // No interaction here, so even a failed measurement cannot be private: it is answered in the thread.
    const { reply } = await handleMeasured({ key: { ...thread, user: work.authorId }, event: { kind: 'message', text: work.content }, actor: work.authorId }, deps);
    if (reply.kind !== 'result' && reply.review) {
      // A design review: the card heading the thread is edited, the answer posted in the thread.
      await postReviewReply(reply, deps, replyTo ? { replyTo } : {});
      return;
    }
    await deps.bot.post(work.channelId, replyOutgoing(reply), replyTo ? { replyTo } : {});
    await followWithChart(reply, deps, (chart) => deps.bot.post(work.channelId, chart));
  } catch (error) {
    deps.logger.error('discord: message handling failed', { error, messageId: work.messageId, channelId: work.channelId });
    try {
      // No interaction here, so nothing can be ephemeral: a short public note instead of silence.
      await deps.bot.post(work.channelId, textOutgoing(userMessageFor(error)), { replyTo: work.messageId });
    } catch (second) {
      deps.logger.error('discord: could not tell the user about a failure', { error: second, messageId: work.messageId });
    }
  }
}
