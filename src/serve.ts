import type { Config } from './config.js';
import type { Advisor } from './core/advisor-types.js';
import type { ConversationStore } from './core/ports.js';
import type { Logger } from './logger.js';
import { createDiscordAdapter } from './adapters/discord/app.js';
import { createSlackAdapter } from './adapters/slack/app.js';
import { renderCostChart } from './render/chart-png.js';
import type { Database } from './store/open-database.js';
import { createSqliteDeliveryLedger } from './store/sqlite-delivery-ledger.js';

// Serves the configured chat platforms until SIGINT/SIGTERM, then stops them
// and closes the database cleanly.

export interface ServeParts {
  db: Database;
  store: ConversationStore;
  advisor: Advisor;
}

interface Service {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function serve(config: Config, logger: Logger, parts: ServeParts): Promise<number> {
  const ledger = createSqliteDeliveryLedger(parts.db);
  const services: Service[] = [];
  if (config.slack) {
    const slack = config.slack;
    const adapter = createSlackAdapter({
      advisor: parts.advisor,
      store: parts.store,
      ledger,
      logger,
      renderChart: renderCostChart,
      config: { botToken: slack.botToken, signingSecret: slack.signingSecret, appToken: slack.appToken, port: slack.port, apiUrl: slack.apiUrl },
    });
    services.push({ name: `Slack (${adapter.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}, /slack/events`})`, start: adapter.start, stop: adapter.stop });
  }
  if (config.discord) {
    const adapter = createDiscordAdapter({ advisor: parts.advisor, store: parts.store, ledger, logger, renderChart: renderCostChart, config: config.discord });
    services.push({ name: 'Discord (gateway)', start: adapter.start, stop: adapter.stop });
  }

  for (const service of services) {
    try {
      await service.start();
      logger.info(`serving ${service.name}`);
    } catch (error) {
      logger.error(`could not start ${service.name}: ${error instanceof Error ? error.message : String(error)}`);
      await stopAll(services, logger);
      return 1;
    }
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`${signal} received, shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await stopAll(services, logger);
  return 0;
}

async function stopAll(services: readonly Service[], logger: Logger): Promise<void> {  for (const service of services) {
    try {
      await service.stop();
    } catch (error) {
      logger.warn(`stopping ${service.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
