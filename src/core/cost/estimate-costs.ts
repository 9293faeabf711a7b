import { DAYS_PER_MONTH, SECONDS_PER_MONTH, type ResolvedWorkload } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { flatProfile, requestsPerDay } from '../traffic.js';
import type { CostChart, CostReport, PlatformCost } from './cost-types.js';
import { createBaseTraffic, type CostSink, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { sumLines } from './cost-line.js';
import { createComparisonModels, createPlatformModels } from './platform-models.js';
import { findBreakEven } from './break-even.js';
import { findSensitivity } from './sensitivity.js';
import { buildCostChart } from './cost-chart.js';
import { costAssumptions } from './cost-assumptions.js';
import { connectionFigures, jobFigures, spikeFigures } from './workload-figures.js';
import { costExtrasOf } from './cost-extras.js';
import { commitmentFigures } from './commitment-cost.js';
import { selectRegion } from '../pricing/select-region.js';

export { isCatalogStale } from './catalog-staleness.js';

// The cost engine's entry point: itemised monthly costs for every platform, a
// low/expected/high band, break-even, sensitivity and chart points, and the
// figures for a surge, held connections or per-run jobs where they apply.

export interface EstimateOptions {
  /** Fill each platform's freeTier lines (default true). monthlyUsd never includes them. */
  includeFreeTier?: boolean;
  /** Compute the chart's points (default true). Only a rendered card needs them, and they are a third of the work. */
  chart?: boolean;
}

/** Everything about the workload the models need except how much traffic it gets. */
export function shapeOf(workload: ResolvedWorkload): WorkloadShape {
  const avgRps = requestsPerDay(workload.traffic.hourly) / 86_400;
  const c = workload.connections ?? null;
  return {
    durationMs: workload.duration.typicalMs,
    worstMs: Math.max(workload.duration.worstMs, workload.duration.typicalMs),
    memoryMb: workload.memoryMb,
    cpuShare: workload.cpuShare,
    nature: workload.nature,
    trigger: workload.trigger,
    architecture: workload.architecture,
    packageMb: workload.packageMb,
    connections: c && avgRps > 0 ? { perRps: c.concurrent / avgRps, sessionMinutes: c.sessionMinutes, kind: c.kind } : null,
    gpu: workload.gpu ?? false,
    gpuModel: workload.gpuModel ?? null,
    memoryBinding: (workload.stated?.memory ?? true) || workload.nature === 'cpu-bound' || (workload.modelMb ?? null) !== null,
    modelMb: workload.modelMb ?? null,
    portable: workload.portable ?? false,
    extras: costExtrasOf(workload),
  };
}

export function estimateCosts(workload: ResolvedWorkload, fullCatalog: PricingCatalog, options: EstimateOptions = {}): CostReport {
  // The region's prices in the catalog's own shape, chosen before any costing.
  const { catalog, pricing: region } = selectRegion(fullCatalog, regionAsked(workload), workload.regionFrom ?? (workload.stated?.region ? 'stated' : 'default'));
  const includeFreeTier = options.includeFreeTier ?? true;
  const shape = shapeOf(workload);
  const perDay = requestsPerDay(workload.traffic.hourly);
  const currentRps = perDay / 86_400;
  // Models are priced at a scale of some traffic shape; with no traffic yet,
  // a flat shape of 1 req/s stands in (scale 0 is the current traffic).
  const traffic =
    perDay > 0
      ? createBaseTraffic(workload.traffic.hourly, perDay * DAYS_PER_MONTH, workload.traffic.week)
      : createBaseTraffic(flatProfile(3600), 86_400 * DAYS_PER_MONTH);
  const baseRps = traffic.monthlyRequests / SECONDS_PER_MONTH;
  const scale = currentRps / baseRps;

  const comparison = createComparisonModels(catalog, shape, traffic);
  const models = createPlatformModels(catalog, shape, traffic, comparison);
  const worstShape = { ...shape, durationMs: shape.worstMs };
  const worstModels = shape.worstMs > shape.durationMs ? createPlatformModels(catalog, worstShape, traffic, createComparisonModels(catalog, worstShape, traffic)) : models;
  const spread = workload.traffic.spread ?? { low: 1, high: 1 };

  const costs = models.map((model, i) => platformCost(model, worstModels[i] ?? model, scale, spread, includeFreeTier));
  const breakEven = findBreakEven(comparison, baseRps, currentRps);
  // A commitment asked for: the same workload priced on the committed rates, beside on-demand.
  let committedChart: CostReport['chart'] = null;
  const commitment = commitmentFigures(workload.commitment, catalog, { costs, breakEven }, (committed) => {
    const report = estimateCosts({ ...workload, commitment: null }, committed, { includeFreeTier, chart: options.chart });
    committedChart = report.chart;
    return report;
  });
  const assumptions = costAssumptions(catalog, shape, (traffic.peakHourRequests * scale) / 3600);
  if (commitment) assumptions.push(commitment.sentence);
  // A region without prices of its own is priced at the nearest one that has them, and the card says so.
  if (region.note) assumptions.push(region.note);
  if (region.comparison) assumptions.push(region.comparison);
  return {
    costs,
    breakEven,
    commitment,
    region,
    sensitivity: findSensitivity(catalog, shape, traffic, comparison, scale),
    chart: options.chart === false ? null : withCommittedServers(buildCostChart(models, costs, baseRps, currentRps, breakEven), committedChart, commitment),
    catalogAsOf: catalog.asOf,
    catalogVersion: catalog.version,
    assumptions,
    spike: spikeFigures(workload, catalog, shape, models, traffic, scale),
    connections: connectionFigures(workload, costs),
    jobs: jobFigures(catalog, shape, costs, traffic.monthlyRequests * scale),
  };
}

/** The chart with each committed server line beside its on-demand one, so the chart shows how the commitment moves the break-even. */
function withCommittedServers(chart: CostChart, committed: CostChart | null, commitment: CostReport['commitment']): CostChart {
  if (!committed || !commitment?.applied) return chart;
  const covered = new Set(commitment.costs.filter((c) => c.kind === 'servers').map((c) => c.platform));
  const plan = `${commitment.term ?? ''} ${commitment.plan.replace(/-/g, ' ')}`.trim();
  const series = committed.series.filter((s) => covered.has(s.platform)).map((s) => ({ ...s, label: `${s.label}, ${plan}`, committed: true }));
  return { ...chart, series: [...chart.series, ...series], committedBreakEvenRps: committed.breakEvenRps };
}

/** The region asked for (said, or the workspace default); null when neither, so the catalog's home region prices it. */
function regionAsked(workload: ResolvedWorkload): string | null {
  if (workload.regionFrom === 'workspace') return workload.region;
  return workload.regionFrom === 'default' || !workload.stated?.region ? null : workload.region;
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
