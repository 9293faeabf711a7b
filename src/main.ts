import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { runTerminalChat } from './adapters/cli/app.js';
import { runAssess, runHistory, runPricing, usage, type CliCommandDeps } from './adapters/cli/commands.js';
import { parseCliArgs } from './adapters/cli/args.js';
import { loadConfig, type Config } from './config.js';
import { createAdvisor } from './core/advisor.js';
import type { Clock } from './core/ports.js';
import { createConsoleLogger, type Logger } from './logger.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from './pricing/load-catalog.js';
import { renderCostChart } from './render/chart-png.js';
import { openDatabase } from './store/open-database.js';
import { createSqliteConversationStore } from './store/sqlite-conversation-store.js';
import { serve } from './serve.js';

// Wires configuration, catalog, database, advisor and the front ends together.
// The only module that imports everything.

const systemClock: Clock = { now: () => new Date() };

async function main(argv: string[]): Promise<number> {
  const logger = createConsoleLogger();
  const args = parseCliArgs(argv);
  if (!args.ok) {
    process.stderr.write(`${args.error}\n\n${usage()}\n`);
    return 2;
  }
  if (args.command.name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }

  const configResult = loadConfig(process.env);
  if (!configResult.ok) {
    for (const error of configResult.errors) process.stderr.write(`Configuration error: ${error}\n`);
    return 2;
  }
  const config = configResult.config;

  const catalogResult = loadCatalog(config.pricingPath ?? DEFAULT_CATALOG_PATH);
  if (!catalogResult.ok) {
    process.stderr.write(`Pricing catalog error: ${catalogResult.error}\n`);
    return 2;
  }
  const catalog = catalogResult.catalog;
  if (args.command.name === 'pricing') {
    process.stdout.write(`${runPricingText(catalog)}\n`);
    return 0;
  }

  let db;
  try {
    db = openDatabase(config.databasePath);
  } catch (error) {
    process.stderr.write(`Database error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const store = createSqliteConversationStore(db);
  const advisor = createAdvisor({ store, catalog, clock: systemClock, newId: randomUUID });
  const user = safeUserName();

  try {
    const cliDeps: CliCommandDeps = {
      advisor,
      store,
      catalog,
      renderChart: renderCostChart,
      out: process.stdout,
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      user,
      newId: randomUUID,
    };
    switch (args.command.name) {
      case 'assess':
        return await runAssess(cliDeps, args.command.options);
      case 'history':
        return runHistory(cliDeps);
      case 'serve':
        return await serveOrExplain(config, logger, { db, store, advisor }, true);
      case 'chat':
      case 'default': {
        if (args.command.name === 'default' && (config.slack || config.discord)) {
          return await serveOrExplain(config, logger, { db, store, advisor }, false);
        }
        const interactive = Boolean(process.stdin.isTTY);
        await runTerminalChat({
          advisor,
          logger,
          input: process.stdin,
          output: process.stdout,
          interactive,
          user,
          sessionId: `${new Date().toISOString().slice(0, 19)}-${randomUUID().slice(0, 8)}`,
        });
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
  return serve(config, logger, parts);
}

function runPricingText(catalog: Parameters<typeof runPricing>[0]['catalog']): string {
  let text = '';
  runPricing({ catalog, out: { write: (chunk: string) => ((text += chunk), true) } } as unknown as CliCommandDeps);
  return text.trimEnd();
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
