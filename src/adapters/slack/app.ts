import type { Server, ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute } from '@slack/bolt';
import type { Advisor } from '../../core/advisor-types.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import type { ConversationStore, DeliveryLedger, ReviewStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { createBoltLogger } from './bolt-logger.js';
import { createDeliverer } from './deliver.js';
import { createFlows } from './flows.js';
import { createReviewFlow } from './review-flow.js';
import { createDigestFlow, type DigestPostResult } from './digest-flow.js';
import type { Digest } from '../../core/digest/digest-types.js';
import type { DigestService } from '../../core/digest/digest-service.js';
import { registerListeners, responseUrlTell, runWork } from './listeners.js';
import type { DurableWork } from './flows.js';
import { createSlackCalls, DEFAULT_RETRY, type RetryPolicy } from './slack-calls.js';

// Create, start and stop the Slack app. HTTP mode (slash commands,
// interactivity and events on one port at /slack/events) unless an app-level
// token is configured, then Socket Mode.

export interface SlackConfig {
  /** SLACK_BOT_TOKEN (xoxb-...). */
  botToken: string;
  /** SLACK_SIGNING_SECRET; required in HTTP mode. */
  signingSecret?: string;
  /** SLACK_APP_TOKEN (xapp-...); when set, Socket Mode is used. */
  appToken?: string;
  /** PORT for HTTP mode; 0 picks a free port. */
  port: number;
  /** SLACK_API_URL: base of the Web API, e.g. https://slack.com/api/ (tests, corporate proxies). */
  apiUrl?: string;
}

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
  httpRoutes?: CustomRoute[];
  /** How long stop() waits for listeners already running (acknowledged, still working); default 8 s. */
  drainMs?: number;
  /** Options for the HTTP-mode server (e.g. a ServerResponse class that explains refusals). */
  serverOptions?: ServerOptions;
}

export interface SlackAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The HTTP port actually listened on (HTTP mode, after start), else null. */
  port(): number | null;
  mode: 'http' | 'socket';
  /** Posts a weekly digest into a channel (chat.postMessage), for the digest scheduler. */
  postDigest(channel: string, digest: Digest): Promise<DigestPostResult>;
}

/** One line for the operator when auth.test fails at start. */
function authFailure(error: unknown, apiUrl: string | undefined): string {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (code) {
    return `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}). Copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions again, or reinstall the app.`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not reach Slack at ${apiUrl ?? 'https://slack.com/api/'} to check SLACK_BOT_TOKEN (${reason}). Check the network, a proxy, or SLACK_API_URL.`;
}

/** How long a response_url stays usable, so how far back a replay reaches. */
const REPLAY_WINDOW_MS = 30 * 60_000;

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config, logger } = deps;
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) {
    throw new Error('SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN is set (Socket Mode).');
  }
  // Rate limits are retried by slack-calls (bounded, then the user is told),
  // so the client must hand them back instead of waiting on its own.
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  };
  const app = new App({
    token: config.botToken,
    // auth.test runs in start(), so a bad token or an unreachable Slack stops
    // start with one clear line instead of an unhandled rejection later.
    deferInitialization: true,
    logger: createBoltLogger(logger),
    clientOptions,
    ...(socketMode
      ? {
          socketMode: true,
          appToken: config.appToken,
          // The Socket Mode client has its own WebClient for apps.connections.open.
          installerOptions: { clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {} },
        }
      : { signingSecret: config.signingSecret, port: config.port, customRoutes: deps.httpRoutes ?? [] }),
  });

  // Listeners keep working after the ack; stop() waits for them so a shutdown
  // never closes the database under a conversation that is being saved.
  let inFlight = 0;
  const idle: (() => void)[] = [];
  app.use(async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
    }
  });

  const calls = createSlackCalls(app.client, logger, deps.retry ?? DEFAULT_RETRY);
  const deliver = createDeliverer({
    calls,
    store: deps.store,
    logger,
    ...(deps.renderChart ? { renderChart: deps.renderChart } : {}),
  });
  const digestFlow = createDigestFlow({ digests: deps.digests, calls, logger, renderDigestChart: deps.renderDigestChart });
  const review = deps.reviews ? createReviewFlow({ advisor: deps.advisor, reviews: deps.reviews, deliver, calls, logger }) : undefined;
  const flows = createFlows({
    advisor: deps.advisor,
    store: deps.store,
    ledger: deps.ledger,
    logger,
    deliver,
    calls,
    now: deps.now ?? (() => new Date()),
    digest: digestFlow,
    ...(review && deps.reviews ? { review, reviews: deps.reviews } : {}),
  });
  registerListeners(app, { flows, advisor: deps.advisor, calls, logger });

  const clock = deps.now ?? (() => new Date());
  /**
   * Commands and buttons Slack was told we received, but a crash stopped before
   * they were done: run them again (their response_url stays valid 30 minutes).
   */
  async function replayUnfinished(): Promise<void> {
    const since = new Date(clock().getTime() - REPLAY_WINDOW_MS).toISOString();
    for (const item of deps.ledger.unfinished('slack', since)) {
      const work = item.payload as DurableWork | null;
      if (work && (work.kind === 'command' || work.kind === 'action')) {
        logger.info('slack: replaying work acknowledged before a restart', { deliveryId: item.deliveryId, workspace: item.workspace });
        try {
          await runWork(flows, work, responseUrlTell(work.responseUrl, logger));
        } catch (error) {
          logger.error('slack: replay failed', { error, deliveryId: item.deliveryId });
        }
      }
      deps.ledger.complete('slack', item.workspace, item.deliveryId, clock().toISOString());
    }
  }

  let server: Server | null = null;
  let running = false;
  let replayed: Promise<void> = Promise.resolve();
  const port = () => {
    const address = server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  };
  return {
    mode: socketMode ? 'socket' : 'http',
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw new Error(authFailure(error, config.apiUrl));
      }
      const started: unknown = socketMode ? await app.start(config.port) : await app.start(config.port, deps.serverOptions ?? {});
      running = true;
      if (!socketMode) server = started as Server;
      logger.info('slack adapter started', { mode: socketMode ? 'socket' : 'http', port: port() });
      // In the background: readiness does not wait for a backlog.
      replayed = replayUnfinished().catch((error: unknown) => logger.error('slack: replay stopped', { error }));
    },
    async stop() {
      // Stopping twice, or before start, is a no-op rather than Bolt's inconsistent-state error.
      if (!running) return;
      running = false;
      await app.stop();
      await replayed;
      server = null;
      if (inFlight > 0) {
        const waited = await Promise.race([
          new Promise<'drained'>((resolve) => idle.push(() => resolve('drained'))),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), deps.drainMs ?? 8000).unref()),
        ]);
        if (waited === 'timeout') logger.warn('slack: stopped with listeners still running', { inFlight });
      }
    },
    port,
    postDigest: digestFlow.postDigest,
  };
}
