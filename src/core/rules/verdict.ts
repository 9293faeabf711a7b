import type { Reason, Verdict } from '../assessment.js';
import type { PlatformCost } from '../cost/cost-types.js';
import type { ResolvedWorkload } from '../workload.js';
import { platformName, type Picks } from './platform-pick.js';

// Turns reasons into a score, a verdict and a recommended platform.

export const FIT_THRESHOLD = 60;
export const MARGINAL_THRESHOLD = 40;

export function scoreReasons(reasons: readonly Reason[]): number {
  if (reasons.some((r) => r.polarity === 'blocker')) return 0;
  let score = 50;
  for (const r of reasons) score += r.polarity === 'pro' ? r.weight : -r.weight;
  return Math.max(0, Math.min(100, score));
}

export function verdictFor(score: number, reasons: readonly Reason[]): Verdict {
  if (reasons.some((r) => r.polarity === 'blocker')) return 'avoid';
  if (score >= FIT_THRESHOLD) return 'fit';
  return score >= MARGINAL_THRESHOLD ? 'marginal' : 'avoid';
}

/** The platform the verdict points at: the functions pick for fit, the server pick for avoid, the cheaper of the two for marginal. */
export function recommendedRow(verdict: Verdict, picks: Picks): PlatformCost | null {
  const { functions, servers } = picks;
  if (verdict === 'fit') return functions ?? servers;
  if (verdict === 'avoid') return servers ?? functions;
  if (!functions || !servers) return functions ?? servers;
  return (functions.monthlyUsd ?? Infinity) <= (servers.monthlyUsd ?? Infinity) ? functions : servers;
}

export function recommendPlatform(verdict: Verdict, workload: ResolvedWorkload, picks: Picks): { name: string; row: PlatformCost | null } {
  const row = recommendedRow(verdict, picks);
  return { name: row ? platformName(row, workload) : 'a platform outside this catalog', row };
}
