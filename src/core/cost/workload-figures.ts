import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { monthlyRequests } from '../traffic.js';
import { HOURS_PER_MONTH, type ResolvedWorkload } from '../workload.js';
import { indexCatalog } from './catalog-index.js';
import { CONNECTION_MEMORY_KB, CONNECTIONS_PER_VCPU } from './cost-constants.js';
import type { BaseTraffic, CostSink, PlatformModel, WorkloadShape } from './cost-model.js';
import type { ConnectionFigures, JobFigures, PlatformCost, SpikeFigures } from './cost-types.js';
import { formatAmount, formatCountRounded, formatCountShort, formatRps, formatUsdRounded } from '../format.js';
import { lambdaStretch } from './lambda-cost.js';

// The figures a card shows beside the monthly table for the workloads that
// need them: a surge priced apart from the normal month, what held connections
// cost on each side, and how jobs are run and billed per run.

/** A surge: what it adds on each platform for its hours, and the concurrency it needs. */
export function spikeFigures(
  workload: ResolvedWorkload,
  catalog: PricingCatalog,
  shape: WorkloadShape,
  models: readonly PlatformModel[],
  traffic: BaseTraffic,
  scale: number,
): SpikeFigures | null {
  const spike = workload.traffic.spike;
  if (!spike) return null;
  const share = spike.hours / HOURS_PER_MONTH;
  const costs: SpikeFigures['costs'] = [];
  // The server option the card names is the cheapest in the normal month; its surge cost is the one to show.
  let server: { model: PlatformModel; extraUsd: number; monthlyUsd: number } | null = null;
  for (const model of models) {
    if (model.unavailableReason !== null) continue;
    const monthlyUsd = model.cost(scale);
    const extraUsd = Math.max(0, (model.cost(scale * spike.factor) - monthlyUsd) * share);
    costs.push({ platform: model.platform, extraUsd });
    if (model.kind === 'servers' && (server === null || monthlyUsd < server.monthlyUsd)) server = { model, extraUsd, monthlyUsd };
  }
  const peakRps = (traffic.peakHourRequests * scale * spike.factor) / 3600;
  const worstS = (shape.worstMs / 1000) * lambdaStretch(shape, indexCatalog(catalog).lambdaMemoryMbPerVcpu);
  const lambdaConcurrency = Math.ceil(peakRps * worstS);
  const sink: CostSink = { lines: [], freeTier: [] };
  server?.model.cost(scale * spike.factor, sink);
  const lambda = costs.find((c) => c.platform === 'aws-lambda');
  const length = `${formatAmount(spike.hours)} h${spike.hoursStated ? '' : ' (assumed)'}`;
  const quota = lambdaConcurrency > 1000 ? ', above the default 1,000 a region: ask for a quota increase before it' : '';
  const parts = [
    `${capitalise(spike.words)} at ${formatAmount(spike.factor)}x for ${length}: ${formatRps(peakRps)} req/s at its peak, about ${formatCountShort(lambdaConcurrency)} Lambda executions at once${quota}`,
  ];
  if (lambda) parts.push(`those hours add ${formatUsdRounded(lambda.extraUsd)} on AWS Lambda`);
  if (server) parts.push(`${formatUsdRounded(server.extraUsd)} on ${server.model.label} scaled out for them${sink.peakCapacity ? ` (${sink.peakCapacity} at the peak)` : ''}`);
  return {
    words: spike.words,
    factor: spike.factor,
    hours: spike.hours,
    hoursStated: spike.hoursStated,
    peakRps,
    lambdaConcurrency,
    costs,
    serverSizing: sink.peakCapacity ?? sink.sizing ?? null,
    sentence: `${parts.join('; ')}. The monthly table is the normal month.`,
  };
}

/** Held connections: connection-minutes and messages on API Gateway, connections per vCPU on servers. */
export function connectionFigures(workload: ResolvedWorkload, costs: readonly PlatformCost[]): ConnectionFigures | null {
  const c = workload.connections;
  if (!c) return null;
  const connectionMinutesPerMonth = c.concurrent * 60 * HOURS_PER_MONTH;
  const messagesPerMonth = monthlyRequests(workload.traffic.hourly);
  const lambda = costs.find((x) => x.platform === 'aws-lambda' && x.available);
  const server = cheapestServerRow(costs);
  const serverless = lambda?.monthlyUsd != null ? ` on API Gateway WebSocket with Lambda per message: ${formatUsdRounded(lambda.monthlyUsd)} a month` : '';
  const servers =
    server?.monthlyUsd != null
      ? `; ${server.label} holds ${formatCountRounded(CONNECTIONS_PER_VCPU)} connections per vCPU at ${CONNECTION_MEMORY_KB} KB each: ${formatUsdRounded(server.monthlyUsd)} a month`
      : '';
  return {
    concurrent: c.concurrent,
    kind: c.kind,
    sessionMinutes: c.sessionMinutes,
    messagesPerConnectionPerMinute: c.messagesPerMinute,
    connectionMinutesPerMonth,
    messagesPerMonth,
    connectionsPerVcpu: CONNECTIONS_PER_VCPU,
    memoryKbPerConnection: CONNECTION_MEMORY_KB,
    sentence:
      `${formatCountRounded(c.concurrent)} connections open around the clock (${formatAmount(c.sessionMinutes)} min sessions): ` +
      `${formatCountShort(connectionMinutesPerMonth)} connection-minutes and ${formatCountShort(messagesPerMonth)} messages a month${serverless}${servers}.`,
  };
}

/** Per-run jobs: runs, hours and how AWS Batch provisions each run. */
export function jobFigures(_catalog: PricingCatalog, shape: WorkloadShape, costs: readonly PlatformCost[], runsPerMonth: number): JobFigures | null {
  const batch = costs.find((c) => c.platform === 'aws-batch');
  if (!batch) return null;
  const hoursPerRun = shape.durationMs / 3_600_000;
  const capacity = batch.available ? (batch.sizing ?? '') : (batch.unavailableReason ?? '');
  const cost = batch.monthlyUsd != null ? ` = ${formatUsdRounded(batch.monthlyUsd)} a month on AWS Batch` : '';
  return {
    runsPerMonth,
    hoursPerRun,
    jobHoursPerMonth: runsPerMonth * hoursPerRun,
    capacity,
    sentence: `${formatCountShort(runsPerMonth)} runs a month x ${formatAmount(hoursPerRun)} h = ${formatCountShort(runsPerMonth * hoursPerRun)} job-hours${cost}: ${capacity}.`,
  };
}

function cheapestServerRow(costs: readonly PlatformCost[]): PlatformCost | null {
  let best: PlatformCost | null = null;
  for (const c of costs) if (c.kind === 'servers' && c.available && c.monthlyUsd !== null && (best === null || c.monthlyUsd < (best.monthlyUsd ?? Infinity))) best = c;
  return best;
}

function capitalise(words: string): string {
  return words.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
