import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { answerWithoutState } from './adapters/cli/answer-without-state.js';
import { runTerminalChat } from './adapters/cli/app.js';
import { packageVersion } from './adapters/cli/package-version.js';
import { parseCliArgs } from './adapters/cli/parse-args.js';
import { runPricing } from './adapters/cli/pricing-command.js';
import { runPricingRefresh } from './adapters/cli/pricing-refresh-command.js';
import { isStoreCommand, runStoreCommand } from './adapters/cli/run-command.js';
import { colourWanted, loadConfig, processEnvironment, type Config } from './config.js';
import { createAdvisor } from './core/advisor.js';
import type { Clock } from './core/ports.js';
import { createConsoleLogger, createJsonLogger, type Logger } from './logger.js';
import { backupDatabase } from './ops/backup.js';
import { formatCheckLine, runDoctor } from './ops/doctor.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from './pricing/load-catalog.js';
import { renderCostChart } from './render/chart-png.js';
import { openDatabase } from './store/open-database.js';
import { createSqliteConversationStore } from './store/sqlite-conversation-store.js';
import { createSqliteReviewStore } from './store/sqlite-review-store.js';
import { createDigestService } from './core/digest/digest-service.js';
import { createSqliteDigestStore } from './store/sqlite-digest-store.js';
import { nextSlot } from './scheduler/digest-slots.js';
import { parseHcl } from './templates/parse-hcl.js';
import { runAssessFrom } from './adapters/cli/assess-from-command.js';
import { createCloudWatchMetricsReader } from './adapters/aws/cloudwatch-metrics-reader.js';
import type { serve } from './serve.js';

// Wires configuration, catalog, database, advisor and the front ends together.
// The only module that imports everything.

const systemClock: Clock = { now: () => new Date() };

async function main(argv: string[]): Promise<number> {
  const parsed = answerWithoutState(parseCliArgs(argv), { out: process.stdout, err: process.stderr, version: packageVersion() });
  if ('done' in parsed) return parsed.done;
  const args = { command: parsed.command };
  if (args.command.name === 'doctor') {
    const lines = await runDoctor({ env: processEnvironment(), fetch, now: new Date() });
    for (const line of lines) process.stdout.write(`${formatCheckLine(line)}\n`);
    return lines.some((line) => line.status === 'problem') ? 1 : 0;
  }

  const configResult = loadConfig();
  if (!configResult.ok) {
    for (const error of configResult.errors) process.stderr.write(`Configuration error: ${error}\n`);
    return 2;
  }
  const config = configResult.config;
  // Serving writes JSON lines for a log pipeline; terminal commands keep readable lines.
  const serving = args.command.name === 'serve' || (args.command.name === 'default' && Boolean(config.slack || config.discord));
  const logger: Logger = serving
    ? createJsonLogger({ level: config.logLevel, secrets: [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token] })
    : createConsoleLogger();

  const catalogResult = loadCatalog(config.pricingPath ?? DEFAULT_CATALOG_PATH);
  if (!catalogResult.ok) {
    process.stderr.write(`Pricing catalog error: ${catalogResult.error}\n`);
    return 2;
  }
  const catalog = catalogResult.catalog;
  const columns = process.stdout.isTTY ? process.stdout.columns : 80;
  if (args.command.name === 'pricing') return runPricing({ catalog, out: process.stdout, columns }, args.command.options);
  if (args.command.name === 'pricing-refresh')
    return runPricingRefresh({ catalog, catalogPath: config.pricingPath ?? DEFAULT_CATALOG_PATH, fetch, now: () => new Date(), out: process.stdout, err: process.stderr }, args.command.options);
  if (args.command.name === 'assess-from') {
    const aws = config.aws;
    const metricsReader = (region: string | undefined) => createCloudWatchMetricsReader({ ...aws, region: region ?? aws.region });
    const color = colourWanted(Boolean(process.stdout.isTTY));
    return runAssessFrom({ metricsReader, catalog, now: () => new Date(), out: process.stdout, err: process.stderr, color }, args.command.options);
  }

  let db;
  try {
    db = openDatabase(config.databasePath);
  } catch (error) {
    process.stderr.write(`Database error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const store = createSqliteConversationStore(db);
  const reviews = createSqliteReviewStore(db);
  const advisor = createAdvisor({ store, catalog, clock: systemClock, newId: randomUUID, reviews });
  const digests = createDigestService({ store: createSqliteDigestStore(db), catalog, clock: systemClock, newId: randomUUID, nextRun: nextSlot });
  const user = safeUserName();

  try {
    if (isStoreCommand(args.command)) {
      const color = colourWanted(Boolean(process.stdout.isTTY));
      const io = { out: process.stdout, err: process.stderr, color, columns, user, newId: randomUUID, now: () => new Date() };
      return await runStoreCommand(args.command, { advisor, store, catalog, reviews, digests, parseHcl, renderChart: renderCostChart, ...io });
    }
    switch (args.command.name) {
      case 'backup': {
        let copy;
        try {
          copy = await backupDatabase(db, args.command.file);
        } catch (error) {
          process.stderr.write(`Backup error: ${error instanceof Error ? error.message : String(error)}\n`);
          return 1;
        }
        process.stdout.write(`Backed up ${config.databasePath} to ${copy.file} (${copy.bytes.toLocaleString('en-US')} bytes: ${copy.conversations} conversations, ${copy.turns} turns, ${copy.assessments} assessments); the copy passed integrity_check.\n`);
        return 0;
      }
      case 'serve':
        return await serveOrExplain(config, logger, { db, store, advisor, reviews, digests }, true);
      case 'chat':
      case 'default': {
        if (args.command.name === 'default' && (config.slack || config.discord)) {
          return await serveOrExplain(config, logger, { db, store, advisor, reviews, digests }, false);
        }
        const interactive = Boolean(process.stdin.isTTY);
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
    if (db.open) db.close();
  }
}

async function serveOrExplain(config: Config, logger: Logger, parts: Parameters<typeof serve>[2], explicit: boolean): Promise<number> {
  if (!config.slack && !config.discord) {
    process.stderr.write(`${explicit ? 'serve' : 'start'}: neither Slack nor Discord is configured. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or DISCORD_TOKEN (see the README), or run \`npm start\` without them for the terminal chat.\n`);
    return 2;
  }
  // Loaded only to serve: Bolt and discord.js take seconds to load, and no one-shot command needs them.
  const { serve: start } = await import('./serve.js');
  return start(config, logger, parts);
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local-user';
  } catch {
    return 'local-user';
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`serverless-fit stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
