import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { costLine } from './cost-line.js';
import type { BaseTraffic, PlatformModel, WorkloadShape } from './cost-model.js';
import { formatAmount, formatCountShort } from '../format.js';
import { unavailableModel } from './unavailable-model.js';

// Cloudflare Workers Standard: a $5 plan that includes 10M requests and 30M CPU-ms,
// then requests and CPU time beyond them. Waiting on I/O is not billed.

export function cloudflareCpuLimitMs(catalog: PricingCatalog, shape: WorkloadShape): number {
  const limits = catalog.cloudflare.workers.limits;
  return shape.trigger === 'schedule' || shape.trigger === 'queue' ? limits.cpuMsMaxCronQueue.value : limits.cpuMsMax.value;
}

export function createCloudflareWorkersModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const label = 'Cloudflare Workers (Standard)';
  if (shape.gpu) return unavailableModel('cloudflare-workers', 'functions', label, 'Cloudflare Workers have no GPUs');
  if (shape.connections) return unavailableModel('cloudflare-workers', 'functions', label, 'a Worker holds no connection between requests (Durable Objects can; not priced here)');
  const workers = catalog.cloudflare.workers;
  const worstCpuMs = shape.worstMs * shape.cpuShare;
  const cpuLimitMs = cloudflareCpuLimitMs(catalog, shape);
  // Only a binding memory figure rules Workers out: an assumed default says nothing about the code's real needs.
  const unavailableReason =
    shape.memoryBinding && shape.memoryMb > workers.limits.memoryMb.value
      ? `${formatAmount(shape.memoryMb)} MB of memory is over Cloudflare Workers' ${workers.limits.memoryMb.value} MB`
      : worstCpuMs > cpuLimitMs
        ? `${formatAmount(worstCpuMs / 1000)} s of CPU per invocation is over Cloudflare Workers' ${formatAmount(cpuLimitMs / 1000)} s limit`
        : null;
  const cpuMsPerRequest = shape.durationMs * shape.cpuShare;
  // Worded on the first itemised call: a model priced only for break-even or sensitivity never prints it.
  let planLabel: string | null = null;
  return {
    platform: 'cloudflare-workers',
    kind: 'functions',
    label,
    unavailableReason,
    cost(scale, sink) {
      const requests = traffic.monthlyRequests * scale;
      const cpuMs = requests * cpuMsPerRequest;
      const extraRequests = Math.max(0, requests - workers.includedRequests.quantity);
      const extraCpuMs = Math.max(0, cpuMs - workers.includedCpuMs.quantity);
      if (sink) {
        planLabel ??= `Workers Paid plan (includes ${formatCountShort(workers.includedRequests.quantity)} requests, ${formatCountShort(workers.includedCpuMs.quantity)} CPU-ms)`;
        sink.lines.push(costLine(planLabel, 1, workers.monthlyMinimum.unit, workers.monthlyMinimum.usd, 'cloudflare.workers.monthlyMinimum'));
        sink.lines.push(costLine('Workers requests beyond those included', extraRequests / 1e6, workers.requests.unit, workers.requests.usd, 'cloudflare.workers.requests'));
        sink.lines.push(costLine('Workers CPU time beyond that included', extraCpuMs / 1e6, workers.cpuMs.unit, workers.cpuMs.usd, 'cloudflare.workers.cpuMs'));
      }
      return workers.monthlyMinimum.usd + (extraRequests / 1e6) * workers.requests.usd + (extraCpuMs / 1e6) * workers.cpuMs.usd;
    },
  };
}
