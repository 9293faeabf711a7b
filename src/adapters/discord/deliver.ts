import type { REST } from 'discord.js';
import { Routes } from './discord-js.js';
import type { Reply } from '../../core/advisor-types.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import type { Logger } from '../../logger.js';
import { CHART_FILE_NAME, renderReply, truncate, DISCORD_LIMITS, type DiscordMessage } from './render-card.js';

// Reply -> Discord message bodies, and posting with the bot token. Answers
// to an interaction go through its token (responder.ts).

export interface Outgoing {
  message: DiscordMessage;
  files: { name: string; data: Buffer }[];
}

export type RenderChart = (chart: CostChart) => Promise<Buffer>;

/** Renders a reply, with the chart PNG when the card has one and a renderer is given. */
export async function prepareOutgoing(reply: Reply, renderChart: RenderChart | undefined, logger: Logger): Promise<Outgoing> {
  if (reply.kind === 'result' && reply.card.chart && renderChart) {
    try {
      const png = await renderChart(reply.card.chart);
      return { message: renderReply(reply, { hasChart: true }), files: [{ name: CHART_FILE_NAME, data: png }] };
    } catch (error) {
      // A card without its chart beats no card at all.
      logger.warn('discord: chart rendering failed; sending the card without it', { error, conversationId: reply.conversationId });
    }
  }
  return { message: renderReply(reply), files: [] };
}

/** Whether rendering this reply may take long enough to need a deferred response (3 s rule). */
export function needsDefer(reply: Reply, renderChart: RenderChart | undefined): boolean {
  return reply.kind === 'result' && reply.card.chart !== null && renderChart !== undefined;
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
