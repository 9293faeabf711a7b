import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatPlatform } from '../../../src/adapters/chat-platform.js';
import type { Clock } from '../../../src/core/ports.js';
import { loadConfig } from '../../../src/config.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { composePorts } from '../../../src/main.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../../src/pricing/load-catalog.js';
import { serve } from '../../../src/serve.js';
import { openStorage } from '../../../src/store/open-storage.js';
import { eventually } from '../fakes/chat-driver.js';

// The app as main composes and serves it, inside the test process: the
// configuration read from environment variables by the platforms in the list
// given, every store over one SQLite file (opened as main opens the storage), serve starting each configured
// platform. Stopping is the signal serve waits for; a restart is a new serve
// on the same file, as a restarted process would be.

export interface ServedApp {
  /** What main built for this run (a restart builds them again). */
  readonly ports: ReturnType<typeof composePorts>;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  /** The HTTP port a platform listening on PORT took (from its start-up log line). */
  httpPort(): number;
  restart(): Promise<void>;
  close(): Promise<void>;
}

type Running = { ports: ReturnType<typeof composePorts>; logger: ReturnType<typeof createMemoryLogger>; stop: (signal: string) => void; done: Promise<number> };

export interface AppOptions {
  /** The clock the advisor and the digests keep (the scheduler keeps the real one); the real one by default. */
  clock?: Clock;
  /** More environment for the app (the AWS settings of a measuring scenario). */
  env?: Record<string, string>;
}

export async function serveApp(platforms: readonly ChatPlatform[], env: Record<string, string>, options: AppOptions = {}): Promise<ServedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-scenario-'));
  const catalog = loadCatalog(DEFAULT_CATALOG_PATH);
  if (!catalog.ok) throw new Error(catalog.error);

  const boot = async (): Promise<Running> => {
    const config = loadConfig(platforms, { ...env, ...options.env, SERVERLESS_FIT_DB: join(dir, 'serverless-fit.db'), PORT: '0' });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const ports = composePorts(await openStorage(config.config), catalog.catalog, platforms, options.clock);
    const logger = createMemoryLogger();
    let stop: (signal: string) => void = () => undefined;
    const stopRequested = new Promise<string>((resolve) => (stop = resolve));
    // serve ends by calling exit with its code; here that only hands the code back.
    const exit = ((code: number) => code) as unknown as (code: number) => never;
    const done = serve(config.config, logger, ports, { stopRequested, exit });
    let ended: number | null = null;
    void done.then((code) => (ended = code));
    await eventually(() => ended !== null || logger.entries.some((e) => e.message === 'ready'), 'the app to be ready');
    if (ended !== null) throw new Error(`serve stopped at start (${ended}): ${JSON.stringify(logger.entries.filter((e) => e.level === 'error'))}`);
    return { ports, logger, stop, done };
  };

  const halt = async (run: Running) => {
    run.stop('SIGTERM');
    const code = await run.done;
    if (code !== 0) throw new Error(`serve stopped with ${code}: ${JSON.stringify(run.logger.entries.filter((e) => e.level !== 'info'))}`);
  };

  let running = await boot();
  return {
    get ports() {
      return running.ports;
    },
    get logger() {
      return running.logger;
    },
    httpPort() {
      const port = running.logger.entries.find((e) => typeof e.fields?.port === 'number' && (e.fields.port as number) > 0)?.fields?.port;
      if (typeof port !== 'number') throw new Error('no platform listens on PORT in this app');
      return port;
    },
    async restart() {
      await halt(running);
      running = await boot();
    },
    async close() {
      await halt(running);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
