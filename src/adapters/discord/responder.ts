import { createHash } from 'node:crypto';
import type { REST } from 'discord.js';
import type { Journal } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { Routes } from './discord-js.js';
import { messageBody, postInChannel, type Outgoing } from './deliver.js';
import type { InteractionWork } from './discord-work.js';
import { discordErrorCode, DISCORD_ERROR_CODES, isExpiredInteraction, USER_MESSAGES } from './errors.js';

// Answering one interaction through its token (REST, no bot token needed),
// and the bot-token calls a delivery makes, each recorded in the delivery's
// journal. The state (fresh, deferred, replied) follows the recorded calls, so
// a replay after a restart edits the deferred answer instead of answering
// again; an interaction never acknowledged before the restart can no longer
// be (Discord allows 3 s), so its answer goes to the channel with a mention.

export type ResponderState = 'fresh' | 'deferred-reply' | 'deferred-update' | 'replied' | 'expired';

export interface InteractionResponder {
  readonly state: () => ResponderState;
  /** Acknowledges now with a "thinking..." reply that `send` later fills in. */
  deferReply(options?: { ephemeral?: boolean }): Promise<void>;
  /** Acknowledges a component click without a new message; `send` then follows up. */
  deferUpdate(): Promise<void>;
  /** Answers the interaction in whatever way its state allows. */
  send(outgoing: Outgoing, options?: { ephemeral?: boolean }): Promise<void>;
  /** Removes a deferred answer, so what follows can be a private follow-up. */
  deleteOriginal(): Promise<void>;
  /** Opens a form (only as the first answer). */
  showModal(modal: unknown): Promise<void>;
  /** The id of the message that answers the interaction (after deferReply). */
  originalId(): Promise<string>;
}

const EPHEMERAL = 64;

export interface BotCalls {
  /** A message in a channel or thread with the bot token, at most once per step (Discord's nonce guards the rest). */
  post(channelId: string, outgoing: Outgoing, options?: { mention?: string; preface?: string; replyTo?: string }): Promise<{ id: string }>;
  /** Edits a message the bot posted (an edit lands the same way twice). */
  edit(channelId: string, messageId: string, body: Record<string, unknown>): Promise<void>;
  /** Starts a thread from a message; true when it exists (started now or before a restart). */
  startThread(channelId: string, messageId: string, name: string): Promise<void>;
}

export function createBotCalls(rest: REST, journal: Journal): BotCalls {
  const nonceOf = (step: string) => createHash('sha256').update(`${journal.delivery.deliveryId}/${step}`).digest('hex').slice(0, 25);
  return {
    post: (channelId, outgoing, options = {}) => journal.once('post', (step) => postInChannel(rest, channelId, outgoing, { ...options, nonce: nonceOf(step) })),
    edit: async (channelId, messageId, body) => {
      await journal.once('edit', async () => {
        await rest.patch(Routes.channelMessage(channelId, messageId), { body });
        return true;
      });
    },
    startThread: async (channelId, messageId, name) => {
      await journal.once('thread', async () => {
        try {
          await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } });
        } catch (error) {
          // Started before a restart: the thread is there, which is all that was wanted.
          if (discordErrorCode(error) !== DISCORD_ERROR_CODES.threadAlreadyCreated) throw error;
        }
        return true;
      });
    },
  };
}

export function createResponder(work: InteractionWork, deps: { rest: REST; logger: Logger; journal: Journal; bot: BotCalls }): InteractionResponder {
  const { rest, journal, logger } = deps;
  let state: ResponderState = 'fresh';
  const files = (outgoing: Outgoing) => outgoing.files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' }));

  /** The first answer; true when Discord took it (now or before a restart), false when the token had expired. */
  const callback = (body: Record<string, unknown>, outgoing?: Outgoing) =>
    journal.once('callback', async () => {
      try {
        await rest.post(Routes.interactionCallback(work.interactionId, work.token), { body, ...(outgoing ? { files: files(outgoing) } : {}), auth: false });
        return true;
      } catch (error) {
        if (discordErrorCode(error) === DISCORD_ERROR_CODES.alreadyAcknowledged) return true;
        if (isExpiredInteraction(error)) {
          logger.warn('discord: interaction token no longer valid; answering in the channel instead', { interactionId: work.interactionId, channelId: work.channelId });
          return false;
        }
        throw error;
      }
    });

  async function inChannel(outgoing: Outgoing, ephemeral: boolean): Promise<void> {
    // A private answer must not land in a shared channel; the person asks again instead.
    if (ephemeral && work.guildId !== null) {
      logger.warn('discord: a private answer could not be given in time and was not posted publicly', { interactionId: work.interactionId });
      return;
    }
    await deps.bot.post(work.channelId, outgoing, { mention: work.userId, preface: USER_MESSAGES.expired });
  }

  return {
    state: () => state,
    async deferReply(options = {}) {
      if (state !== 'fresh') return;
      state = (await callback({ type: 5, data: { flags: options.ephemeral ? EPHEMERAL : 0 } })) ? 'deferred-reply' : 'expired';
    },
    async deferUpdate() {
      if (state !== 'fresh' || work.input.kind === 'slash') return;
      state = (await callback({ type: 6 })) ? 'deferred-update' : 'expired';
    },
    async showModal(modal) {
      if (state !== 'fresh') return;
      state = (await callback({ type: 9, data: modal })) ? 'replied' : 'expired';
    },
    async deleteOriginal() {
      await journal.once('delete-original', async () => {
        await rest.delete(Routes.webhookMessage(work.applicationId, work.token, '@original'), { auth: false });
        return true;
      });
      state = 'replied';
    },
    async originalId() {
      const original = (await rest.get(Routes.webhookMessage(work.applicationId, work.token, '@original'), { auth: false })) as { id: string };
      return original.id;
    },
    async send(outgoing, options = {}) {
      const ephemeral = options.ephemeral ?? false;
      const body = messageBody(outgoing.message);
      try {
        if (state === 'fresh') {
          const taken = await callback({ type: 4, data: { ...body, ...(ephemeral ? { flags: EPHEMERAL } : {}) } }, outgoing);
          state = taken ? 'replied' : 'expired';
          if (taken) return;
        } else if (state === 'deferred-reply') {
          await journal.once('answer', async () => {
            await rest.patch(Routes.webhookMessage(work.applicationId, work.token, '@original'), { body, files: files(outgoing), auth: false });
            return true;
          });
          state = 'replied';
          return;
        } else if (state !== 'expired') {
          await journal.once('follow-up', async () => {
            await rest.post(Routes.webhook(work.applicationId, work.token), { body: { ...body, ...(ephemeral ? { flags: EPHEMERAL } : {}) }, files: files(outgoing), auth: false });
            return true;
          });
          state = 'replied';
          return;
        }
      } catch (error) {
        if (!isExpiredInteraction(error)) throw error;
        logger.warn('discord: interaction token no longer valid; answering in the channel instead', { error, interactionId: work.interactionId });
        state = 'expired';
      }
      await inChannel(outgoing, ephemeral);
    },
  };
}
