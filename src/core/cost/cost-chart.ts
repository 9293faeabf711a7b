import type { BreakEven, CostChart, PlatformCost } from './cost-types.js';
import { BREAK_EVEN_MAX_RPS, BREAK_EVEN_MIN_RPS, CHART_POINTS, CHART_SPAN } from './cost-constants.js';
import type { PlatformModel } from './cost-model.js';

// Points for the cost-vs-traffic chart: each available platform priced along a
// log range around the current traffic, widened to show the break-even, with
// what the chart must say besides its lines (operating points, no break-even,
// platforms left out).

/** When there is no traffic yet, centre the chart here. */
const EMPTY_TRAFFIC_RPS = 0.01;

/** @param costs the report's costs, in the same order as `models`. */
export function buildCostChart(
  models: readonly PlatformModel[],
  costs: readonly PlatformCost[],
  baseRps: number,
  currentRps: number,
  breakEven: BreakEven | null,
): CostChart {
  const breakEvenRps = breakEven?.averageRps ?? null;
  const centre = currentRps > 0 ? currentRps : EMPTY_TRAFFIC_RPS;
  let from = centre / CHART_SPAN;
  let to = centre * CHART_SPAN;
  if (breakEvenRps !== null) {
    from = Math.min(from, breakEvenRps / 3);
    to = Math.max(to, breakEvenRps * 3);
  }
  // The break-even search range bounds the widening, never the current traffic (a nightly job is far below it).
  from = Math.max(from, Math.min(BREAK_EVEN_MIN_RPS, centre / CHART_SPAN));
  to = Math.min(to, Math.max(BREAK_EVEN_MAX_RPS, centre * CHART_SPAN));
  const logFrom = Math.log10(from);
  const step = (Math.log10(to) - logFrom) / (CHART_POINTS - 1);
  const xs: number[] = [];
  for (let i = 0; i < CHART_POINTS; i++) xs.push(10 ** (logFrom + step * i));

  const series: CostChart['series'] = [];
  const unavailable: CostChart['unavailable'] = [];
  models.forEach((model, i) => {
    const cost = costs[i];
    if (model.unavailableReason !== null || !cost || cost.monthlyUsd === null) {
      unavailable.push({ platform: model.platform, label: model.label, reason: model.unavailableReason ?? 'cannot run this workload' });
      return;
    }
    const points: { rps: number; monthlyUsd: number }[] = [];
    for (const rps of xs) points.push({ rps, monthlyUsd: model.cost(rps / baseRps) });
    series.push({ platform: model.platform, label: model.label, kind: model.kind, points, currentUsd: cost.monthlyUsd });
  });
  return { series, currentRps, breakEvenRps, noBreakEven: noBreakEvenNote(breakEven, costs), unavailable, recommended: null };
}

function noBreakEvenNote(breakEven: BreakEven | null, costs: readonly PlatformCost[]): string | null {
  if (breakEven === null) {
    const lambda = costs.find((c) => c.platform === 'aws-lambda');
    return lambda && !lambda.available ? 'AWS Lambda cannot run this workload, so there is nothing to break even with.' : 'No server option can run this workload, so there is nothing to break even with.';
  }
  return breakEven.averageRps === null ? breakEven.sentence : null;
}
