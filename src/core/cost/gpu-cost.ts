import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { HOURS_PER_MONTH } from '../workload.js';
import { indexCatalog } from './catalog-index.js';
import { costLine } from './cost-line.js';
import { GPU_TARGET_UTILISATION, MIN_SERVERS_BACKGROUND, MIN_SERVERS_USER_FACING, USABLE_MEMORY_SHARE } from './cost-constants.js';
import { ceilCount, isUserFacing, sizingHourRequests, type BaseTraffic, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { formatAmount, formatRps } from '../format.js';
import { serverFrontCost, serverFrontLabel, serverFrontPricer } from './trigger-cost.js';

// GPU work on EC2 GPU instances (g4dn: NVIDIA T4, g5: A10G), run around the
// clock like any fleet: each GPU serves one request at a time, so the fleet
// holds the peak's GPU-seconds at the target utilisation, in the cheapest
// type whose GPU memory holds the model.

export function createGpuEc2Model(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const fitting = indexCatalog(catalog).gpu.filter(
    (t) => (shape.modelMb === null || (t.gpu?.memoryMb ?? 0) >= shape.modelMb) && t.memoryMb * USABLE_MEMORY_SHARE >= shape.memoryMb,
  );
  // The GPU the person named, when the catalog has it; otherwise the cheapest that holds the model.
  const named = shape.gpuModel === null ? [] : fitting.filter((t) => t.gpu?.model.toUpperCase().includes(shape.gpuModel ?? ''));
  const types = named.length > 0 ? named : fitting;
  const minCount = isUserFacing(shape.trigger) ? MIN_SERVERS_USER_FACING : MIN_SERVERS_BACKGROUND;
  const seconds = shape.durationMs / 1000;
  const front = serverFrontPricer(catalog, shape.trigger);
  const need = shape.modelMb === null ? '' : ` with ${formatAmount(shape.modelMb / 1024)} GB of GPU memory for the model`;
  const fleet = { index: -1, count: 0 };
  const sizingHour = sizingHourRequests(traffic, shape.durationMs);
  const size = (peakRps: number) => {
    let best = Infinity;
    fleet.index = -1;
    for (let i = 0; i < types.length; i++) {
      const type = types[i]!;
      const count = Math.max(minCount, ceilCount((peakRps * seconds) / GPU_TARGET_UTILISATION / (type.gpu?.count ?? 1)));
      const usd = count * type.hourlyUsd;
      if (usd < best - 1e-12) {
        best = usd;
        fleet.index = i;
        fleet.count = count;
      }
    }
    return best;
  };
  return {
    platform: 'aws-ec2',
    kind: 'servers',
    label: `Amazon EC2 GPU instances${serverFrontLabel(shape.trigger)}`,
    unavailableReason: types.length > 0 ? null : `no catalog GPU instance${need || ` with ${formatAmount(shape.memoryMb)} MB of memory`}`,
    cost(scale, sink) {
      const peakRps = (sizingHour * scale) / 3600;
      const hourly = size(peakRps);
      const type = types[fleet.index];
      if (!type) return Infinity;
      const hours = fleet.count * HOURS_PER_MONTH;
      if (sink) {
        sink.lines.push(costLine(`${type.id} x ${fleet.count} (${type.gpu?.model ?? 'GPU'})`, hours, 'instance-hours', type.hourlyUsd, type.priceRef));
        sink.peakCapacity = `${fleet.count} x ${type.id}`;
        sink.sizing = `${fleet.count} x ${type.id} (${type.gpu?.count ?? 1} ${type.gpu?.model ?? 'GPU'}, ${formatAmount((type.gpu?.memoryMb ?? 0) / 1024)} GB GPU memory) 24/7 for a peak of ${formatRps(peakRps)} req/s at ${formatAmount(seconds)} s of GPU time each, ${Math.round(GPU_TARGET_UTILISATION * 100)}% target utilisation; minimum ${minCount}`;
      }
      return hourly * HOURS_PER_MONTH + (sink ? serverFrontCost(catalog, shape.trigger, traffic.monthlyRequests * scale, sink) : front(traffic.monthlyRequests * scale));
    },
  };
}
