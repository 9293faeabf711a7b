import type { InstallationStore } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { BackgroundService } from './background-service.js';

// UNINSTALL_GRACE_DAYS while serving: a workspace that uninstalled the app
// (or had its token revoked) keeps its data for the grace period, in case it
// comes back; then this sweep erases it. One sweep at start, then every hour.
// A reinstall within the period cancels the erasure in the store itself.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface ErasureService extends BackgroundService {
  /** Erases every workspace whose grace period has ended by now; resolves with how many were erased. */
  sweep(): Promise<number>;
}

export function createErasureService(installations: InstallationStore, graceDays: number, logger: Logger, now: () => Date = () => new Date()): ErasureService {
  let timer: NodeJS.Timeout | null = null;
  const sweep = async (): Promise<number> => {
    let erased = 0;
    try {
      const revokedBefore = new Date(now().getTime() - graceDays * DAY_MS).toISOString();
      for (const due of await installations.erasuresDue(revokedBefore)) {
        const deleted = await installations.erase(due.platform, due.workspace);
        if (!deleted) continue;
        erased += 1;
        logger.info('erased the data of an uninstalled workspace', { platform: due.platform, workspace: due.workspace, revokedAt: due.revokedAt, graceDays, deleted });
      }
    } catch (error) {
      // A failed sweep is tried again at the next one; serving goes on.
      logger.error('erasure sweep failed', { error });
    }
    return erased;
  };
  return {
    name: `erasure of uninstalled workspaces (after ${graceDays} days)`,
    sweep,
    async start() {
      await sweep();
      timer = setInterval(() => void sweep(), HOUR_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
