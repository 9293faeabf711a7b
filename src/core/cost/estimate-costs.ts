import { DAYS_PER_MONTH, SECONDS_PER_MONTH, type ResolvedWorkload } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { flatProfile, requestsPerDay } from '../traffic.js';
import type { CostReport, PlatformCost } from './cost-types.js';
import { createBaseTraffic, type CostSink, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { sumLines } from './cost-line.js';
import { createComparisonModels, createPlatformModels } from './platform-models.js';
import { findBreakEven } from './break-even.js';
import { findSensitivity } from './sensitivity.js';
import { buildCostChart } from './cost-chart.js';
import { costAssumptions } from './cost-assumptions.js';

export { isCatalogStale } from './catalog-staleness.js';

// The cost engine's entry point: itemised monthly costs for every platform, a
// low/expected/high band, break-even, sensitivity and chart points.

export interface EstimateOptions {
  /** Fill each platform's freeTier lines (default true). monthlyUsd never includes them. */
  includeFreeTier?: boolean;
  /** Compute the chart's points (default true). Only a rendered card needs them, and they are a third of the work. */
  chart?: boolean;
}

export function estimateCosts(workload: ResolvedWorkload, catalog: PricingCatalog, options: EstimateOptions = {}): CostReport {
  const includeFreeTier = options.includeFreeTier ?? true;
  const shape: WorkloadShape = {
    durationMs: workload.duration.typicalMs,
    worstMs: Math.max(workload.duration.worstMs, workload.duration.typicalMs),
    memoryMb: workload.memoryMb,
    cpuShare: workload.cpuShare,
    nature: workload.nature,
    trigger: workload.trigger,
    architecture: workload.architecture,
    packageMb: workload.packageMb,
  };
  const perDay = requestsPerDay(workload.traffic.hourly);
  const currentRps = perDay / 86_400;
  // Models are priced at a scale of some traffic shape; with no traffic yet,
  // a flat shape of 1 req/s stands in (scale 0 is the current traffic).
  const traffic = perDay > 0 ? createBaseTraffic(workload.traffic.hourly, perDay * DAYS_PER_MONTH) : createBaseTraffic(flatProfile(3600), 86_400 * DAYS_PER_MONTH);
  const baseRps = traffic.monthlyRequests / SECONDS_PER_MONTH;
  const scale = currentRps / baseRps;

  const comparison = createComparisonModels(catalog, shape, traffic);
  const models = createPlatformModels(catalog, shape, traffic, comparison);
  const worstModels =
    shape.worstMs > shape.durationMs
      ? createPlatformModels(catalog, { ...shape, durationMs: shape.worstMs }, traffic, createComparisonModels(catalog, { ...shape, durationMs: shape.worstMs }, traffic))
      : models;
  const spread = workload.traffic.spread ?? { low: 1, high: 1 };

  const costs = models.map((model, i) => platformCost(model, worstModels[i] ?? model, scale, spread, includeFreeTier));
  const breakEven = findBreakEven(comparison, baseRps, currentRps);
  return {
    costs,
    breakEven,
    sensitivity: findSensitivity(catalog, shape, traffic, comparison, scale),
    chart: options.chart === false ? null : buildCostChart(models, costs, baseRps, currentRps, breakEven),
    catalogAsOf: catalog.asOf,
    catalogVersion: catalog.version,
    assumptions: costAssumptions(catalog, shape, (traffic.peakHourRequests * scale) / 3600),
  };
}

function platformCost(
  model: PlatformModel,
  worst: PlatformModel,
  scale: number,
  spread: { low: number; high: number },
  includeFreeTier: boolean,
): PlatformCost {
  // Object literals written out in full: spreading a shared head is measurably
  // slower on this hot path (every assessment builds six of these).
  if (model.unavailableReason !== null)
    return {
      platform: model.platform,
      label: model.label,
      kind: model.kind,
      available: false,
      unavailableReason: model.unavailableReason,
      monthlyUsd: null,
      range: null,
      lines: [],
      freeTier: [],
    };
  const sink: CostSink = { lines: [], freeTier: [] };
  model.cost(scale, sink);
  const expected = sumLines(sink.lines);
  const low = model.cost(scale * Math.min(spread.low, 1));
  const high = worst.cost(scale * Math.max(spread.high, 1));
  const cost: PlatformCost = {
    platform: model.platform,
    label: model.label,
    kind: model.kind,
    available: true,
    monthlyUsd: expected,
    range: { low: Math.min(low, expected), expected, high: Math.max(high, expected) },
    lines: sink.lines,
    freeTier: includeFreeTier ? sink.freeTier : [],
  };
  if (sink.sizing !== undefined) cost.sizing = sink.sizing;
  return cost;
}
