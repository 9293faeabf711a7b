import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { applyRegionalPriceLists, type RegionRead } from '../core/pricing/apply-price-list.js';
import { diffCatalogs, type PriceChange } from '../core/pricing/catalog-diff.js';
import { parseCatalog, type PricingCatalog } from '../core/pricing/catalog-schema.js';
import { extractPrices, type OfferRead } from '../core/pricing/price-list-extract.js';
import { DEFAULT_REFRESH_REGIONS, priceListItems, type PriceListItem, type RefreshOffer } from '../core/pricing/price-list-items.js';
import { firstIssue, offerFileSchema, offerIndexSchema, regionIndexSchema, savingsPlanFileSchema, savingsPlanRegionIndexSchema, type RegionIndex } from '../core/pricing/price-list-schema.js';
import { savingsPlanRates } from '../core/pricing/savings-plan-rates.js';
import { reservedInstanceRates } from '../core/pricing/reserved-instance-rates.js';
import { DEFAULT_CATALOG_PATH } from './load-catalog.js';
import '../zod-setup.js';

// Reads the AWS Price List bulk files (public, no credentials) for the prices
// the catalog holds, and writes a new dated catalog beside the current one.
// It never writes over the catalog in use or the shipped one; anything short
// of every price read and the result passing the catalog schema is refused
// with one sentence, and nothing is written.

/** The Compute Savings Plans region index (EC2 Instance Savings Plans are listed in the same files). */
const SAVINGS_PLAN_INDEX = '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json';

export { AWS_PRICE_LIST_URL } from './price-list-urls.js';

export interface RefreshDeps {
  fetch: typeof fetch;
  now: () => Date;
}

export interface RefreshRequest {
  current: PricingCatalog;
  /** The catalog file in use (SERVERLESS_FIT_PRICING or the shipped one). */
  currentPath: string;
  /** Base URL of the price list. */
  from: string;
  /** Where to write; null = beside the current catalog, named by date. */
  out: string | null;
  /** The AWS regions to read; null or empty = the ten in DEFAULT_REFRESH_REGIONS. */
  regions?: readonly string[] | null;
}

export type RefreshResult =
  | { ok: true; path: string; catalog: PricingCatalog; changes: PriceChange[]; prices: number; offers: number; regions: string[]; committedRates: number; withoutFlex?: string[] }
  | { ok: false; error: string };

/** A price list that cannot be used: said in one sentence, and nothing is written. */
export class Refused extends Error {}

/** Fetches and validates one JSON file of a price list; anything else is Refused with what was wrong. */
export async function getJson<S extends z.ZodType>(deps: Pick<RefreshDeps, 'fetch'>, url: string, schema: S, what: string): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await deps.fetch(url);
  } catch (error) {
    throw new Refused(`could not reach ${url} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
  }
  if (!response.ok) throw new Refused(`${url} answered HTTP ${response.status}`);
  let json: unknown;
  try {
    json = JSON.parse(await response.text());
  } catch {
    throw new Refused(`${what} at ${url} is not valid JSON (cut short, or not a price list)`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Refused(`${what} at ${url} is not in the price list's shape: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/** Where a refresh writes: --out, or a new dated file beside the catalog in use. */
export function outPath(request: Pick<RefreshRequest, 'out' | 'currentPath'>, today: string): string {
  if (request.out) return resolve(request.out);
  const folder = dirname(resolve(request.currentPath));
  for (let n = 1; ; n++) {
    const path = join(folder, `catalog-${today}${n === 1 ? '' : `-${n}`}.json`);
    if (!existsSync(path)) return path;
  }
}

async function readRegion(deps: RefreshDeps, base: string, region: string, items: readonly PriceListItem[], regionIndexes: Map<RefreshOffer, RegionIndex>, today: string): Promise<RegionRead> {
  const offers = new Map<RefreshOffer, OfferRead>();
  for (const code of new Set(items.map((i) => i.offer))) {
    const versionUrl = regionIndexes.get(code)?.regions[region]?.currentVersionUrl;
    if (!versionUrl) throw new Refused(`the ${code} region index has no ${region}`);
    const url = new URL(versionUrl, `${base}/`).href;
    offers.set(code, { file: await getJson(deps, url, offerFileSchema, `The ${code} offer file for ${region}`), url });
  }
  const extracted = extractPrices(items, offers, region);
  if (!extracted.ok) throw new Refused(extracted.error);
  const planIndex = await getJson(deps, `${base}${SAVINGS_PLAN_INDEX}`, savingsPlanRegionIndexSchema, 'The Savings Plans region index');
  const planUrl = planIndex.regions.find((r) => r.regionCode === region)?.versionUrl;
  if (!planUrl) throw new Refused(`the Savings Plans region index has no ${region}`);
  const planFileUrl = new URL(planUrl, `${base}/`).href;
  const planFile = await getJson(deps, planFileUrl, savingsPlanFileSchema, `The Savings Plans file for ${region}`);
  const location = Object.values(offers.get('AWSLambda')?.file.products ?? {}).find((p) => p.attributes.regionCode === region)?.attributes.location ?? null;
  const ec2 = offers.get('AmazonEC2');
  const reserved = reservedInstanceRates(ec2?.file, extracted.prices, ec2?.url ?? '', today);
  return { region, location, prices: extracted.prices, commitments: [...savingsPlanRates(planFile, extracted.prices, planFileUrl, today), ...reserved], offers: offers.size };
}

export async function refreshCatalog(request: RefreshRequest, deps: RefreshDeps): Promise<RefreshResult> {
  const today = deps.now().toISOString().slice(0, 10);
  const base = request.from.replace(/\/+$/, '');
  const regions = request.regions?.length ? [...new Set(request.regions)] : [...DEFAULT_REFRESH_REGIONS];
  const path = outPath(request, today);
  if (path === resolve(request.currentPath) || path === resolve(DEFAULT_CATALOG_PATH))
    return { ok: false, error: `Refusing to write over ${basename(path)}, the catalog ${path === resolve(DEFAULT_CATALOG_PATH) ? 'shipped with serverless-fit' : 'in use'}; choose another --out.` };
  try {
    const index = await getJson(deps, `${base}/offers/v1.0/aws/index.json`, offerIndexSchema, 'The offer index');
    const items = priceListItems(request.current);
    const regionIndexes = new Map<RefreshOffer, RegionIndex>();
    for (const code of new Set(items.map((i) => i.offer))) {
      const regionIndexUrl = index.offers[code]?.currentRegionIndexUrl;
      if (!regionIndexUrl) throw new Refused(`the offer index lists no ${code} offer with a region index`);
      regionIndexes.set(code, await getJson(deps, new URL(regionIndexUrl, `${base}/`).href, regionIndexSchema, `The ${code} region index`));
    }
    const read: RegionRead[] = [];
    for (const region of regions) read.push(await readRegion(deps, base, region, items, regionIndexes, today));
    const parsed = parseCatalog(applyRegionalPriceLists(request.current, read, today));
    if (!parsed.ok) throw new Refused(`the catalog it makes does not pass the catalog schema (${parsed.error})`);
    try {
      writeFileSync(path, `${JSON.stringify(parsed.catalog, null, 2)}\n`);
    } catch (error) {
      return { ok: false, error: `Could not write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the current catalog stays in use.` };
    }
    return {
      ok: true,
      path,
      catalog: parsed.catalog,
      changes: diffCatalogs(request.current, parsed.catalog),
      prices: read.reduce((n, r) => n + r.prices.length, 0),
      offers: read[0]?.offers ?? 0,
      regions,
      committedRates: read.reduce((n, r) => n + r.commitments.reduce((m, c) => m + Object.keys(c.rates).length, 0), 0),
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: `Price list refused: ${error.message}. Nothing was written; the current catalog stays in use.` };
    throw error;
  }
}
