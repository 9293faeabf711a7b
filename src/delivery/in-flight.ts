// The work a platform adapter has taken and not finished, so a shutdown can
// wait for it (up to a deadline) and say exactly what it leaves for the next start.

export interface InFlight {
  /** Keeps `work` until it settles; `label` names it in the shutdown log. */
  track(label: string, work: Promise<unknown>): void;
  /** Waits until nothing is running or `deadline` (epoch ms) passes; resolves with the labels still running. */
  drain(deadline: number): Promise<string[]>;
}

export function createInFlight(): InFlight {
  const running = new Map<Promise<unknown>, string>();
  return {
    track(label, work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      running.set(settled, label);
      void settled.finally(() => running.delete(settled));
    },
    async drain(deadline) {
      while (running.size > 0 && Date.now() < deadline) {
        const pause = new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref());
        await Promise.race([Promise.all([...running.keys()]), pause]);
      }
      return [...running.values()];
    },
  };
}

/**
 * Runs `work` over `items`, at most `width` at a time, and stops taking new
 * items once `stopping()` says so (a shutdown leaves the rest for next time).
 */
export async function eachWhileRunning<T>(items: readonly T[], width: number, stopping: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopping()) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}
