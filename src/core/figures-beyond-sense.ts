import type { Assessment } from './assessment.js';
import { formatDurationRange, formatRate, formatUsdRounded } from './format.js';
import { cheapestOf } from './rules/cost-lookup.js';
import { averageRps } from './traffic.js';

// A card priced at billions a month describes no real workload: a unit slipped
// or a figure was mistyped. Such figures are questioned, not priced silently.

/** Even the cheapest option above this a month is beyond any single workload. */
export const MAX_SENSIBLE_MONTHLY_USD = 10_000_000;

/** Why the figures need checking, or null when they make sense. */
export function figuresBeyondSense(a: Assessment): string | null {
  const cheapest = cheapestOf(a.cost.costs);
  if (!cheapest || cheapest.monthlyUsd === null || cheapest.monthlyUsd <= MAX_SENSIBLE_MONTHLY_USD) return null;
  const w = a.workload;
  return (
    `Those figures come to ${formatUsdRounded(cheapest.monthlyUsd)} a month even on the cheapest option (${cheapest.label}): ` +
    `${formatRate(averageRps(w.traffic.hourly))} on average at ${formatDurationRange(w.duration.typicalMs, w.duration.worstMs)} each is beyond any single workload. Check the traffic and the duration.`
  );
}
