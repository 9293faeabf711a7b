import type { REST } from 'discord.js';
import { Routes } from './discord-js.js';
import type { Reply } from '../../core/advisor-types.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import type { Logger } from '../../logger.js';
import { CHART_FILE_NAME, renderChartMessage, renderReply, truncate, DISCORD_LIMITS, type DiscordMessage } from './render-card.js';

// Reply -> Discord message bodies, and posting with the bot token. Answers
// to an interaction go through its token (responder.ts).

export interface Outgoing {
  message: DiscordMessage;
  files: { name: string; data: Buffer }[];
}

export type RenderChart = (chart: CostChart) => Promise<Buffer>;

/** A reply as a message. A result goes without its chart: the card never waits for the picture (`followWithChart`). */
export function replyOutgoing(reply: Reply): Outgoing {
  return { message: renderReply(reply), files: [] };
}

export interface ChartDeps {
  renderChart?: RenderChart | undefined;
  logger: Logger;
}

/**
 * After a result's card is out, draws its chart and posts it with `post` (in
 * the same place as the card). Drawing or posting may fail: the card stands,
 * the operator gets a log line, and the person sees no error for a picture.
 */
export async function followWithChart(reply: Reply, deps: ChartDeps, post: (outgoing: Outgoing) => Promise<unknown>): Promise<void> {
  if (reply.kind !== 'result' || !reply.card.chart || !deps.renderChart) return;
  let png: Buffer;
  try {
    png = await deps.renderChart(reply.card.chart);
  } catch (error) {
    deps.logger.warn('discord: chart rendering failed; the card went out without it', { error, conversationId: reply.conversationId });
    return;
  }
  try {
    await post({ message: renderChartMessage(reply.card), files: [{ name: CHART_FILE_NAME, data: png }] });
  } catch (error) {
    deps.logger.warn('discord: could not post the chart after the card', { error, conversationId: reply.conversationId });
  }
}

export function messageBody(message: DiscordMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
  };
}

/** Posts with the bot token (threads, plain-message replies, expired interactions). */
export async function postInChannel(
  rest: REST,
  channelId: string,
  outgoing: Outgoing,
  options: { mention?: string; preface?: string; replyTo?: string; nonce?: string } = {},
): Promise<{ id: string }> {
  const body = messageBody(outgoing.message);
  const lead = [options.mention ? `<@${options.mention}>` : '', options.preface ?? ''].filter(Boolean).join(' ');
  const content = lead ? truncate([lead, body.content ?? ''].filter(Boolean).join('\n'), DISCORD_LIMITS.content) : body.content;
  return (await rest.post(Routes.channelMessages(channelId), {
    body: {
      ...body,
      ...(content ? { content } : {}),
      allowed_mentions: options.mention ? { users: [options.mention] } : { parse: [] },
      ...(options.replyTo ? { message_reference: { message_id: options.replyTo, fail_if_not_exists: false } } : {}),
      // Discord keeps one message per nonce for a few minutes: a replay that posts again gets the first one back.
      ...(options.nonce ? { nonce: options.nonce, enforce_nonce: true } : {}),
    },
    files: outgoing.files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })),
  })) as { id: string };
}

/** A plain text message, e.g. for errors. */
export function textOutgoing(text: string): Outgoing {
  return {
    message: { content: truncate(text, DISCORD_LIMITS.content), embeds: [], components: [], chartFileName: null, shortened: false },
    files: [],
  };
}
