import { HOURS_PER_MONTH } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { indexCatalog, type Ec2Type } from './catalog-index.js';
import { costLine } from './cost-line.js';
import { TARGET_UTILISATION, USABLE_MEMORY_SHARE } from './cost-constants.js';
import { ceilCount, sizingHourRequests, type BaseTraffic, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { serverDemand, type ServerDemand } from './server-sizing.js';
import { serverFrontCost, serverFrontLabel, serverFrontPricer } from './trigger-cost.js';
import { formatAmount, formatRps } from '../format.js';
import { createGpuEc2Model } from './gpu-cost.js';

// An EC2 fleet sized for the peak hour and run 24/7: the cheapest instance type
// and count that holds the peak's CPU and memory, with a minimum count.

/** An instance type with the per-workload figures sizing needs, computed once. */
interface Candidate {
  type: Ec2Type;
  hourlyUsd: number;
  /** 1 / vCPUs it sustains. */
  perVcpu: number;
  /** 1 / memory (MB) left for requests in flight after the app. */
  perSpareMb: number;
}

function candidatesFor(types: readonly Ec2Type[], demand: ServerDemand): Candidate[] {
  const out: Candidate[] = [];
  for (const type of types) {
    const usableMb = type.memoryMb * USABLE_MEMORY_SHARE;
    const spareMb = usableMb - demand.appMb;
    if (spareMb > 0 && usableMb >= demand.minPieceMb) out.push({ type, hourlyUsd: type.hourlyUsd, perVcpu: 1 / type.sustainedVcpu, perSpareMb: 1 / spareMb });
  }
  return out;
}

/**
 * Hourly price of the cheapest fleet for a peak of `peakRps`, written into
 * `fleet` (no allocation: break-even and the chart call this often); Infinity
 * when no type can hold the app.
 * Candidates are in ascending hourly price, so once the minimum count of the next
 * type costs more than the best fleet, no later type can beat it. Equal prices
 * go to the fleet with fewer instances (2 x c5.xlarge over 4 x c5.large).
 */
function sizeFleet(candidates: readonly Candidate[], demand: ServerDemand, peakRps: number, fleet: { type: Ec2Type | null; count: number }): number {
  const vcpuNeed = peakRps * demand.vcpuPerRps;
  const memoryNeed = peakRps * demand.memoryMbPerRps;
  let bestCost = Infinity;
  fleet.type = null;
  fleet.count = 0;
  for (const c of candidates) {
    if (demand.minCount * c.hourlyUsd > bestCost + 1e-12) break;
    const count = Math.max(demand.minCount, ceilCount(vcpuNeed * c.perVcpu), ceilCount(memoryNeed * c.perSpareMb));
    const cost = count * c.hourlyUsd;
    if (cost < bestCost - 1e-12 || (cost <= bestCost + 1e-12 && count < fleet.count)) {
      fleet.type = c.type;
      fleet.count = count;
      bestCost = cost;
    }
  }
  return bestCost;
}

/** Memory of the largest type, for the sentence when none holds the app (only then). */
function largestMemoryMb(types: readonly Ec2Type[]): number {
  let max = 0;
  for (const t of types) max = Math.max(max, t.memoryMb);
  return max;
}

export function createEc2Model(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  if (shape.gpu) return createGpuEc2Model(catalog, shape, traffic);
  const types = indexCatalog(catalog).ec2[shape.architecture];
  const demand = serverDemand(shape);
  const candidates = candidatesFor(types, demand);
  const scratch: { type: Ec2Type | null; count: number } = { type: null, count: 0 };
  const sizingHour = sizingHourRequests(traffic, shape.durationMs);
  const front = serverFrontPricer(catalog, shape.trigger);
  const unavailableReason =
    types.length === 0
      ? `the catalog has no ${shape.architecture} EC2 instance types`
      : candidates.length === 0
        ? `${formatAmount(shape.memoryMb)} MB of memory does not fit the largest catalog instance (${formatAmount(largestMemoryMb(types) / 1024)} GiB)`
        : null;
  return {
    platform: 'aws-ec2',
    kind: 'servers',
    label: `Amazon EC2 (${shape.architecture === 'arm' ? 'Arm' : 'x86'})${serverFrontLabel(shape.trigger)}`,
    unavailableReason,
    cost(scale, sink) {
      const peakRps = (sizingHour * scale) / 3600;
      sizeFleet(candidates, demand, peakRps, scratch);
      const fleet = scratch;
      if (fleet.type === null) return Infinity;
      const hours = fleet.count * HOURS_PER_MONTH;
      if (sink) {
        sink.lines.push(costLine(`${fleet.type.id} x ${fleet.count}`, hours, 'instance-hours', fleet.type.hourlyUsd, fleet.type.priceRef));
        const vcpuNeed = peakRps * demand.vcpuPerRps;
        const burst = fleet.type.sustainedVcpu < fleet.type.vcpu ? `, counting its ${formatAmount(fleet.type.sustainedVcpu)} sustained vCPU` : '';
        sink.peakCapacity = `${fleet.count} x ${fleet.type.id}`;
        sink.sizing = `${fleet.count} x ${fleet.type.id} 24/7 for a peak of ${formatRps(peakRps)} req/s needing ${formatRps(vcpuNeed)} vCPU at ${Math.round(TARGET_UTILISATION * 100)}% target utilisation${burst}; minimum ${demand.minCount}`;
      }
      return hours * fleet.type.hourlyUsd + (sink ? serverFrontCost(catalog, shape.trigger, traffic.monthlyRequests * scale, sink) : front(traffic.monthlyRequests * scale));
    },
  };
}
