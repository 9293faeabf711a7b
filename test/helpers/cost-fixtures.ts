import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { flatProfile } from '../../src/core/traffic.js';
import type { ResolvedWorkload } from '../../src/core/workload.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';

// Shared inputs for the cost-engine tables: the shipped catalog and a plain
// workload (1 req/s steady over HTTP, 100 ms, 1 GB, I/O-bound) to vary.

export function shippedCatalog(): PricingCatalog {
  const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.catalog;
}

export function testWorkload(over: Partial<ResolvedWorkload> = {}): ResolvedWorkload {
  return {
    description: 'test workload',
    trigger: 'http',
    traffic: { hourly: flatProfile(3600), basis: 'steady', echo: '' },
    duration: { typicalMs: 100, worstMs: 100 },
    memoryMb: 1024,
    cpuShare: 0.2,
    nature: 'io-bound',
    packageMb: 50,
    state: [],
    latencyP99Ms: null,
    architecture: 'x86',
    region: 'us-east-1',
    prototype: false,
    ...over,
  };
}
