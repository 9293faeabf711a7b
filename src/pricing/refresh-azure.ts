import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { applyAzurePrices, defaultAzureRegions, type AzureRegionRead } from '../core/pricing/apply-azure-prices.js';
import { azureFunctionsPrices } from '../core/pricing/azure-functions-prices.js';
import { azureRetailPageSchema, type AzureRetailItem } from '../core/pricing/azure-retail-schema.js';
import { diffCatalogs } from '../core/pricing/catalog-diff.js';
import { parseCatalog } from '../core/pricing/catalog-schema.js';
import { DEFAULT_CATALOG_PATH } from './load-catalog.js';
import { getJson, outPath, Refused, type RefreshDeps, type RefreshRequest, type RefreshResult } from './refresh-catalog.js';

// Reads the Azure Functions Consumption and Flex Consumption prices of each Azure region from the
// public Azure Retail Prices API (no credentials), page by page, and writes a
// new dated catalog beside the current one, as the AWS refresh does. A region
// missing a meter, a page in another shape or an endless chain of pages is
// refused with one sentence, and nothing is written.

export { AZURE_RETAIL_PRICES_URL } from './price-list-urls.js';

/** A region's Functions meters fit in one or two pages; more than this is a loop, not a price list. */
const MAX_PAGES = 20;

function regionQuery(base: string, region: string): string {
  const filter = `serviceName eq 'Functions' and armRegionName eq '${region}' and type eq 'Consumption'`;
  return `${base}/api/retail/prices?$filter=${encodeURIComponent(filter)}`;
}

async function readRegion(deps: Pick<RefreshDeps, 'fetch'>, base: string, region: string, today: string): Promise<AzureRegionRead> {
  const first = regionQuery(base, region);
  const items: AzureRetailItem[] = [];
  let next: string | null = first;
  for (let page = 1; next; page++) {
    if (page > MAX_PAGES) throw new Refused(`the Azure Retail Prices answer for ${region} runs past ${MAX_PAGES} pages`);
    // A next page is followed only on the host the refresh was pointed at.
    const url: URL = new URL(next, `${base}/`);
    if (url.origin !== new URL(base).origin) throw new Refused(`the Azure Retail Prices answer for ${region} points its next page at another host (${url.origin})`);
    const body = await getJson(deps, url.href, azureRetailPageSchema, `The Azure Retail Prices page ${page} for ${region}`);
    items.push(...body.Items);
    next = body.NextPageLink;
  }
  const read = azureFunctionsPrices(items, region, first, today);
  if (!read.ok) throw new Refused(read.error);
  return { region, location: read.location, prices: read.prices, flex: read.flex };
}

export async function refreshAzure(request: RefreshRequest, deps: RefreshDeps): Promise<RefreshResult> {
  const today = deps.now().toISOString().slice(0, 10);
  const base = request.from.replace(/\/+$/, '');
  const regions = request.regions?.length ? [...new Set(request.regions)] : defaultAzureRegions(request.current);
  const path = outPath(request, today);
  if (path === resolve(request.currentPath) || path === resolve(DEFAULT_CATALOG_PATH))
    return { ok: false, error: `Refusing to write over ${basename(path)}, the catalog ${path === resolve(DEFAULT_CATALOG_PATH) ? 'shipped with serverless-fit' : 'in use'}; choose another --out.` };
  try {
    const reads: AzureRegionRead[] = [];
    for (const region of regions) reads.push(await readRegion(deps, base, region, today));
    const parsed = parseCatalog(applyAzurePrices(request.current, reads, today, `${base}/api/retail/prices`));
    if (!parsed.ok) throw new Refused(`the catalog it makes does not pass the catalog schema (${parsed.error})`);
    try {
      writeFileSync(path, `${JSON.stringify(parsed.catalog, null, 2)}\n`);
    } catch (error) {
      return { ok: false, error: `Could not write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the current catalog stays in use.` };
    }
    const prices = reads.reduce((n, r) => n + 2 + (r.flex ? 2 : 0), 0);
    const withoutFlex = reads.filter((r) => !r.flex).map((r) => r.region);
    return { ok: true, path, catalog: parsed.catalog, changes: diffCatalogs(request.current, parsed.catalog), prices, offers: 1, regions, committedRates: 0, withoutFlex };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: `Azure price list refused: ${error.message}. Nothing was written; the current catalog stays in use.` };
    throw error;
  }
}
