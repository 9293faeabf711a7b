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
import type { BackgroundService } from './ops/background-service.js';
import { healthRoutes, startHealthServer, type HealthServer, type ReadinessCheck } from './ops/health.js';
import { createRetentionService } from './ops/retention-service.js';
import { renderCostChart } from './render/chart-png.js';
import type { Database } from './store/open-database.js';
import { checkpoint } from './store/retention.js';
import { createSqliteDeliveryLedger } from './store/sqlite-delivery-ledger.js';
import { StartupError } from './startup-error.js';

// Serves the configured chat platforms and the background services until
// SIGTERM/SIGINT, with /healthz and /readyz. Each platform's library is
// loaded only when that platform is configured. Shutdown stops taking new
// deliveries at once, gives the work already taken until DRAIN_MS to finish,
// leaves whatever is still running for the next start (it is saved with what
// it has done so far, and nobody is told it failed), and only then closes the
// database and exits, all inside an orchestrator's 10 s.

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

/** One configured chat platform, as serve runs it. */
interface ChatPlatform {
  name: string;
  start(): Promise<void>;
  stopIntake(): void;
  /** Resolves with the deliveries still running at `deadline` (epoch ms). */
  drain(deadline: number): Promise<string[]>;
  stop(): Promise<void>;
  ready(): boolean;
}

/** From the signal to the exit, at most; orchestrators kill after 10 s. */
export const SHUTDOWN_DEADLINE_MS = 9_000;
/** How long work already acknowledged may take to finish after the signal. */
export const DRAIN_MS = 7_000;
/** How long closing one platform's connection may take. */
const CLOSE_MS = 1_000;
/**
 * How long one write may wait inside SQLite for another process's lock.
 * better-sqlite3 blocks the event loop meanwhile, so this stays short; the
 * delivery code waits longer by retrying between other work.
 */
export const SERVE_BUSY_TIMEOUT_MS = 50;

export async function serve(config: Config, logger: Logger, parts: ServeParts, exit: (code: number) => never = process.exit): Promise<number> {
  const startedAt = Date.now();
  // Listening from the first moment: a SIGTERM during start-up still stops the process.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  parts.db.pragma(`busy_timeout = ${SERVE_BUSY_TIMEOUT_MS}`);
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
  const platforms: ChatPlatform[] = [];
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
    const { createSlackAdapter } = await import('./adapters/slack/app.js');
    const adapter = createSlackAdapter({
      ...shared,
      config: { botToken: slack.botToken, signingSecret: slack.signingSecret, appToken: slack.appToken, port: slack.port, apiUrl: slack.apiUrl },
      ...(httpMode ? { httpRoutes: healthRoutes(checks) } : {}),
      ...(config.inboxWorkers ? { workers: config.inboxWorkers } : {}),
    });
    posters.slack = adapter;
    let up = false;
    platforms.push({
      name: `Slack (${adapter.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}, /slack/events`})`,
      start: async () => {
        await adapter.start();
        up = true;
      },
      stopIntake: () => {
        up = false;
        adapter.stopIntake();
      },
      drain: adapter.drain,
      stop: adapter.stop,
      ready: () => up,
    });
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/app.js');
    const adapter = createDiscordAdapter({ ...shared, config: config.discord });
    posters.discord = adapter;
    platforms.push({
      name: 'Discord (gateway)',
      start: adapter.start,
      stopIntake: adapter.stopIntake,
      drain: adapter.drain,
      stop: adapter.stop,
      ready: () => adapter.client.isReady(),
    });
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

  let healthServer = null as HealthServer | null;
  const startedPlatforms: ChatPlatform[] = [];
  const startedServices: BackgroundService[] = [];
  /** Closes the database and ends the process in the same tick: no work can touch the file after it closes. */
  const closeAndExit = (code: number): never => {
    closeDatabase(parts.db, logger);
    return exit(code);
  };

  const startAll = async () => {
    if (!healthOnSlackPort) {
      healthServer = await startHealthServer(config.port, checks);
      logger.info('health checks listening', { port: healthServer.port, paths: ['/healthz', '/readyz'] });
    }
    for (const platform of platforms) {
      startedPlatforms.push(platform);
      await platform.start();
      logger.info(`serving ${platform.name}`);
    }
    for (const service of background) {
      await service.start();
      startedServices.push(service);
      logger.info(`serving ${service.name}`);
    }
    return 'started' as const;
  };

  let outcome: 'started' | string;
  try {
    outcome = await Promise.race([startAll(), signalled]);
  } catch (error) {
    // One line naming what to check; a stack only for what nobody expected.
    const line = error instanceof StartupError ? error.message : `could not start: ${error instanceof Error ? error.message : String(error)}`;
    logger.error(line, error instanceof StartupError ? {} : { error });
    process.stderr.write(`Start-up error: ${line}\n`);
    startedPlatforms.forEach((platform) => platform.stopIntake());
    await Promise.all(startedPlatforms.map((platform) => bounded(platform.stop(), CLOSE_MS)));
    return closeAndExit(1);
  }
  if (outcome !== 'started') {
    logger.info(`${outcome} received while starting; stopping`);
    startedPlatforms.forEach((platform) => platform.stopIntake());
    await Promise.all(startedPlatforms.map((platform) => bounded(platform.stop(), CLOSE_MS)));
    return closeAndExit(0);
  }
  logger.info('ready', { startupMs: Date.now() - startedAt, platforms: platforms.map((p) => p.name), pid: process.pid });
  // A stray rejection (a fire-and-forget promise in a library) is logged, not fatal: one lost
  // reply must not take the bot down for every workspace. A thrown exception leaves state
  // unknown, so it is logged and the process exits for the orchestrator to restart it.
  process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason }));
  process.once('uncaughtException', (error) => {
    logger.error('uncaught exception; exiting', { error });
    closeAndExit(1);
  });

  const signal = await signalled;
  const stoppingAt = Date.now();
  logger.info(`${signal} received, shutting down`);
  // Whatever happens below (a socket that never closes), the process ends in time.
  setTimeout(() => {
    logger.error('shutdown took too long; exiting now', { deadlineMs: SHUTDOWN_DEADLINE_MS });
    closeAndExit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();

  // 1. No new deliveries, no new digests.
  for (const platform of platforms) platform.stopIntake();
  // 2. Work already taken gets until the drain deadline.
  const left = (await Promise.all(platforms.map((platform) => platform.drain(stoppingAt + DRAIN_MS)))).flat();
  if (left.length > 0) {
    // 3. What is still running is saved with every step it has taken; the next start continues it.
    // Exiting now, with the database closed in the same tick, means none of it can fail in front of a user.
    logger.warn(`stopped with ${left.length} deliveries still in progress; they are saved and continue at the next start`, { shutdownMs: Date.now() - stoppingAt, left });
    return closeAndExit(0);
  }
  // 4. Everything finished: close connections politely, then the background services and the database.
  await Promise.all(platforms.map((platform) => bounded(platform.stop(), CLOSE_MS)));
  for (const service of [...startedServices].reverse()) await bounded(stopQuietly(service, logger), CLOSE_MS);
  await bounded(healthServer?.close() ?? Promise.resolve(), CLOSE_MS);
  logger.info('stopped cleanly', { shutdownMs: Date.now() - stoppingAt });
  return closeAndExit(0);
}

/** Waits for `work`, but no longer than `ms`; its failure is somebody else's log line. */
async function bounded(work: Promise<unknown>, ms: number): Promise<void> {
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
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
