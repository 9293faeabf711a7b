import type { REST, RepliableInteraction } from 'discord.js';
import { MessageFlags, Routes } from './discord-js.js';
import type { Reply } from '../../core/advisor-types.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import type { Logger } from '../../logger.js';
import { CHART_FILE_NAME, renderReply, truncate, DISCORD_LIMITS, type DiscordMessage } from '../../render/discord-message.js';
import { isExpiredInteraction, USER_MESSAGES } from './errors.js';

// Reply -> Discord API calls. An interaction is answered through its token
// (reply, deferred edit or follow-up, tracked here rather than guessed from
// discord.js flags, because deferUpdate also sets `deferred`); when the token
// is no longer valid the answer is posted to the channel with the bot token.

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

function messageBody(message: DiscordMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
  };
}

export type ResponderState = 'fresh' | 'deferred-reply' | 'deferred-update' | 'replied';

export interface InteractionResponder {
  readonly state: () => ResponderState;
  /** Acknowledges now with a "thinking..." reply that `send` later fills in. */
  deferReply(options?: { ephemeral?: boolean }): Promise<void>;
  /** Acknowledges a component click without a new message; `send` then follows up. */
  deferUpdate(): Promise<void>;
  /** Answers the interaction in whatever way its state allows. */
  send(outgoing: Outgoing, options?: { ephemeral?: boolean }): Promise<void>;
}

export function createInteractionResponder(
  interaction: RepliableInteraction,
  deps: { rest: REST; logger: Logger },
): InteractionResponder {
  let state: ResponderState = 'fresh';
  const channelId = interaction.channelId;

  const fallback = async (outgoing: Outgoing, error: unknown) => {
    deps.logger.warn('discord: interaction token no longer valid; posting in the channel instead', {
      error,
      interactionId: interaction.id,
      channelId,
    });
    if (!channelId) throw error;
    await postInChannel(deps.rest, channelId, outgoing, { mention: interaction.user.id, preface: USER_MESSAGES.expired });
  };

  return {
    state: () => state,
    async deferReply(options = {}) {
      if (state !== 'fresh') return;
      await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      state = 'deferred-reply';
    },
    async deferUpdate() {
      if (state !== 'fresh') return;
      if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return;
      await interaction.deferUpdate();
      state = 'deferred-update';
    },
    async send(outgoing, options = {}) {
      const body = { ...messageBody(outgoing.message), files: outgoing.files.map((f) => ({ attachment: f.data, name: f.name })) };
      const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
      try {
        if (state === 'fresh') {
          await interaction.reply({ ...body, ...(flags ? { flags } : {}) });
        } else if (state === 'deferred-reply') {
          await interaction.editReply(body);
        } else {
          await interaction.followUp({ ...body, ...(flags ? { flags } : {}) });
        }
        state = 'replied';
      } catch (error) {
        if (!isExpiredInteraction(error)) throw error;
        await fallback(outgoing, error);
        state = 'replied';
      }
    },
  };
}

/** Posts with the bot token (threads, plain-message replies, expired interactions). */
export async function postInChannel(
  rest: REST,
  channelId: string,
  outgoing: Outgoing,
  options: { mention?: string; preface?: string; replyTo?: string } = {},
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
