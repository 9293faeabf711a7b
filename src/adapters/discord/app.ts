import type { Client as DiscordClient, Interaction, Message, REST } from 'discord.js';
import { Client, createRestAgent, Events, GatewayIntentBits, Partials, Routes } from './discord-js.js';
import type { Advisor } from '../../core/advisor-types.js';
import type { MeasureSource } from '../../core/metrics/measure-request.js';
import { StorageUnavailable, type ConversationStore, type DeliveryLedger, type DeliveryRef, type ReviewStore } from '../../core/ports.js';
import { createInFlight, eachWhileRunning } from '../../delivery/in-flight.js';
import { createInboxLeases, keepLeases, LeaseLost } from '../../delivery/inbox-leases.js';
import { replicaId } from '../../delivery/replica-id.js';
import { openJournal, type Journal } from '../../delivery/journal.js';
import { whileBusy, type Patience } from '../../delivery/while-busy.js';
import type { Logger } from '../../logger.js';
import type { DiscordConfig } from './config.js';
import type { RenderChart } from './deliver.js';
import { interactionWork, messageWork, type DiscordWork } from './discord-work.js';
import { answerAutocomplete } from './autocomplete.js';
import { handleInteraction } from './handle-interaction.js';
import { handleMessage } from './handle-message.js';
import { postDigest, type DigestPostResult, type RenderDigestChart } from './handle-digest.js';
import { createBotCalls, createResponder } from './responder.js';
import { startFailure } from './start-failure.js';
import { messageThreadKey, workspaceOf } from './translate.js';
import type { Digest } from '../../core/digest/digest-types.js';
import type { DigestService } from '../../core/digest/digest-service.js';

// The Discord bot: a discord.js gateway client whose interactions (and, with
// the Message Content intent, thread messages) go to the advisor. Each one is
// written down before it is answered, and its work (live, or continued after
// a restart) runs with every step recorded.

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
  /** Weekly digests (`/serverless-fit digest ...`); without it the sub-command says they are not set up. */
  digests?: DigestService;
  /** Draws the digest's cost-by-platform chart (src/render/digest-chart.ts); without it digests go out as text. */
  renderDigestChart?: RenderDigestChart;
  /** Design reviews (`/serverless-fit review ...`); without it the sub-command says they are not set up. */
  reviews?: ReviewStore;
  /** Reads the metrics a measuring command or review message asks for. */
  measure?: MeasureSource;
  /** How long start() waits for the gateway before giving up with one line; default 30 s. */
  connectTimeoutMs?: number;
  /** This process among replicas sharing the database; a fresh id per process unless a test names it. */
  replica?: string;
  /** How long this replica holds a delivery it works between renewals; default 30 s. */
  leaseMs?: number;
}

export interface DiscordAdapter {
  start(): Promise<void>;
  /** Takes no new interactions; work already taken goes on. */
  stopIntake(): void;
  /** Waits for work in progress until `deadline` (epoch ms); resolves with the deliveries still running (left for replay). */
  drain(deadline: number): Promise<string[]>;
  /** Closes the gateway connection. */
  stop(): Promise<void>;
  /** The discord.js client, for diagnostics. */
  readonly client: DiscordClient;
  /** Posts a weekly digest as a message in a channel (REST, bot token), for the digest scheduler. */
  postDigest(channel: string, digest: Digest): Promise<DigestPostResult>;
}

/** Discord answers an interaction for 3 s before the first response; saving it must leave room for that. */
const ACK_PATIENCE: Patience = { deadlineMs: 1_500 };
const WORK_PATIENCE: Patience = { deadlineMs: 20_000 };
/** An interaction token lives 15 minutes, so that is as far back as a replay can answer. */
const REPLAY_WINDOW_MS = 14 * 60_000;
/** How many interrupted deliveries are continued at once after a restart, beside the live ones. */
const REPLAY_WIDTH = 4;
const NOT_SAVED = 'I could not save your request, so I have not started on it (the bot cannot write to its database right now). Please try again in a minute.';

export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const { config, logger, ledger } = deps;
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
  // The REST client gets an HTTP agent of its own undici: another library (Slack's
  // Socket Mode brings a newer undici) may have replaced the process-wide one, and
  // that one cannot send the multipart bodies that carry the chart.
  client.rest.setAgent(createRestAgent() as never);
  const rest: REST = client.rest;

  let accepting = true;
  const inFlight = createInFlight();
  // With replicas on one database, a delivery is worked by the one holding its lease: the one that
  // received it, or after that one stopped, whichever continues it (see replayUnfinished).
  const leaseMs = deps.leaseMs ?? 30_000;
  const leases = createInboxLeases({ ledger, platform: 'discord', holder: deps.replica ?? replicaId(), now, leaseMs, logger });
  let stopKeepingLeases = () => {};
  /** Deliveries this process has started: a replay here never starts one again (one that stopped short is left to another replica or the next start). */
  const attempted = new Set<string>();
  let replaying = false;

  /** Does one delivery's work, continuing from what its journal says was already done. */
  async function perform(ref: DeliveryRef, work: DiscordWork): Promise<void> {
    attempted.add(`${ref.workspace}/${ref.deliveryId}`);
    let complete = false;
    try {
      complete = await performOnce(ref, work);
    } finally {
      await leases.finished(ref, complete);
    }
  }

  /** True once the delivery is marked done. */
  async function performOnce(ref: DeliveryRef, work: DiscordWork): Promise<boolean> {
    let journal: Journal;
    try {
      journal = await openJournal({ ledger, delivery: ref, now, patience: WORK_PATIENCE, fence: () => leases.confirm(ref) });
    } catch (error) {
      logger.error('discord: could not read what a delivery had done; it is left for the next start', { error, deliveryId: ref.deliveryId });
      return false;
    }
    const record = <T>(kind: string, step: () => Promise<T>) => journal.atomically(kind, step);
    const bot = createBotCalls(rest, journal);
    const shared = { ...deps, record, bot };
    try {
      if (work.kind === 'interaction') {
        await handleInteraction(work, createResponder(work, { rest, logger, journal, bot }), shared);
      } else {
        await handleMessage(work, shared);
      }
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      // The replica that took it over answers; a word from here would be a second answer.
      logger.warn('discord: another replica took over a delivery this one had stalled on; it stops here', { deliveryId: ref.deliveryId });
      return false;
    }
    try {
      await journal.finish();
      return true;
    } catch (error) {
      logger.error('discord: could not mark a delivery done; the next start will check it again', { error, deliveryId: ref.deliveryId });
      return false;
    }
  }

  /** Written down first; only then answered. A delivery that cannot be written is not taken. */
  async function receive(work: DiscordWork, deliveryId: string, userId: string, guildId: string | null): Promise<void> {
    const ref: DeliveryRef = { platform: 'discord', workspace: workspaceOf(guildId, userId), deliveryId };
    try {
      const first = await whileBusy(() => ledger.claimWork('discord', ref.workspace, deliveryId, now().toISOString(), work), ACK_PATIENCE);
      if (!first) {
        logger.info('discord: already handled (replayed after a resume)', { deliveryId });
        return;
      }
      // Just written: this process's replays leave it alone, and another replica's can only have taken it in the instant since.
      attempted.add(`${ref.workspace}/${ref.deliveryId}`);
      if (!(await leases.take(ref))) return;
    } catch (error) {
      if (!(error instanceof StorageUnavailable)) throw error;
      logger.error(`could not save a Discord delivery before answering it, so it was not taken: ${error.message}`, { reason: error.reason, deliveryId });
      if (work.kind === 'interaction') await refuse(work.interactionId, work.token);
      return;
    }
    await perform(ref, work);
  }

  /** Tells the person, privately, that nothing was started. */
  async function refuse(interactionId: string, token: string): Promise<void> {
    try {
      await rest.post(Routes.interactionCallback(interactionId, token), { body: { type: 4, data: { content: NOT_SAVED, flags: 64 } }, auth: false });
    } catch (error) {
      logger.warn('discord: could not tell the user their request was not saved', { error, interactionId });
    }
  }

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (accepting && interaction.isAutocomplete()) return void answerAutocomplete(interaction, { ...(deps.reviews ? { reviews: deps.reviews } : {}), logger });
    if (!accepting || !interaction.isRepliable()) return;
    const work = interactionWork(interaction);
    if (!work) return;
    inFlight.track(
      `discord interaction ${interaction.id}`,
      receive(work, interaction.id, work.userId, work.guildId).catch((error: unknown) => logger.error('discord: unhandled interaction failure', { error })),
    );
  });
  if (config.messageContent) {
    client.on(Events.MessageCreate, (message: Message) => {
      if (!accepting) return;
      const work = messageWork(message, client.user?.id ?? null);
      const thread = messageThreadKey(work);
      if (!thread) return;
      // Tracked from the first look at the thread, so a shutdown meanwhile waits for it.
      const ours = async () => {
        if (await deps.advisor.owns(thread)) await receive(work, `message:${message.id}`, work.authorId, work.guildId);
      };
      inFlight.track(
        `discord message ${message.id}`,
        ours().catch((error: unknown) => logger.error('discord: unhandled message failure', { error })),
      );
    });
  }
  client.on(Events.Error, (error) => logger.error('discord: client error', { error }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('discord: gateway resumed', { shardId, replayed }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('discord: gateway disconnected', { shardId, code: event.code }));

  /**
   * Interactions answered (or about to be) before a restart, or by a replica
   * that stopped since, and not finished: continue them while their tokens live.
   */
  async function replayUnfinished(): Promise<void> {
    if (replaying) return;
    replaying = true;
    try {
      await replayOnce();
    } finally {
      replaying = false;
    }
  }

  async function replayOnce(): Promise<void> {
    const since = new Date(now().getTime() - REPLAY_WINDOW_MS).toISOString();
    const unfinished = (await ledger.unfinished('discord', since)).filter((item) => !attempted.has(`${item.workspace}/${item.deliveryId}`));
    await eachWhileRunning(unfinished, REPLAY_WIDTH, () => !accepting, async (item) => {
      const ref: DeliveryRef = { platform: 'discord', workspace: item.workspace, deliveryId: item.deliveryId };
      if (attempted.has(`${ref.workspace}/${ref.deliveryId}`)) return;
      // Another replica that is still running works it; one that stopped without handing it back lets go once its lease lapses.
      if (!(await leases.take(ref))) return;
      logger.info('discord: continuing work taken before a restart', { deliveryId: item.deliveryId });
      await perform(ref, item.payload as DiscordWork);
    });
  }

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      const limit = deps.connectTimeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no gateway connection within ${Math.round(limit / 1000)} s`)), limit);
        timer.unref();
      });
      try {
        await Promise.race([client.login(config.token).then(() => ready), timeout]);
      } catch (error) {
        throw startFailure(error, config.apiUrl);
      } finally {
        clearTimeout(timer);
      }
      logger.info('discord: connected', { user: client.user?.tag, messageContent: config.messageContent });
      const replay = () => inFlight.track('discord replay', replayUnfinished().catch((error: unknown) => logger.error('discord: replay stopped', { error })));
      // A process this one replaces on the same host held its deliveries under another name: they come back at once.
      void leases.reclaimFromTheDead().then(replay);
      // Each renewal also looks for deliveries a stopped replica left once their leases lapse.
      stopKeepingLeases = keepLeases(leases, { leaseMs, look: () => accepting && replay() });
    },
    stopIntake() {
      accepting = false;
    },
    drain: (deadline) => inFlight.drain(deadline),
    async stop() {
      accepting = false;
      // After the drain: what is still unfinished is handed back for another replica's next replay.
      stopKeepingLeases();
      await leases.releaseAll();
      await client.destroy();
    },
    postDigest: (channel, digest) => postDigest(rest, logger, channel, digest, deps.renderDigestChart),
  };
}
