import { StorageUnavailable } from '../core/ports.js';

// A write waiting for another process's lock inside better-sqlite3 would
// block every other request for as long as it waits. So the serving process
// waits only briefly inside the database and, when storage says it is busy,
// yields to the event loop and tries again here, until its patience runs out.

export interface Patience {
  /** How long to keep trying, in milliseconds. */
  deadlineMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const PAUSES_MS = [10, 25, 50, 100, 200] as const;

export async function whileBusy<T>(work: () => T | Promise<T>, patience: Patience): Promise<T> {
  const now = patience.now ?? Date.now;
  const sleep = patience.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const giveUpAt = now() + patience.deadlineMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StorageUnavailable) || error.reason !== 'busy') throw error;
      const pause = PAUSES_MS[Math.min(attempt, PAUSES_MS.length - 1)]!;
      if (now() + pause > giveUpAt) throw error;
      await sleep(pause);
    }
  }
}
