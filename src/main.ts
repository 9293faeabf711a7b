import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { answerWithoutState } from './adapters/cli/answer-without-state.js';
import { packageVersion } from './adapters/cli/package-version.js';
import { parseCliArgs } from './adapters/cli/parse-args.js';
import { isStoreCommand, runStoreCommand } from './adapters/cli/run-command.js';
import type { ChatPlatform } from './adapters/chat-platform.js';
import { colourWanted, loadConfig, processEnvironment, type Config } from './config.js';
import { createAdvisor } from './core/advisor.js';
import type { Clock } from './core/ports.js';
import { createConsoleLogger, type Logger } from './logger.js';
import { DEFAULT_CATALOG_PATH } from './pricing/catalog-file.js';
import { openCatalog } from './pricing/open-catalog.js';
import type { PricingCatalog } from './core/pricing/catalog-schema.js';
import { renderCostChartOnDemand } from './render/charts-on-demand.js';
import { openStorage, type Storage } from './store/open-storage.js';
import { createDigestService } from './core/digest/digest-service.js';
import { nextSlot } from './scheduler/digest-slots.js';
import { parseHcl } from './templates/parse-hcl.js';
import { threadLinksOf } from './core/digest/thread-link.js';
import type { ServeParts } from './serve.js';

// The composition root: wires configuration, catalog, the storage (SQLite or
// Postgres, every store and ledger over it, opened once, here), the advisor
// and the front ends together. The chat platforms come in as a list, so a build (src/start.ts)
// or a test chooses which ones exist.
// Each command's own code (the terminal chat, doctor, pricing, AWS, charts,
// the JSON logger) is imported where that command runs: a one-shot process
// reads and compiles only what it uses, which is most of its start-up time.

const systemClock: Clock = { now: () => new Date() };

/** `backup` on Postgres: the database's own tool does it better than a copy could. */
export const POSTGRES_BACKUP_ADVICE =
  'backup copies the SQLite file, and this configuration uses Postgres (DATABASE_URL): back it up with pg_dump instead, e.g. pg_dump --format=custom --file=serverless-fit.dump "$DATABASE_URL" (see "Running at scale" in the README).';

export async function main(argv: string[], platforms: readonly ChatPlatform[]): Promise<number> {
  const parsed = answerWithoutState(parseCliArgs(argv), { out: process.stdout, err: process.stderr, version: packageVersion() });
  if ('done' in parsed) return parsed.done;
  const args = { command: parsed.command };
  if (args.command.name === 'doctor') {
    const { formatCheckLine, runDoctor } = await import('./ops/doctor.js');
    const lines = await runDoctor({ env: processEnvironment(), platforms, fetch, now: new Date() });
    for (const line of lines) process.stdout.write(`${formatCheckLine(line)}\n`);
    return lines.some((line) => line.status === 'problem') ? 1 : 0;
  }
  if (args.command.name === 'migrate-store') {
    // Loaded only here: it brings the Postgres client with it.
    const { runMigrateStore } = await import('./ops/migrate-store.js');
    return runMigrateStore(args.command.options, { out: process.stdout, err: process.stderr });
  }

  const configResult = loadConfig(platforms, processEnvironment());
  if (!configResult.ok) {
    for (const error of configResult.errors) process.stderr.write(`Configuration error: ${error}\n`);
    return 2;
  }
  const config = configResult.config;
  // Serving writes JSON lines for a log pipeline; terminal commands keep readable lines.
  const chatConfigured = config.platforms.length > 0;
  const serving = args.command.name === 'serve' || (args.command.name === 'default' && chatConfigured);
  const logger: Logger = serving
    ? (await import('./json-logger.js')).createJsonLogger({ level: config.logLevel, secrets: config.platforms.flatMap((p) => p.secrets) })
    : createConsoleLogger();
  for (const notice of config.notices) logger.warn(notice);

  const catalogResult = await openCatalog(config.pricingPath ?? DEFAULT_CATALOG_PATH);
  if (!catalogResult.ok) {
    process.stderr.write(`Pricing catalog error: ${catalogResult.error}\n`);
    return 2;
  }
  const catalog = catalogResult.catalog;
  const columns = process.stdout.isTTY ? process.stdout.columns : 80;
  if (args.command.name === 'pricing') return (await import('./adapters/cli/pricing-command.js')).runPricing({ catalog, out: process.stdout, columns }, args.command.options);
  if (args.command.name === 'pricing-refresh')
    return (await import('./adapters/cli/pricing-refresh-command.js')).runPricingRefresh({ catalog, catalogPath: config.pricingPath ?? DEFAULT_CATALOG_PATH, fetch, now: () => new Date(), out: process.stdout, err: process.stderr }, args.command.options);
  if (args.command.name === 'assess-from') {
    const [{ metricsReaderFor }, { runAssessFrom }] = await Promise.all([import('./adapters/aws/metrics-reader-for.js'), import('./adapters/cli/assess-from-command.js')]);
    const metricsReader = metricsReaderFor(config.aws);
    const color = colourWanted(Boolean(process.stdout.isTTY));
    return runAssessFrom({ metricsReader, catalog, now: () => new Date(), out: process.stdout, err: process.stderr, color }, args.command.options);
  }

  if (args.command.name === 'backup' && config.databaseUrl !== null) {
    process.stderr.write(`Backup error: ${POSTGRES_BACKUP_ADVICE}\n`);
    return 1;
  }
  let storage;
  try {
    storage = await openStorage(config);
  } catch (error) {
    process.stderr.write(`Database error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const parts = composePorts(storage, catalog, platforms);
  const { store, advisor, reviews, digests } = parts;
  const user = safeUserName();

  try {
    if (isStoreCommand(args.command)) {
      const color = colourWanted(Boolean(process.stdout.isTTY));
      const io = { out: process.stdout, err: process.stderr, color, columns, user, newId: randomUUID, now: () => new Date() };
      // Only reprice reads a second catalog (--catalog); the full validator loads for it alone.
      const { loadCatalog } = args.command.name === 'reprice' ? await import('./pricing/load-catalog.js') : { loadCatalog: validatorNotLoaded };
      return await runStoreCommand(args.command, { advisor, store, catalog, reviews, digests, parseHcl, renderChart: renderCostChartOnDemand, loadCatalog, threadLink: threadLinksOf(platforms), ...io });
    }
    switch (args.command.name) {
      case 'backup': {
        // Refused above, before Postgres was even opened.
        if (storage.kind !== 'sqlite') return 1;
        const { backupDatabase } = await import('./ops/backup.js');
        let copy;
        try {
          copy = await backupDatabase(storage.db, args.command.file);
        } catch (error) {
          process.stderr.write(`Backup error: ${error instanceof Error ? error.message : String(error)}\n`);
          return 1;
        }
        process.stdout.write(`Backed up ${config.databasePath} to ${copy.file} (${copy.bytes.toLocaleString('en-US')} bytes: ${copy.conversations} conversations, ${copy.turns} turns, ${copy.assessments} assessments); the copy passed integrity_check.\n`);
        return 0;
      }
      case 'serve':
        return await serveOrExplain(config, platforms, logger, parts, true);
      case 'chat':
      case 'default': {
        if (args.command.name === 'default' && chatConfigured) {
          return await serveOrExplain(config, platforms, logger, parts, false);
        }
        const interactive = Boolean(process.stdin.isTTY);
        const { runTerminalChat } = await import('./adapters/cli/app.js');
        await runTerminalChat({
          advisor,
          conversations: store,
          logger,
          input: process.stdin,
          output: process.stdout,
          interactive,
          user,
          sessionId: `${new Date().toISOString().slice(0, 19)}-${randomUUID().slice(0, 8)}`,
          columns,
        });
        // After "quit" stdin may still be an open pipe, which would keep the process waiting.
        process.stdin.destroy();
        return 0;
      }
      default:
        return 2;
    }
  } finally {
    await storage.close();
  }
}

/** The advisor and digests over the storage's ports: built once per process. */
export function composePorts(
  storage: Storage,
  catalog: PricingCatalog,
  platforms: readonly ChatPlatform[],
  clock: Clock = systemClock,
  newId: () => string = randomUUID,
): ServeParts & Required<Pick<ServeParts, 'reviews' | 'digests' | 'digestStore'>> {
  const { conversations: store, reviews, digestStore, settings, ledger, installations } = storage;
  const advisor = createAdvisor({ store, catalog, clock, newId, reviews, settings });
  const repricing = { catalog, decisions: (workspace: string) => store.decisions({ workspace }) };
  const digests = createDigestService({ store: digestStore, catalog, clock, newId, nextRun: nextSlot, threadLink: threadLinksOf(platforms), repricing });
  return { storage, store, ledger, advisor, reviews, digests, digestStore, installations };
}

async function serveOrExplain(config: Config, platforms: readonly ChatPlatform[], logger: Logger, parts: ServeParts, explicit: boolean): Promise<number> {
  if (config.platforms.length === 0) {
    const titles = platforms.map((p) => p.title);
    const none = titles.length === 1 ? `${titles[0]} is not configured` : `neither ${titles.join(' nor ')} is configured`;
    const enable = platforms.map((p) => p.enableWith).join(', or ');
    process.stderr.write(`${explicit ? 'serve' : 'start'}: ${none}. Set ${enable} (see the README), or run \`npm start\` without them for the terminal chat.\n`);
    return 2;
  }
  // Loaded only to serve (the health server, the scheduler, the chart renderer); a platform's library loads in its create().
  const { serve: start } = await import('./serve.js');
  return start(config, logger, parts);
}

function validatorNotLoaded(): never {
  throw new Error('a second catalog is read only by reprice');
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local-user';
  } catch {
    return 'local-user';
  }
}
