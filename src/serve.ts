import { hostname } from 'node:os';
import { measureSourceFor } from './adapters/aws/metrics-reader-for.js';
import type { RunningPlatform } from './adapters/chat-platform.js';
import type { Config } from './config.js';
import type { Advisor } from './core/advisor-types.js';
import type { DigestService } from './core/digest/digest-service.js';
import type { ConversationStore, DeliveryLedger, DigestStore, InstallationStore, ReviewStore } from './core/ports.js';
import type { Logger } from './logger.js';
import type { BackgroundService } from './ops/background-service.js';
import { healthRoutes, startHealthServer, type HealthServer, type ReadinessCheck } from './ops/health.js';
import { createErasureService } from './ops/erasure-service.js';
import { createRetentionService } from './ops/retention-service.js';
import { renderCostChartOnDemand, renderDigestChartOnDemand } from './render/charts-on-demand.js';
import { createDigestDelivery } from './scheduler/digest-delivery.js';
import { createDigestScheduler } from './scheduler/digest-scheduler.js';
import { StartupError } from './startup-error.js';
import type { Storage } from './store/open-storage.js';

// Serves the configured chat platforms and the background services until
// SIGTERM/SIGINT, with /healthz and /readyz. Each platform's library is
// loaded only when that platform is configured (inside its `create`).
// Shutdown stops taking new deliveries at once, gives the work already taken
// until DRAIN_MS to finish, leaves whatever is still running for the next
// start (it is saved with what it has done so far, and nobody is told it
// failed), and only then closes the storage (SQLite or Postgres) and exits,
// all inside an orchestrator's 10 s.

export type { BackgroundService } from './ops/background-service.js';

/** The ports main builds once over the one database, handed to every platform. */
export interface ServeParts {
  /** The database behind the ports: readiness, retention and closing go through it. */
  storage: Storage;
  store: ConversationStore;
  ledger: DeliveryLedger;
  advisor: Advisor;
  /** Design reviews; the platforms route `/serverless-fit review` and keep the summary card up to date. */
  reviews?: ReviewStore;
  /** Weekly digests: the sub-command on every platform, and (with `digestStore`) the scheduler that posts them. */
  digests?: DigestService;
  digestStore?: DigestStore;
  /** Grants in many workspaces (OAuth installs), and the erasure of a workspace's data after it uninstalls. */
  installations?: InstallationStore;
  /** Started after the platforms, stopped before them. */
  services?: readonly BackgroundService[];
}

export interface ServeOptions {
  /** Ends the process; the default is process.exit. */
  exit?: (code: number) => never;
  /**
   * Resolves with a signal's name when serving should stop. By default
   * SIGINT/SIGTERM, and serve also guards the process (stray rejections are
   * logged, an uncaught exception exits); a caller passing its own owns the process.
   */
  stopRequested?: Promise<string>;
}

/** From the signal to the exit, at most; orchestrators kill after 10 s. */
export const SHUTDOWN_DEADLINE_MS = 9_000;
/** How long work already acknowledged may take to finish after the signal. */
export const DRAIN_MS = 7_000;
/** How long closing one platform's connection may take. */
const CLOSE_MS = 1_000;

export async function serve(config: Config, logger: Logger, parts: ServeParts, options: ServeOptions = {}): Promise<number> {
  const startedAt = Date.now();
  const exit = options.exit ?? process.exit;
  const guardProcess = options.stopRequested === undefined;
  // Listening from the first moment: a SIGTERM during start-up still stops the process.
  const signalled =
    options.stopRequested ??
    new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
  parts.storage.tuneForServing();
  const checks: ReadinessCheck[] = [
    { name: 'database', ready: () => parts.storage.readiness().then((answer) => (answer.ready ? true : answer)) },
    // serve is only reached with a validated catalog in the advisor.
    { name: 'pricing catalog', ready: () => true },
  ];
  // What every platform gets: one advisor, one store, one ledger.
  const ports = {
    advisor: parts.advisor,
    store: parts.store,
    ledger: parts.ledger,
    logger,
    renderChart: renderCostChartOnDemand,
    measure: measureSourceFor(config.aws),
    httpRoutes: healthRoutes(checks),
    ...(parts.reviews ? { reviews: parts.reviews } : {}),
    ...(parts.digests ? { digests: parts.digests, renderDigestChart: renderDigestChartOnDemand } : {}),
    ...(parts.installations ? { installations: parts.installations } : {}),
  };
  const platforms: RunningPlatform[] = [];
  for (const configured of config.platforms) platforms.push(await configured.create(ports));
  const posters = platforms.map((platform, i) => ({ name: config.platforms[i]!.name, postDigest: platform.postDigest }));
  const healthOnPlatformPort = platforms.some((platform) => platform.servesHttpRoutes);

  for (const platform of platforms) checks.push({ name: platform.label, ready: platform.ready });

  const background: BackgroundService[] = [];
  if (config.retentionDays !== null) background.push(createRetentionService(parts.storage, config.retentionDays, logger));
  if (parts.installations) background.push(createErasureService(parts.installations, config.uninstallGraceDays, logger));
  if (parts.digests && parts.digestStore) {
    const scheduler = createDigestScheduler({
      store: parts.digestStore,
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
  const startedPlatforms: RunningPlatform[] = [];
  const startedServices: BackgroundService[] = [];
  /** Closes the database and ends the process in the same tick: no work can touch it after it closes. */
  const closeAndExit = (code: number): never => {
    closeStorage(parts.storage, logger);
    return exit(code);
  };

  const startAll = async () => {
    if (!healthOnPlatformPort) {
      healthServer = await startHealthServer(config.port, checks);
      logger.info('health checks listening', { port: healthServer.port, paths: ['/healthz', '/readyz'] });
    }
    for (const platform of platforms) {
      startedPlatforms.push(platform);
      await platform.start();
      logger.info(`serving ${platform.label}`);
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
  logger.info('ready', { startupMs: Date.now() - startedAt, platforms: platforms.map((p) => p.label), pid: process.pid });
  // A stray rejection (a fire-and-forget promise in a library) is logged, not fatal: one lost
  // reply must not take the bot down for every workspace. A thrown exception leaves state
  // unknown, so it is logged and the process exits for the orchestrator to restart it.
  if (guardProcess) {
    process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason }));
    process.once('uncaughtException', (error) => {
      logger.error('uncaught exception; exiting', { error });
      closeAndExit(1);
    });
  }

  const signal = await signalled;
  const stoppingAt = Date.now();
  logger.info(`${signal} received, shutting down`);
  // Whatever happens below (a socket that never closes), the process ends in time.
  const deadline = setTimeout(() => {
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
    clearTimeout(deadline);
    return closeAndExit(0);
  }
  // 4. Everything finished: close connections politely, then the background services and the database.
  await Promise.all(platforms.map((platform) => bounded(platform.stop(), CLOSE_MS)));
  for (const service of [...startedServices].reverse()) await bounded(stopQuietly(service, logger), CLOSE_MS);
  await bounded(healthServer?.close() ?? Promise.resolve(), CLOSE_MS);
  // Nothing is running now: a Postgres pool can say goodbye to the server properly.
  await bounded(parts.storage.close(), CLOSE_MS);
  logger.info('stopped cleanly', { shutdownMs: Date.now() - stoppingAt });
  clearTimeout(deadline);
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

function closeStorage(storage: Storage, logger: Logger): void {
  try {
    storage.closeNow();
  } catch (error) {
    logger.warn('WAL checkpoint at shutdown failed; SQLite will replay the WAL on next open', { error });
  }
}
