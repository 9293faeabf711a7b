import { App } from '@slack/bolt';
import type { Advisor } from '../../core/advisor-types.js';
import type { MeasureSource } from '../../core/metrics/measure-request.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import { StorageUnavailable, type ConversationStore, type DeliveryLedger, type InstallationStore, type ReviewStore } from '../../core/ports.js';
import { createInFlight } from '../../delivery/in-flight.js';
import { createInboxLeases, keepLeases, LeaseLost } from '../../delivery/inbox-leases.js';
import { replicaId } from '../../delivery/replica-id.js';
import { openJournal, type Journal } from '../../delivery/journal.js';
import type { Patience } from '../../delivery/while-busy.js';
import type { Logger } from '../../logger.js';
import { StartupError } from '../../startup-error.js';
import { createBoltLogger } from './bolt-logger.js';
import { createChartFollowUps } from './chart-follow-ups.js';
import { createDeliverer, notice, type Tell, type Where } from './deliver.js';
import { createFlows, NOT_SAVED_MIDWAY, runWork, SORRY, type Flows } from './flows.js';
import { createReviewFlow } from './review-flow.js';
import { createDigestFlow, type DigestPostResult } from './digest-flow.js';
import type { Digest } from '../../core/digest/digest-types.js';
import type { DigestService } from '../../core/digest/digest-service.js';
import type { DurableWork } from './durable-work.js';
import { createSlackHttpReceiver, type HttpRoute, type SlackHttpReceiver } from './http-receiver.js';
import { createSlackInbox } from './slack-inbox.js';
import { createIntake, type SlackDelivery } from './intake.js';
import { journaledCalls, journaledTell } from './journaled-calls.js';
import { registerListeners, responseUrlTell } from './listeners.js';
import { registerMentionListener } from './mentions.js';
import { registerAppHome } from './app-home.js';
import { withProgress } from './progress.js';
import { createSlackCalls, DEFAULT_RETRY, type RetryPolicy, type SlackCalls } from './slack-calls.js';
import { createSocketReceiver, type SlackSocketReceiver } from './socket-receiver.js';
import { startFailure } from './start-failure.js';
import { DEFAULT_SLACK_FILES_URL, type SlackConfig } from './config.js';
import { takeFileShare } from './file-flow.js';
import { createWebApiFetch } from './web-api-fetch.js';
import { createSlackInstaller, INSTALL_PATH } from './oauth-install.js';
import { registerUninstall } from './uninstall.js';
import { installedAccess, installedAuthorize, singleWorkspaceAccess, type AccessFor, type WorkspaceAccess } from './workspace-access.js';

// Create, start and stop the Slack app. HTTP mode (slash commands,
// interactivity and events on one port at /slack/events) unless an app-level
// token is configured, then Socket Mode. Every delivery is written into the
// inbox and acknowledged; workers hand it to Bolt, whose listeners run it
// through `perform`: with its steps recorded, live and after a restart alike.
// Installed in many workspaces (OAuth mode), each delivery's work is done with
// its own workspace's token; /slack/install and /slack/oauth_redirect install it.

export type { SlackConfig } from './config.js';

export interface SlackAdapterDeps {
  advisor: Advisor;
  store: ConversationStore;
  ledger: DeliveryLedger;
  logger: Logger;
  renderChart?: (chart: CostChart) => Promise<Buffer>;
  config: SlackConfig;
  /** Rate-limit retries for Web API calls; defaults to 3 attempts, waits capped at 30 s. */
  retry?: RetryPolicy;
  now?: () => Date;
  /** Weekly digests (`/serverless-fit digest ...`); without it the sub-command says they are not set up. */
  digests?: DigestService;
  /** Draws the digest's cost-by-platform chart (src/render/digest-chart.ts); without it digests go out as text. */
  renderDigestChart?: (digest: Digest) => Promise<Buffer | null>;
  /** Design reviews (`/serverless-fit review ...`); without it the sub-command says they are not set up. */
  reviews?: ReviewStore;
  /** Extra GET routes on the HTTP-mode port (health checks); ignored in Socket Mode. */
  httpRoutes?: HttpRoute[];
  /** How long saving a delivery may wait for a database locked elsewhere before it is refused; default 1.5 s (Slack waits 3). */
  ackPatience?: Patience;
  /** When a reply still not in its thread gets a "Working on it" note; about a second unless a test drives it. */
  progressAfter?: () => Promise<void>;
  /** How many conversations the inbox workers serve at once; default 32. */
  workers?: number;
  /** Reads the metrics a measuring command or review message asks for. */
  measure?: MeasureSource;
  /** This process among replicas sharing the database; a fresh id per process unless a test names it. */
  replica?: string;
  /** How long this replica holds an inbox entry between renewals; default 30 s (a killed replica's work waits this long). */
  leaseMs?: number;
  /** Each workspace's grant (OAuth mode); required when SLACK_CLIENT_ID is set. */
  installations?: InstallationStore;
}

export interface SlackAdapter {
  start(): Promise<void>;
  /** Takes no new deliveries; work already taken goes on. */
  stopIntake(): void;
  /** Waits for work in progress until `deadline` (epoch ms); resolves with the deliveries still running (left for replay). */
  drain(deadline: number): Promise<string[]>;
  /** Closes the port or the socket. */
  stop(): Promise<void>;
  /** The HTTP port actually listened on (HTTP mode, after start), else null. */
  port(): number | null;
  mode: 'http' | 'socket';
  /** Posts a weekly digest into a channel (chat.postMessage), for the digest scheduler. */
  postDigest(channel: string, digest: Digest): Promise<DigestPostResult>;
}

/** How long a response_url stays usable, so how far back a replay reaches. */
const REPLAY_WINDOW_MS = 30 * 60_000;
/** Work already acknowledged waits this long for a busy database before it gives up (and is told so). */
const WORK_PATIENCE: Patience = { deadlineMs: 20_000 };
const ACK_PATIENCE: Patience = { deadlineMs: 1_500 };
const DEFAULT_WORKERS = 32;
const DEFAULT_LEASE_MS = 30_000;

/** What a person in a workspace without a grant is told (through the command's response_url: no token needed). */
export const NOT_INSTALLED = `serverless-fit is no longer installed in this workspace (it was removed, or its access was revoked), so it cannot answer here. A workspace admin can add it again from the app's install page (${INSTALL_PATH}); what the workspace saved is kept until the grace period ends.`;

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config, logger, ledger } = deps;
  const now = deps.now ?? (() => new Date());
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) {
    throw new StartupError('SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN is set (Socket Mode).');
  }
  const boltLogger = createBoltLogger(logger);
  if (config.oauth && !deps.installations) throw new StartupError('Installing in many workspaces (SLACK_CLIENT_ID) needs the installation store; none was given.');
  const installer = config.oauth && deps.installations ? createSlackInstaller({ config: config.oauth, installations: deps.installations, logger, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), now }) : null;
  /** How to tell the person behind `work` something privately; null when nothing can reach them (no token, no response_url). */
  const tellFor = (work: DurableWork, access: WorkspaceAccess | null): Tell | null => {
    const ephemeral = (channel: string, threadTs: string | undefined) => (access ? ephemeralTell(access.calls, channel, work.user, threadTs) : null);
    switch (work.kind) {
      case 'command':
      case 'action':
        return responseUrlTell(work.responseUrl, logger);
      case 'message':
      case 'file':
        return ephemeral(work.channel, work.threadTs);
      case 'start-modal':
        return ephemeral(work.channel, undefined);
      case 'review-modal':
        return ephemeral(work.origin.channel, work.origin.thread);
      case 'mention':
        return ephemeral(work.channel, work.threadTs);
    }
  };
  const tellAbout = async (work: DurableWork, text: string) => {
    const tell = tellFor(work, await accessFor(work.workspace));
    if (tell) await tell(notice('warning', text));
    else logger.warn('slack: could not tell anyone: the workspace has no grant', { workspace: work.workspace, kind: work.kind });
  };
  let botUserId: string | undefined;
  const intake = createIntake({
    ledger,
    botUserId: () => botUserId,
    advisor: deps.advisor,
    logger,
    now,
    patience: deps.ackPatience ?? ACK_PATIENCE,
    tell: tellAbout,
  });
  const onQueued = () => inbox.workers.wake();
  const httpReceiver: SlackHttpReceiver | null = socketMode
    ? null
    : createSlackHttpReceiver({ signingSecret: config.signingSecret as string, port: config.port, routes: [...(deps.httpRoutes ?? []), ...(installer?.routes ?? [])], intake, onQueued, logger });
  const receiver: SlackHttpReceiver | SlackSocketReceiver =
    httpReceiver ?? createSocketReceiver({ appToken: config.appToken as string, apiUrl: config.apiUrl, intake, onQueued, logger, boltLogger });
  // Rate limits are retried by slack-calls (bounded, then the user is told),
  // so every client must hand them back instead of waiting on its own.
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    fetch: createWebApiFetch(),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  };
  const app = new App({
    ...(installer && deps.installations ? { authorize: installedAuthorize(installer, deps.installations) } : { token: config.botToken }),
    // auth.test runs in start(), so a bad token or an unreachable Slack stops
    // start with one clear line instead of an unhandled rejection later.
    deferInitialization: true,
    logger: boltLogger,
    receiver,
    clientOptions,
  });
  const accessFor: AccessFor =
    installer && deps.installations
      ? installedAccess({ installer, installations: deps.installations, clientOptions, logger, retry: deps.retry ?? DEFAULT_RETRY })
      : singleWorkspaceAccess({ client: app.client, calls: createSlackCalls(app.client, logger, deps.retry ?? DEFAULT_RETRY), botToken: config.botToken ?? '' });

  function ephemeralTell(calls: SlackCalls, channel: string, user: string, threadTs: string | undefined): Tell {
    return async (message) => {
      const told = await calls.postEphemeral(channel, user, message, threadTs);
      if (told.ok) return;
      // In a channel the bot cannot post to, a DM (the app's Messages tab) still reaches the person.
      const dm = await calls.postMessage(user, message);
      if (!dm.ok) logger.error('could not tell the user by any route', { channel, user, failure: dm.failure });
    };
  }

  /** The flows of one delivery: every call and decision recorded in its journal. */
  function flowsFor(journal: Journal, access: WorkspaceAccess, advisor: Advisor = deps.advisor): Flows {
    const journaled = journaledCalls(access.calls, journal);
    const record = <T>(kind: string, work: () => Promise<T>) => journal.atomically(kind, work);
    const chartLater = charts && ((chart: CostChart, where: Where, cardTs: string) => charts.schedule(journal.delivery, { channel: where.channel, thread: where.thread, cardTs, chart }));
    const deliver = createDeliverer({ calls: journaled, store: deps.store, logger, ...(chartLater ? { chartLater } : {}) });
    const digest = createDigestFlow({ digests: deps.digests, calls: journaled, logger, renderDigestChart: deps.renderDigestChart, record });
    const review = deps.reviews ? createReviewFlow({ advisor, reviews: deps.reviews, deliver, calls: journaled, logger, record }) : undefined;
    return createFlows({
      advisor,
      store: deps.store,
      logger,
      deliver,
      calls: journaled,
      record,
      ...(deps.measure ? { measure: deps.measure } : {}),
      digest,
      ...(review && deps.reviews ? { review, reviews: deps.reviews } : {}),
      fileShare: (work, tell) => takeFileShare(work, { advisor, record, review, client: access.client, botToken: access.botToken, filesUrl: config.filesUrl ?? DEFAULT_SLACK_FILES_URL, logger }, tell),
    });
  }

  const inFlight = createInFlight();
  const holder = deps.replica ?? replicaId();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const charts = deps.renderChart
    ? createChartFollowUps({ ledger, logger, now, renderChart: deps.renderChart, accessFor, inFlight, windowMs: REPLAY_WINDOW_MS, patience: WORK_PATIENCE, holder, leaseMs })
    : null;
  /** Does one delivery's work, continuing from what its journal says was already done; true once it is complete. */
  async function perform(delivery: SlackDelivery): Promise<boolean> {
    let journal: Journal;
    try {
      journal = await openJournal({ ledger, delivery: delivery.ref, now, patience: WORK_PATIENCE, fence: () => leases.confirm(delivery.ref) });
    } catch (error) {
      logger.error('slack: could not read what a delivery had done; it is left for the next start', { error, deliveryId: delivery.ref.deliveryId });
      return false;
    }
    let access: WorkspaceAccess | null;
    try {
      access = await accessFor(delivery.ref.workspace);
    } catch (error) {
      logger.error('slack: could not read the workspace grant; the delivery is left for the next start', { error, deliveryId: delivery.ref.deliveryId });
      return false;
    }
    const told = tellFor(delivery.work, access);
    if (!access) return finishWithoutGrant(delivery, journal, told);
    const tell = journaledTell(told as Tell, journal);
    try {
      const progress = { client: access.client, calls: access.calls, journal, logger, ...(deps.progressAfter ? { after: deps.progressAfter } : {}) };
      await withProgress(deps.advisor, progress, (advisor) => runWork(flowsFor(journal, access, advisor), delivery.work, tell));
    } catch (error) {
      if (error instanceof LeaseLost) {
        // The replica that took it over answers; a word from here would be a second answer.
        logger.warn('slack: another replica took over a delivery this one had stalled on; it stops here', { deliveryId: delivery.ref.deliveryId });
        return false;
      }
      logger.error(`slack ${delivery.work.kind} failed`, { error, deliveryId: delivery.ref.deliveryId });
      await tell(notice('error', error instanceof StorageUnavailable ? NOT_SAVED_MIDWAY : SORRY)).catch(() => undefined);
    }
    return markDone(delivery, journal);
  }

  /** Marks the delivery done; false (it stays in the inbox for the next start to check) when that cannot be written. */
  async function markDone(delivery: SlackDelivery, journal: Journal): Promise<boolean> {
    try {
      await journal.finish();
      return true;
    } catch (error) {
      logger.error('slack: could not mark a delivery done; the next start will check it again', { error, deliveryId: delivery.ref.deliveryId });
      return false;
    }
  }

  /** A workspace without a grant: the person is told through the response_url where there is one; nothing is posted with a dead token. */
  async function finishWithoutGrant(delivery: SlackDelivery, journal: Journal, told: Tell | null): Promise<boolean> {
    logger.warn('slack: a delivery came from a workspace without a grant; not answered in the channel', { workspace: delivery.ref.workspace, kind: delivery.work.kind });
    if (told) await journaledTell(told, journal)(notice('warning', NOT_INSTALLED)).catch(() => undefined);
    return markDone(delivery, journal);
  }

  const leases = createInboxLeases({ ledger, platform: 'slack', holder, now, leaseMs, logger });
  let stopKeepingLeases = () => {};
  const inbox = createSlackInbox({
    app: () => app,
    ledger,
    logger,
    now,
    width: deps.workers ?? DEFAULT_WORKERS,
    receiving: () => (httpReceiver?.receiving() ?? 0) > 0,
    windowMs: REPLAY_WINDOW_MS,
    patience: WORK_PATIENCE,
    perform,
    inFlight,
    leases,
  });
  registerListeners(app, { perform: inbox.perform, logger });
  registerMentionListener(app, inbox.perform);
  registerAppHome(app, { store: deps.store, logger, ...(deps.digests ? { digests: deps.digests } : {}) });
  if (installer && deps.installations) registerUninstall(app, { installations: deps.installations, logger, now });

  // The scheduler's digests are not deliveries: their runs are claimed in the digest store.
  async function postDigest(channel: string, digest: Digest): Promise<DigestPostResult> {
    const access = await accessFor(digest.workspace);
    if (!access) return { ok: false, reason: `serverless-fit is not installed in workspace ${digest.workspace} any more` };
    const poster = createDigestFlow({ digests: deps.digests, calls: access.calls, logger, renderDigestChart: deps.renderDigestChart, record: async (_kind, work) => work() });
    return poster.postDigest(channel, digest);
  }
  let started = false;
  return {
    mode: socketMode ? 'socket' : 'http',
    async start() {
      try {
        await app.init();
        // Installed in many workspaces there is no one bot user; each grant names its own.
        if (!installer) botUserId = (await app.client.auth.test()).user_id;
      } catch (error) {
        throw new StartupError(startFailure('auth', error, config.apiUrl));
      }
      try {
        await app.start();
      } catch (error) {
        if (error instanceof StartupError) throw error;
        throw new StartupError(startFailure(socketMode ? 'socket' : 'listen', error, config.apiUrl));
      }
      started = true;
      logger.info('slack adapter started', { mode: socketMode ? 'socket' : 'http', port: this.port() });
      // What is still in the inbox from before a restart is taken first, in the background: readiness does not wait for a backlog.
      // A process this one replaces on the same host held its entries under another name: they come back at once.
      void leases.reclaimFromTheDead().then(() => inbox.workers.poll());
      inbox.workers.wake();
      stopKeepingLeases = keepLeases(leases, { leaseMs, look: () => inbox.workers.poll() });
      charts?.start();
    },
    stopIntake() {
      receiver.stopIntake();
      inbox.workers.stop();
      charts?.stopIntake();
    },
    drain: (deadline) => inFlight.drain(deadline),
    async stop() {
      // Stopping twice, or before start, is a no-op rather than Bolt's inconsistent-state error.
      if (!started) return;
      started = false;
      // After the drain: what is still unfinished goes back to the inbox for another replica to take at once.
      stopKeepingLeases();
      const handedBack = await leases.releaseAll();
      await charts?.stop();
      if (handedBack > 0) logger.info('slack: unfinished inbox entries handed back for another replica', { entries: handedBack });
      await app.stop();
    },
    port: () => httpReceiver?.port() ?? null,
    postDigest,
  };
}
