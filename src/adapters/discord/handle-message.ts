import type { Message, REST } from 'discord.js';
import type { Advisor } from '../../core/advisor-types.js';
import type { DeliveryLedger } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { postInChannel, prepareOutgoing, textOutgoing, type RenderChart } from './deliver.js';
import { postReviewReply } from './handle-review.js';
import { userMessageFor } from './errors.js';
import { messageThreadKey, workspaceOf } from './translate.js';

// Plain messages (only with the privileged Message Content intent): a reply in
// a conversation's thread, in a DM, or a Discord reply to the bot in a channel
// is an answer, a correction or a what-if. Anything else is left alone.

export interface MessageDeps {
  advisor: Advisor;
  ledger: DeliveryLedger;
  logger: Logger;
  rest: REST;
  renderChart?: RenderChart;
  botUserId: () => string | null;
  now: () => Date;
}

export async function handleMessage(message: Message, deps: MessageDeps): Promise<void> {
  const thread = messageThreadKey({
    guildId: message.guildId,
    channelId: message.channelId,
    parentId: message.channel.isThread() ? message.channel.parentId : null,
    authorIsBot: message.author.bot,
    repliesToBot: message.mentions.repliedUser?.id !== undefined && message.mentions.repliedUser.id === deps.botUserId(),
    content: message.content,
  });
  if (!thread || !deps.advisor.owns(thread)) return;
  if (!deps.ledger.claim('discord', workspaceOf(message.guildId), `message:${message.id}`, deps.now().toISOString())) return;
  const replyTo = thread.thread === message.channelId && message.guildId !== null && !message.channel.isThread() ? message.id : undefined;
  try {
    const reply = deps.advisor.handle({ key: { ...thread, user: message.author.id }, event: { kind: 'message', text: message.content }, actor: message.author.id });
    if (reply.kind !== 'result' && reply.review) {
      // A design review: the card heading the thread is edited, the answer posted in the thread.
      await postReviewReply(reply, deps, replyTo ? { replyTo } : {});
      return;
    }
    const outgoing = await prepareOutgoing(reply, deps.renderChart, deps.logger);
    await postInChannel(deps.rest, message.channelId, outgoing, replyTo ? { replyTo } : {});
  } catch (error) {
    deps.logger.error('discord: message handling failed', { error, messageId: message.id, channelId: message.channelId });
    try {
      // No interaction here, so nothing can be ephemeral: a short public note instead of silence.
      await postInChannel(deps.rest, message.channelId, textOutgoing(userMessageFor(error)), { replyTo: message.id });
    } catch (second) {
      deps.logger.error('discord: could not tell the user about a failure', { error: second, messageId: message.id });
    }
  }
}
