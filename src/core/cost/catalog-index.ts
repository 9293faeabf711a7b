import type { Architecture } from '../workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';

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
}

export interface CatalogIndex {
  ec2: Record<Architecture, Ec2Type[]>;
}

const cache = new WeakMap<PricingCatalog, CatalogIndex>();

export function indexCatalog(catalog: PricingCatalog): CatalogIndex {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const ec2: Record<Architecture, Ec2Type[]> = { x86: [], arm: [] };
  for (const [id, instance] of Object.entries(catalog.aws.ec2.instances)) {
    ec2[instance.arch].push({
      id,
      vcpu: instance.vcpu,
      sustainedVcpu: instance.vcpu * (instance.baselineCpuShare ?? 1),
      memoryMb: instance.memoryGib * 1024,
      hourlyUsd: instance.usd,
      priceRef: `aws.ec2.instances.${id}`,
    });
  }
  // Cheapest first, so ties keep the cheaper hourly type.
  for (const list of Object.values(ec2)) list.sort((a, b) => a.hourlyUsd - b.hourlyUsd);
  const index = { ec2 };
  cache.set(catalog, index);
  return index;
}
