import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { costLine } from './cost-line.js';
import { isUserFacing, type BaseTraffic, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { formatAmount } from '../format.js';
import { unavailableModel } from './unavailable-model.js';

// Google Cloud Run functions, request-based billing: vCPU-seconds + GiB-seconds +
// requests. The vCPU follows the memory setting (Google's default pairing).

/** Default vCPU for a memory setting; null when the memory is above the largest step. */
export function cloudRunVcpuFor(catalog: PricingCatalog, memoryMb: number): number | null {
  for (const step of catalog.gcp.cloudRunFunctions.cpuByMemory.steps) if (memoryMb <= step.memoryMbUpTo) return step.vcpu;
  return null;
}

export function createCloudRunFunctionsModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  if (shape.gpu) return unavailableModel('gcp-cloud-run-functions', 'functions', 'Google Cloud Run functions', 'Cloud Run functions have no GPUs (Cloud Run services offer NVIDIA L4 GPUs; not priced in this catalog)');
  if (shape.connections) return unavailableModel('gcp-cloud-run-functions', 'functions', 'Google Cloud Run functions', 'a function holds no connection between invocations (a Cloud Run service can, billed for every open minute; not priced here)');
  const run = catalog.gcp.cloudRunFunctions;
  const vcpu = cloudRunVcpuFor(catalog, shape.memoryMb);
  const http = isUserFacing(shape.trigger);
  const timeout = http ? run.limits.httpTimeoutSeconds.value : run.limits.eventTimeoutSeconds.value;
  // Like Lambda, a CPU-bound run with less than a whole vCPU takes longer.
  const stretch = shape.nature === 'cpu-bound' && vcpu !== null ? 1 - shape.cpuShare + shape.cpuShare / Math.min(1, vcpu) : 1;
  const worstS = (shape.worstMs / 1000) * stretch;
  const unavailableReason =
    shape.memoryMb > run.limits.memoryMbMax.value || vcpu === null
      ? `${formatAmount(shape.memoryMb)} MB of memory is over Cloud Run functions' ${formatAmount(run.limits.memoryMbMax.value)} MB maximum`
      : worstS > timeout
        ? `a worst case of ${formatAmount(worstS)} s is over Cloud Run functions' ${timeout / 60}-minute limit for ${http ? 'HTTP' : 'event-driven'} functions`
        : null;
  const seconds = (shape.durationMs * stretch) / 1000;
  const vcpuSecondsPerRequest = seconds * (vcpu ?? 0);
  const gibSecondsPerRequest = seconds * (shape.memoryMb / 1024);
  return {
    platform: 'gcp-cloud-run-functions',
    kind: 'functions',
    label: shape.portable ? `Google Cloud Run (a portable container, ${vcpu ?? '?'} vCPU)` : `Google Cloud Run functions (${vcpu ?? '?'} vCPU)`,
    unavailableReason,
    cost(scale, sink) {
      const requests = traffic.monthlyRequests * scale;
      const vcpuSeconds = requests * vcpuSecondsPerRequest;
      const gibSeconds = requests * gibSecondsPerRequest;
      if (sink) {
        sink.lines.push(costLine('Cloud Run functions requests', requests / 1e6, run.requests.unit, run.requests.usd, 'gcp.cloudRunFunctions.requests'));
        sink.lines.push(costLine('Cloud Run functions CPU', vcpuSeconds, run.vcpuSecond.unit, run.vcpuSecond.usd, 'gcp.cloudRunFunctions.vcpuSecond'));
        sink.lines.push(costLine('Cloud Run functions memory', gibSeconds, run.gibSecond.unit, run.gibSecond.usd, 'gcp.cloudRunFunctions.gibSecond'));
        sink.freeTier.push(
          costLine('Free tier: Cloud Run requests', Math.min(requests, run.freeRequests.quantity) / 1e6, run.requests.unit, -run.requests.usd, 'gcp.cloudRunFunctions.freeRequests'),
          costLine('Free tier: Cloud Run CPU', Math.min(vcpuSeconds, run.freeVcpuSeconds.quantity), run.vcpuSecond.unit, -run.vcpuSecond.usd, 'gcp.cloudRunFunctions.freeVcpuSeconds'),
          costLine('Free tier: Cloud Run memory', Math.min(gibSeconds, run.freeGibSeconds.quantity), run.gibSecond.unit, -run.gibSecond.usd, 'gcp.cloudRunFunctions.freeGibSeconds'),
        );
      }
      return (requests / 1e6) * run.requests.usd + vcpuSeconds * run.vcpuSecond.usd + gibSeconds * run.gibSecond.usd;
    },
  };
}
