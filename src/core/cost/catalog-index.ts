import type { Architecture } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { LAMBDA_MEMORY_MB_PER_VCPU } from './cost-constants.js';

// Catalog-derived tables, built once per catalog object and reused across calls
// (the assessment pipeline prices thousands of workloads a second).

export interface Ec2Type {
  id: string;
  vcpu: number;
  /** vCPUs it sustains: all of them, or the baseline share on burstable types. */
  sustainedVcpu: number;
  memoryMb: number;
  hourlyUsd: number;
  priceRef: string;
  /** GPU types only: the accelerators aboard. */
  gpu?: { count: number; model: string; memoryMb: number };
}

export interface CatalogIndex {
  /** Types for ordinary work, cheapest first (GPU types left out: they are never the cheap way to run CPU work). */
  ec2: Record<Architecture, Ec2Type[]>;
  /** GPU types, cheapest first. */
  gpu: Ec2Type[];
  /** Lambda's one-vCPU memory setting. */
  lambdaMemoryMbPerVcpu: number;
}

const cache = new WeakMap<PricingCatalog, CatalogIndex>();

export function indexCatalog(catalog: PricingCatalog): CatalogIndex {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const ec2: Record<Architecture, Ec2Type[]> = { x86: [], arm: [] };
  const gpu: Ec2Type[] = [];
  for (const [id, instance] of Object.entries(catalog.aws.ec2.instances)) {
    const type: Ec2Type = {
      id,
      vcpu: instance.vcpu,
      sustainedVcpu: instance.vcpu * (instance.baselineCpuShare ?? 1),
      memoryMb: instance.memoryGib * 1024,
      hourlyUsd: instance.usd,
      priceRef: `aws.ec2.instances.${id}`,
    };
    if (instance.gpu) gpu.push({ ...type, gpu: { count: instance.gpu.count, model: instance.gpu.model, memoryMb: instance.gpu.memoryGib * 1024 } });
    else ec2[instance.arch].push(type);
  }
  // Cheapest first, so ties keep the cheaper hourly type.
  for (const list of [...Object.values(ec2), gpu]) list.sort((a, b) => a.hourlyUsd - b.hourlyUsd);
  const index = { ec2, gpu, lambdaMemoryMbPerVcpu: catalog.aws.lambda.limits.memoryMbPerVcpu?.value ?? LAMBDA_MEMORY_MB_PER_VCPU };
  cache.set(catalog, index);
  return index;
}
