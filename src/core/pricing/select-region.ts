import type { CatalogAwsPrices, CatalogCommitment, PricingCatalog } from './catalog-schema.js';
import { catalogRegion, type CloudRegion, type RegionPricing, type RegionSource } from './catalog-region.js';

// A catalog as one region sees it: the same shape as the whole catalog, with
// the region's AWS prices and Savings Plans rates and the nearest Google Cloud
// and Azure regions' prices in the top-level places, so the cost functions
// price a region without knowing regions exist. A region the catalog has no
// prices for is priced at the nearest one that has them (or the home region),
// and the card says so and names the refresh command that fetches it.

export interface RegionalCatalog {
  catalog: PricingCatalog;
  pricing: RegionPricing;
}

/** Views, cached per catalog object and region, so caches keyed by the catalog object keep working. */
const views = new WeakMap<PricingCatalog, Map<string, RegionalCatalog>>();
/** Which views are views: selecting again on one returns it as it is. */
const made = new WeakSet<PricingCatalog>();

const REFRESH = 'serverless-fit pricing refresh';

/** Same continent first ("eu-"), then the same part of it ("ap-southeast-"): the nearest priced AWS region by name. */
function nearestPricedAws(catalog: PricingCatalog, region: string, home: string): string {
  const regions = catalog.regions?.aws ?? {};
  const priced = Object.keys(regions).filter((code) => regions[code]?.prices);
  const [continent, part] = region.split('-');
  return priced.find((c) => c.startsWith(`${continent}-${part}-`)) ?? priced.find((c) => c.startsWith(`${continent}-`)) ?? home;
}

const SERVICE_NAMES: Record<keyof CatalogAwsPrices, string> = {
  lambda: 'Lambda',
  apiGateway: 'API Gateway',
  sqs: 'SQS',
  alb: 'the Application Load Balancer',
  fargate: 'Fargate',
  cloudwatchLogs: 'CloudWatch Logs',
  dataTransfer: 'data transfer',
  natGateway: 'the NAT gateway',
  ec2: 'EC2',
};

/** A region's AWS prices, service by service; a service the region has none for keeps the home region's, and is named. */
function awsAt(catalog: PricingCatalog, code: string, home: string): { prices: CatalogAwsPrices; commitments: CatalogCommitment[] | undefined; atHome: string[] } {
  const entry = code === home ? undefined : catalog.regions?.aws[code];
  if (!entry?.prices) return { prices: catalog.aws, commitments: catalog.commitments, atHome: [] };
  const own = entry.prices;
  const atHome = (Object.keys(SERVICE_NAMES) as (keyof CatalogAwsPrices)[]).filter((k) => catalog.aws[k] !== undefined && own[k] === undefined).map((k) => SERVICE_NAMES[k]);
  return { prices: atHome.length ? { ...catalog.aws, ...own } : (own as CatalogAwsPrices), commitments: entry.commitments, atHome };
}

function name(catalog: PricingCatalog, cloud: 'aws' | 'gcp' | 'azure', code: string): string {
  const n = catalog.regions?.[cloud][code]?.name;
  return n ? `${code} (${n})` : code;
}

export function selectRegion(catalog: PricingCatalog, region: string | null, from: RegionSource = region === null ? 'default' : 'stated'): RegionalCatalog {
  const key = `${region ?? ''}/${from}`;
  const cached = views.get(catalog)?.get(key);
  if (cached) return cached;
  const result = made.has(catalog) ? { catalog, pricing: pricingOf(catalog, region, from, catalogRegion(catalog), null, []) } : build(catalog, region, from);
  let byRegion = views.get(catalog);
  if (!byRegion) views.set(catalog, (byRegion = new Map()));
  byRegion.set(key, result);
  return result;
}

function build(catalog: PricingCatalog, asked: string | null, from: RegionSource): RegionalCatalog {
  const regions = catalog.regions;
  const home = catalogRegion(catalog);
  const wanted = asked ?? home;
  const awsCode = wanted === home || regions?.aws[wanted]?.prices ? wanted : nearestPricedAws(catalog, wanted, home);
  if (!regions) return { catalog, pricing: pricingOf(catalog, asked, from, awsCode, null, []) };
  const aws = awsAt(catalog, awsCode, home);
  const nearest = regions.aws[wanted]?.nearest ?? regions.aws[awsCode]?.nearest ?? null;
  const gcpCode = nearest?.gcp ?? null;
  // The top-level figures are the home regions': a region's own entry replaces them only elsewhere.
  const gcpPrices = gcpCode && gcpCode !== regions.home.gcp ? regions.gcp[gcpCode]?.prices : undefined;
  const gcp: CloudRegion = { nearest: gcpCode, nearestName: gcpCode ? (regions.gcp[gcpCode]?.name ?? null) : null, priced: gcpPrices ? gcpCode! : (regions.home.gcp ?? 'the catalog\'s own'), fallback: gcpCode !== null && !gcpPrices && gcpCode !== regions.home.gcp };
  const azureCode = nearest?.azure ?? null;
  const azurePrices = azureCode && azureCode !== regions.home.azure ? regions.azure[azureCode]?.prices : undefined;
  const azure: CloudRegion = { nearest: azureCode, nearestName: azureCode ? (regions.azure[azureCode]?.name ?? null) : null, priced: azurePrices ? azureCode! : (regions.home.azure ?? 'the catalog\'s own'), fallback: azureCode !== null && !azurePrices && azureCode !== regions.home.azure };
  const unchanged = aws.prices === catalog.aws && !gcpPrices && !azurePrices;
  const { regions: _all, ...rest } = catalog;
  const view: PricingCatalog = unchanged
    ? catalog
    : {
        ...rest,
        region: `${awsCode} (Google Cloud: ${gcp.priced}; Azure: ${azure.priced}; from catalog ${catalog.version})`,
        aws: aws.prices,
        gcp: gcpPrices ? { cloudRunFunctions: { ...catalog.gcp.cloudRunFunctions, ...gcpPrices.cloudRunFunctions } } : catalog.gcp,
        azure: azurePrices
          ? {
              functionsConsumption: { ...catalog.azure.functionsConsumption, ...azurePrices.functionsConsumption },
              functionsFlex: { ...catalog.azure.functionsFlex, ...azurePrices.functionsFlex },
            }
          : catalog.azure,
        ...(aws.commitments ? { commitments: aws.commitments } : {}),
      };
  if (view !== catalog && !aws.commitments) delete view.commitments;
  if (view !== catalog) made.add(view);
  return { catalog: view, pricing: pricingOf(catalog, asked, from, awsCode, { gcp, azure }, aws.atHome) };
}

function pricingOf(catalog: PricingCatalog, asked: string | null, from: RegionSource, priced: string, clouds: RegionPricing['clouds'], atHome: readonly string[]): RegionPricing {
  const region = asked ?? priced;
  const fallback = asked !== null && asked !== priced;
  const whence = from === 'workspace' ? ' (the workspace default region)' : '';
  const home = catalogRegion(catalog);
  const some = atHome.length ? ` Catalog ${catalog.version} has no ${name(catalog, 'aws', priced)} prices for ${listed(atHome)}, so ${atHome.length === 1 ? 'it is' : 'they are'} priced at the ${name(catalog, 'aws', home)} list price; \`${REFRESH} --region ${priced}\` fetches them.` : '';
  const note = fallback
    ? `The workload runs in ${name(catalog, 'aws', asked)}${whence}, but catalog ${catalog.version} has no AWS prices for it, so AWS figures are ${name(catalog, 'aws', priced)} prices. \`${REFRESH} --region ${asked}\` fetches them; SERVERLESS_FIT_PRICING then selects the catalog it writes.${some}`
    : some
      ? some.trim()
      : null;
  return {
    asked,
    priced,
    catalog: catalog.version,
    fallback,
    note,
    region,
    from,
    priceList: `catalog ${catalog.version} (as of ${catalog.asOf})`,
    clouds,
    comparison: clouds ? comparison(catalog, clouds) : null,
  };
}

function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

function cloudSentence(catalog: PricingCatalog, label: string, cloud: 'gcp' | 'azure', r: CloudRegion): string {
  if (r.nearest === null) return `${label} at ${name(catalog, cloud, r.priced)}`;
  if (!r.fallback) return `${label} ${name(catalog, cloud, r.nearest)}`;
  return `${label} ${name(catalog, cloud, r.nearest)}, priced at ${name(catalog, cloud, r.priced)} because the catalog has no prices there`;
}

function comparison(catalog: PricingCatalog, clouds: NonNullable<RegionPricing['clouds']>): string {
  return `Comparing across clouds uses each provider's nearest region: ${cloudSentence(catalog, 'Google Cloud', 'gcp', clouds.gcp)}; ${cloudSentence(catalog, 'Azure', 'azure', clouds.azure)}; Cloudflare Workers has one price everywhere.`;
}
