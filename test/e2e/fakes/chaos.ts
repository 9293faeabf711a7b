import type { ServeProcess } from './serve-process.js';

// Load for the chaos tests: commands sent without pause by several senders,
// each outcome counted, while the process is killed and restarted under it.
// The counts are what the test reports (sent, acknowledged, answered, duplicated).

export type Outcome = 'acknowledged' | 'refused' | 'lost';

export interface Load {
  sent: number;
  /** Ids whose delivery the platform saw accepted. */
  acknowledged: Set<number>;
  /** Ids refused with an answer (shutting down, storage unavailable). */
  refused: Set<number>;
  /** Ids whose request got no answer (the process was gone). */
  lost: Set<number>;
  /** Stops sending and waits for the senders. */
  stop(): Promise<void>;
}

/** `send(id)` delivers command number `id` and says how it went. */
export function startLoad(send: (id: number) => Promise<Outcome>, senders: number): Load {
  let next = 0;
  let stopped = false;
  const load: Load = {
    sent: 0,
    acknowledged: new Set(),
    refused: new Set(),
    lost: new Set(),
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
  const worker = async () => {
    while (!stopped) {
      next += 1;
      const id = next;
      load.sent += 1;
      const outcome = await send(id).catch((): Outcome => 'lost');
      load[outcome].add(id);
      // While the process is down, knock now and then rather than flat out.
      if (outcome !== 'acknowledged') await new Promise((resolve) => setTimeout(resolve, outcome === 'lost' ? 100 : 20));
    }
  };
  const workers = Array.from({ length: senders }, worker);
  return load;
}

export type Fault = 'kill -9' | 'SIGTERM';

/**
 * Runs the faults in order, each once `more` further commands have been
 * acknowledged, restarting the process after each; resolves with the process
 * that runs last. The restart is what a supervisor (Docker, systemd) does.
 */
export async function underFaults(load: Load, faults: readonly Fault[], more: number, first: ServeProcess, restart: () => Promise<ServeProcess>): Promise<ServeProcess> {
  let serve = first;
  for (const fault of faults) {
    const target = load.acknowledged.size + more;
    await until(() => load.acknowledged.size >= target, 60_000, `${more} more acknowledged commands`);
    serve.child.kill(fault === 'kill -9' ? 'SIGKILL' : 'SIGTERM');
    const code = await serve.exited;
    if (fault === 'SIGTERM' && code !== 0) throw new Error(`SIGTERM ended the process with ${String(code)}`);
    serve = await restart();
  }
  return serve;
}

/** Polls `condition`; on timeout the error names `what` and, when given, what `detail` says is missing. */
export async function until(condition: () => boolean, timeoutMs: number, what: string, detail?: () => string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${detail ? `: ${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The line each fault test prints, so the figures can be read from the test log. */
export function report(test: string, figures: { sent: number; acknowledged: number; answered: number; duplicated: number; [more: string]: number }): void {
  const rest = Object.entries(figures)
    .filter(([name]) => !['sent', 'acknowledged', 'answered', 'duplicated'].includes(name))
    .map(([name, value]) => `, ${name} ${value}`)
    .join('');
  console.info(`[figures] ${test}: sent ${figures.sent}, acknowledged ${figures.acknowledged}, answered ${figures.answered}, duplicated ${figures.duplicated}${rest}`);
}
