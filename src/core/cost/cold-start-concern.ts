import { LATENCY_CRITICAL_MS } from '../rules/lambda-limits.js';
import type { ResolvedWorkload } from '../workload.js';

// When a cold start breaks what the workload promises its users: the one test
// the advice (the cold-start rule) and the cost engine (provisioned
// concurrency priced on Lambda) share, so the card never recommends keeping
// environments warm without pricing them, or prices it without saying why.

/** Rough start-up of a runtime on functions, before the code's own work. */
const RUNTIME_START_MS: Record<string, number> = { java: 3000, dotnet: 1000 };
const DEFAULT_START_MS = 300;
/** Loading code or a model: about a second per 250 MB. */
const LOAD_MS_PER_MB = 4;
/** Latency targets up to here are ones a cold start can break. */
export const COLD_START_MATTERS_MS = 1000;
export const BIG_PACKAGE_MB = 250;

export type ColdStartConcern = 'latency' | 'target' | 'user-facing';

export function coldStartMs(w: ResolvedWorkload): number {
  return (RUNTIME_START_MS[w.runtime ?? ''] ?? DEFAULT_START_MS) + (w.stated?.package === false && !w.modelMb ? 0 : w.packageMb * LOAD_MS_PER_MB);
}

export function isHeavy(w: ResolvedWorkload): boolean {
  return w.modelMb !== null && w.modelMb !== undefined ? true : w.packageMb >= BIG_PACKAGE_MB;
}

/**
 * Why cold starts matter here, or null: a p99 target under 100 ms; a target up
 * to a second that a cold start takes half of; or users waiting on a slow
 * runtime or a heavy package. Edge isolates start in milliseconds: not asked here.
 */
export function coldStartConcern(w: ResolvedWorkload): ColdStartConcern | null {
  const target = w.latencyP99Ms;
  if (target !== null && target < LATENCY_CRITICAL_MS) return 'latency';
  if (target !== null && target <= COLD_START_MATTERS_MS && coldStartMs(w) >= target / 2) return 'target';
  const slowRuntime = w.runtime === 'java' || w.runtime === 'dotnet';
  const userFacing = w.trigger === 'http' || w.trigger === 'webhook' || w.trigger === 'websocket';
  return userFacing && (slowRuntime || isHeavy(w)) ? 'user-facing' : null;
}
