import type { PricingCatalog } from './catalog-schema.js';

// Which AWS region a catalog's prices are for, and what an assessment says
// when the workload runs somewhere else: it is priced at the catalog's region,
// and the card says so (never silently).

/** The region code a catalog's `region` starts with ("us-east-1 (Azure: East US; ...)"); us-east-1 when it names none. */
export function catalogRegion(catalog: PricingCatalog): string {
  return /^[a-z]{2}(?:-gov)?-[a-z]+-\d/.exec(catalog.region)?.[0] ?? 'us-east-1';
}

export interface RegionPricing {
  /** The region the workload runs in, when it was said; null when it was not. */
  asked: string | null;
  /** The region whose prices were used. */
  priced: string;
  /** The catalog (version) the prices came from. */
  catalog: string;
  /** True when the workload's region is not the one priced. */
  fallback: boolean;
  /** Said on the card when the region differs; null otherwise. */
  note: string | null;
}

export function regionPricing(asked: string | null, catalog: PricingCatalog): RegionPricing {
  const priced = catalogRegion(catalog);
  const fallback = asked !== null && asked !== priced;
  return {
    asked,
    priced,
    catalog: catalog.version,
    fallback,
    note: fallback
      ? `The workload runs in ${asked}, but catalog ${catalog.version} prices ${priced} only, so these are ${priced} prices (AWS charges more in many regions). A catalog for ${asked}: \`serverless-fit pricing refresh --region ${asked}\`, then SERVERLESS_FIT_PRICING pointing at it.`
      : null,
  };
}
