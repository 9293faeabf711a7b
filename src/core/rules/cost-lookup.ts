import type { CostReport, PlatformCost } from '../cost/cost-types.js';

// Picks the comparisons the rules and the card talk about.

export function lambdaCost(report: CostReport): PlatformCost | null {
  const lambda = report.costs.find((c) => c.platform === 'aws-lambda');
  return lambda?.available && lambda.monthlyUsd !== null ? lambda : null;
}

/** The cheapest available server option (EC2 or Fargate). */
export function cheapestServer(report: CostReport): PlatformCost | null {
  return cheapestOf(report.costs.filter((c) => c.kind === 'servers'));
}

export function cheapestOf(costs: readonly PlatformCost[]): PlatformCost | null {
  let best: PlatformCost | null = null;
  for (const c of costs) {
    if (!c.available || c.monthlyUsd === null) continue;
    if (!best || c.monthlyUsd < (best.monthlyUsd ?? Infinity)) best = c;
  }
  return best;
}
