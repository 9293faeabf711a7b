import type { PricingCatalog } from './catalog-schema.js';
import type { AzureFunctionsPrices } from './azure-functions-prices.js';
import { DEFAULT_REFRESH_REGIONS } from './price-list-items.js';

// A catalog with the Azure Functions Consumption and Flex Consumption
// (on-demand) prices a refresh read from the Azure Retail Prices API: the
// home Azure region's in the top-level places, every other region's under
// regions.azure. Free grants and limits are kept as they were, with their own
// sources, and so are the Flex figures of a region that does not offer Flex.

export interface AzureRegionRead {
  region: string;
  /** The API's name for it ("EU West"). */
  location: string;
  prices: AzureFunctionsPrices;
  /** Flex Consumption's on-demand prices; null where the region lists no Flex meters. */
  flex: AzureFunctionsPrices | null;
}

type Node = Record<string, unknown>;

/** The home Azure region and the Azure regions nearest the AWS regions where most workloads run, as the catalog maps them. */
export function defaultAzureRegions(catalog: PricingCatalog): string[] {
  const regions = catalog.regions;
  const nearest = DEFAULT_REFRESH_REGIONS.map((aws) => regions?.aws[aws]?.nearest?.azure);
  return [...new Set([regions?.home.azure ?? 'eastus', ...nearest].filter((r): r is string => typeof r === 'string'))];
}

/** The new catalog as plain JSON; the caller validates it through the schema before writing it. */
export function applyAzurePrices(catalog: PricingCatalog, reads: readonly AzureRegionRead[], today: string, apiUrl: string): unknown {
  const next = JSON.parse(JSON.stringify(catalog)) as Node;
  const home = catalog.regions?.home.azure ?? 'eastus';
  for (const read of reads) {
    if (read.region === home) {
      const consumption = (next.azure as Node).functionsConsumption as Node;
      consumption.gbSecond = read.prices.gbSecond;
      consumption.executions = read.prices.executions;
      if (read.flex) {
        const flex = (next.azure as Node).functionsFlex as Node;
        flex.gbSecond = read.flex.gbSecond;
        flex.executions = read.flex.executions;
      }
      continue;
    }
    const regions = (next.regions ??= { home: { aws: catalog.regions?.home.aws ?? 'us-east-1', azure: home }, source: apiUrl, asOf: today, aws: {}, gcp: {}, azure: {} }) as Node;
    const azure = regions.azure as Record<string, Node>;
    const before = azure[read.region];
    azure[read.region] = {
      name: (before?.name as string | undefined) ?? read.location,
      prices: { ...((before?.prices as Node | undefined) ?? {}), functionsConsumption: read.prices, ...(read.flex ? { functionsFlex: read.flex } : {}) },
    };
  }
  next.version = `${today}.refresh`;
  next.asOf = today;
  next.notes = `Refreshed on ${today} from the Azure Retail Prices API for ${reads.map((r) => r.region).join(', ')} (Functions Consumption execution time and executions, and Flex Consumption's on-demand pair where the region lists it, each citing its query); every other figure is kept from catalog ${catalog.version} with its own source and date. ${catalog.notes ?? ''}`.trim();
  return next;
}
