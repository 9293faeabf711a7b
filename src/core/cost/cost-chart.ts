import type { CostChart } from './cost-types.js';
import { BREAK_EVEN_MAX_RPS, BREAK_EVEN_MIN_RPS, CHART_POINTS, CHART_SPAN } from './cost-constants.js';
import type { PlatformModel } from './cost-model.js';

// Points for the cost-vs-traffic chart: each available platform priced along a
// log range around the current traffic, widened to show the break-even.

/** When there is no traffic yet, centre the chart here. */
const EMPTY_TRAFFIC_RPS = 0.01;

export function buildCostChart(models: readonly PlatformModel[], baseRps: number, currentRps: number, breakEvenRps: number | null): CostChart {
  const centre = currentRps > 0 ? currentRps : EMPTY_TRAFFIC_RPS;
  let from = centre / CHART_SPAN;
  let to = centre * CHART_SPAN;
  if (breakEvenRps !== null) {
    from = Math.min(from, breakEvenRps / 3);
    to = Math.max(to, breakEvenRps * 3);
  }
  from = Math.max(from, BREAK_EVEN_MIN_RPS);
  to = Math.min(to, BREAK_EVEN_MAX_RPS);
  const logFrom = Math.log10(from);
  const step = (Math.log10(to) - logFrom) / (CHART_POINTS - 1);
  const xs: number[] = [];
  for (let i = 0; i < CHART_POINTS; i++) xs.push(10 ** (logFrom + step * i));

  const series: CostChart['series'] = [];
  for (const model of models) {
    if (model.unavailableReason !== null) continue;
    const points: { rps: number; monthlyUsd: number }[] = [];
    for (const rps of xs) points.push({ rps, monthlyUsd: model.cost(rps / baseRps) });
    series.push({ platform: model.platform, label: model.label, points });
  }
  return { series, currentRps, breakEvenRps };
}
