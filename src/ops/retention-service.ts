import type { Logger } from '../logger.js';
import type { Storage } from '../store/open-storage.js';
import { retentionCutoff } from '../store/retention.js';
import type { BackgroundService } from './background-service.js';

// RETENTION_DAYS while serving: one sweep at start, then one a day.

const DAY_MS = 24 * 60 * 60 * 1000;

export function createRetentionService(storage: Pick<Storage, 'deleteOlderThan'>, days: number, logger: Logger, now: () => Date = () => new Date()): BackgroundService {
  let timer: NodeJS.Timeout | null = null;
  const sweep = async () => {
    try {
      const cutoff = retentionCutoff(now(), days);
      const deleted = await storage.deleteOlderThan(cutoff);
      logger.info('retention sweep', { days, cutoff: cutoff.toISOString(), deleted });
    } catch (error) {
      // A failed sweep is retried tomorrow; serving goes on.
      logger.error('retention sweep failed', { error });
    }
  };
  return {
    name: `retention (${days} days)`,
    async start() {
      await sweep();
      timer = setInterval(() => void sweep(), DAY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
