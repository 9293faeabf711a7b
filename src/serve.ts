import type { Config } from './config.js';
import type { Advisor } from './core/advisor-types.js';
import { hostname } from 'node:os';
import type { ConversationStore, ReviewStore } from './core/ports.js';
import type { DigestService } from './core/digest/digest-service.js';
import { renderDigestChart } from './render/digest-chart.js';
import { createDigestDelivery } from './scheduler/digest-delivery.js';
import { createDigestScheduler } from './scheduler/digest-scheduler.js';
import { createSqliteDigestStore } from './store/sqlite-digest-store.js';
import type { Logger } from './logger.js';
import { createDiscordAdapter } from './adapters/discord/app.js';
import { createSlackAdapter } from './adapters/slack/app.js';
import type { BackgroundService } from './ops/background-service.js';
import { healthRoutes, startHealthServer, type HealthServer, type ReadinessCheck } from './ops/health.js';
import { ExplainedResponse } from './ops/explained-refusals.js';
import { createRetentionService } from './ops/retention-service.js';
import { renderCostChart } from './render/chart-png.js';
import type { Database } from './store/open-database.js';
import { checkpoint } from './store/retention.js';
import { createSqliteDeliveryLedger } from './store/sqlite-delivery-ledger.js';

// Serves the configured chat platforms and the background services until
// SIGTERM/SIGINT, with /healthz and /readyz. Shutdown stops taking events,
// lets running work finish, checkpoints the WAL and closes the database,
// all within SHUTDOWN_DEADLINE_MS (orchestrators kill after 10 s).

export type { BackgroundService } from './ops/background-service.js';

export interface ServeParts {
  db: Database;
  store: ConversationStore;
  advisor: Advisor;
  /** Design reviews; the adapters route `/serverless-fit review` and keep the summary card up to date. */
  reviews?: ReviewStore;
  /** Weekly digests: the sub-command on both platforms and the scheduler that posts them. */
  digests?: DigestService;
  /** Started after the platforms, stopped before them. */
  services?: readonly BackgroundService[];
}

interface PlatformService extends BackgroundService {
  ready(): boolean;
}

export const SHUTDOWN_DEADLINE_MS = 9_000;

export async function serve(config: Config, logger: Logger, parts: ServeParts): Promise<number> {
  const startedAt = Date.now();
  // Listening from the first moment: a SIGTERM during start-up still gets a clean shutdown once started.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const ledger = createSqliteDeliveryLedger(parts.db);
  // What both platforms get: one advisor, one store, one ledger.
  const shared = {
    advisor: parts.advisor,
    store: parts.store,
    ledger,
    logger,
    renderChart: renderCostChart,
    ...(parts.reviews ? { reviews: parts.reviews } : {}),
    ...(parts.digests ? { digests: parts.digests, renderDigestChart } : {}),
  };
  const posters: Parameters<typeof createDigestDelivery>[0] = {};
  const platforms: PlatformService[] = [];
  const checks: ReadinessCheck[] = [
    { name: 'database', ready: () => parts.db.open },
    // serve is only reached with a validated catalog in the advisor.
    { name: 'pricing catalog', ready: () => true },
  ];
  let healthOnSlackPort = false;

  if (config.slack) {
    const slack = config.slack;
    const httpMode = !slack.appToken;
    healthOnSlackPort = httpMode;
    const adapter = createSlackAdapter({
      ...shared,
      config: { botToken: slack.botToken, signingSecret: slack.signingSecret, appToken: slack.appToken, port: slack.port, apiUrl: slack.apiUrl },
      ...(httpMode ? { httpRoutes: healthRoutes(checks), serverOptions: { ServerResponse: ExplainedResponse } } : {}),
    });
    posters.slack = adapter;
    let up = false;
    platforms.push({
      name: `Slack (${adapter.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}, /slack/events`})`,
      start: async () => {
        await adapter.start();
        up = true;
      },
      stop: async () => {
        up = false;
        await adapter.stop();
      },
      ready: () => up,
    });
  }
  if (config.discord) {
    const adapter = createDiscordAdapter({ ...shared, config: config.discord });
    posters.discord = adapter;
    platforms.push({ name: 'Discord (gateway)', start: adapter.start, stop: adapter.stop, ready: () => adapter.client.isReady() });
  }
  for (const platform of platforms) checks.push({ name: platform.name, ready: platform.ready });

  const background: BackgroundService[] = [];
  if (config.retentionDays !== null) background.push(createRetentionService(parts.db, config.retentionDays, logger));
  if (parts.digests) {
    const scheduler = createDigestScheduler({
      store: createSqliteDigestStore(parts.db),
      digests: parts.digests,
      deliver: createDigestDelivery(posters),
      clock: { now: () => new Date() },
      logger,
      instanceId: `${hostname()}:${process.pid}`,
    });
    background.push({
      name: 'weekly digest scheduler',
      start: () => scheduler.start(),
      // Stop waking up, then let a digest being posted finish before the database closes.
      stop: async () => {
        scheduler.stop();
        await scheduler.idle();
      },
    });
  }
  background.push(...(parts.services ?? []));

  let healthServer: HealthServer | null = null;
  const started: BackgroundService[] = [];
  const shutdown = async () => {
    // Platforms first (no new events, running ones drain), then the rest, newest first.
    const order = [...platforms.filter((p) => started.includes(p)), ...started.filter((s) => !platforms.includes(s as PlatformService)).reverse()];
    for (const service of order) await stopQuietly(service, logger);
    await healthServer?.close();
    closeDatabase(parts.db, logger);
  };

  try {
    if (!healthOnSlackPort) {
      healthServer = await startHealthServer(config.port, checks);
      logger.info('health checks listening', { port: healthServer.port, paths: ['/healthz', '/readyz'] });
    }
    for (const service of [...platforms, ...background]) {
      await service.start();
      started.push(service);
      logger.info(`serving ${service.name}`);
    }
  } catch (error) {
    logger.error(`could not start: ${error instanceof Error ? error.message : String(error)}`, { error });
    await shutdown();
    return 1;
  }
  logger.info('ready', { startupMs: Date.now() - startedAt, platforms: platforms.map((p) => p.name), pid: process.pid });
  // A stray rejection (a fire-and-forget promise in a library) is logged, not fatal: one lost
  // reply must not take the bot down for every workspace. A thrown exception leaves state
  // unknown, so it is logged and the process exits for the orchestrator to restart it.
  process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason }));
  process.once('uncaughtException', (error) => {
    logger.error('uncaught exception; exiting', { error });
    closeDatabase(parts.db, logger);
    process.exit(1);
  });

  const signal = await signalled;
  const stoppingAt = Date.now();
  logger.info(`${signal} received, shutting down`);
  // A shutdown that hangs (a stuck socket) must not outlive the orchestrator's patience.
  const deadline = setTimeout(() => {
    logger.error('shutdown took too long; exiting now', { deadlineMs: SHUTDOWN_DEADLINE_MS });
    closeDatabase(parts.db, logger);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  await shutdown();
  clearTimeout(deadline);
  logger.info('stopped cleanly', { shutdownMs: Date.now() - stoppingAt });
  return 0;
}

async function stopQuietly(service: BackgroundService, logger: Logger): Promise<void> {
  try {
    await service.stop();
  } catch (error) {
    logger.warn(`stopping ${service.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function closeDatabase(db: Database, logger: Logger): void {
  if (!db.open) return;
  try {
    checkpoint(db);
  } catch (error) {
    logger.warn('WAL checkpoint at shutdown failed; SQLite will replay the WAL on next open', { error });
  }
  db.close();
}
