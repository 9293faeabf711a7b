import type { PricingCatalog } from './catalog-schema.js';

// Which region a workload is priced in, and what its card says about it: the
// region asked for, the one whose prices were used on each cloud, and why they
// differ when they do (never silently).

/** The region code a catalog's `region` starts with ("us-east-1 (Azure: East US; ...)"); us-east-1 when it names none. */
export function catalogRegion(catalog: PricingCatalog): string {
  return catalog.regions?.home.aws ?? /^[a-z]{2}(?:-gov)?-[a-z]+-\d/.exec(catalog.region)?.[0] ?? 'us-east-1';
}

/** Where the workload's region came from: its own words or template, the workspace's default, or neither. */
export const REGION_SOURCES = ['stated', 'workspace', 'default'] as const;
export type RegionSource = (typeof REGION_SOURCES)[number];

/** One cloud's region for this workload: the nearest one to where it runs, and the one whose prices were used. */
export interface CloudRegion {
  /** The nearest region of this cloud to the workload's AWS region; null when the catalog maps none. */
  nearest: string | null;
  nearestName: string | null;
  /** The region whose prices were used (the catalog's own figures when no regional ones). */
  priced: string;
  fallback: boolean;
}

export interface RegionPricing {
  /** The region the workload runs in, when it was said; null when it was not. */
  asked: string | null;
  /** The AWS region whose prices were used. */
  priced: string;
  /** The catalog (version) the prices came from. */
  catalog: string;
  /** True when the workload's region is not the one priced. */
  fallback: boolean;
  /** Said on the card when the region differs; null otherwise. */
  note: string | null;
  /** The region the workload is priced for: said, the workspace default, or the catalog's home region. */
  region: string;
  /** Where `region` came from. */
  from: RegionSource;
  /** The price list used, for the card: "catalog 2026-12-01.1 (as of 2026-11-26)". */
  priceList: string;
  /** Google Cloud and Azure: each provider's nearest region, priced or not. Null for a catalog without regions. */
  clouds: { gcp: CloudRegion; azure: CloudRegion } | null;
  /** "Comparing across clouds uses each provider's nearest region: ..."; null for a catalog without regions. */
  comparison: string | null;
}
