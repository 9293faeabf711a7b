import type { Client as DiscordClient } from 'discord.js';
import { Client, Events, GatewayIntentBits, Partials } from './discord-js.js';
import type { Advisor } from '../../core/advisor-types.js';
import type { ConversationStore, DeliveryLedger, ReviewStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import type { DiscordConfig } from './config.js';
import type { RenderChart } from './deliver.js';
import { handleInteraction } from './handle-interaction.js';
import { handleMessage } from './handle-message.js';
import { postDigest, type DigestPostResult, type RenderDigestChart } from './handle-digest.js';
import type { Digest } from '../../core/digest/digest-types.js';
import type { DigestService } from '../../core/digest/digest-service.js';

// The Discord bot: a discord.js gateway client whose interactions (and, with
// the Message Content intent, thread messages) go to the advisor.

export type { DiscordConfig } from './config.js';

export interface DiscordAdapterDeps {
  advisor: Advisor;
  store: ConversationStore;
  ledger: DeliveryLedger;
  logger: Logger;
  renderChart?: RenderChart;
  config: DiscordConfig;
  /** Wall clock for delivery ids; injected so tests can pin it. */
  now?: () => Date;
  /** How long stop() waits for handlers already running; default 8 s. */
  drainMs?: number;
  /** Weekly digests (`/serverless-fit digest ...`); without it the sub-command says they are not set up. */
  digests?: DigestService;
  /** Draws the digest's cost-by-platform chart (src/render/digest-chart.ts); without it digests go out as text. */
  renderDigestChart?: RenderDigestChart;
  /** Design reviews (`/serverless-fit review ...`); without it the sub-command says they are not set up. */
  reviews?: ReviewStore;
}

export interface DiscordAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The discord.js client, for diagnostics. */
  readonly client: DiscordClient;
  /** Posts a weekly digest as a message in a channel (REST, bot token), for the digest scheduler. */
  postDigest(channel: string, digest: Digest): Promise<DigestPostResult>;
}

export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  // Interactions need no intent; Guilds keeps channel and thread types cached.
  const intents = [GatewayIntentBits.Guilds];
  if (config.messageContent) {
    intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent);
  }
  const client = new Client({
    intents,
    // DM channels are never cached up front; without this their messages are dropped.
    partials: [Partials.Channel],
    rest: { api: config.apiUrl },
  });

  // Handlers keep working after Discord's event; stop() lets them finish
  // (they still need REST) before the client is destroyed.
  let accepting = true;
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const interactionDeps = { ...deps, rest: client.rest, now };
  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) return;
    track(
      handleInteraction(interaction, interactionDeps).catch((error: unknown) => {
        logger.error('discord: unhandled interaction failure', { error });
      }),
    );
  });
  if (config.messageContent) {
    const messageDeps = { ...deps, rest: client.rest, now, botUserId: () => client.user?.id ?? null };
    client.on(Events.MessageCreate, (message) => {
      if (!accepting) return;
      track(
        handleMessage(message, messageDeps).catch((error: unknown) => {
          logger.error('discord: unhandled message failure', { error });
        }),
      );
    });
  }
  client.on(Events.Error, (error) => logger.error('discord: client error', { error }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('discord: gateway resumed', { shardId, replayed }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('discord: gateway disconnected', { shardId, code: event.code }));

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
      logger.info('discord: connected', { user: client.user?.tag, messageContent: config.messageContent });
    },
    async stop() {
      accepting = false;
      if (inFlight.size > 0) {
        const drained = await Promise.race([
          Promise.allSettled([...inFlight]).then(() => 'drained' as const),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), deps.drainMs ?? 8000).unref()),
        ]);
        if (drained === 'timeout') logger.warn('discord: stopped with handlers still running', { inFlight: inFlight.size });
      }
      await client.destroy();
    },
    postDigest: (channel, digest) => postDigest(client.rest, logger, channel, digest, deps.renderDigestChart),
  };
}
