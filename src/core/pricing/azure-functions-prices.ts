import type { CatalogPrice } from './catalog-schema.js';
import type { AzureRetailItem } from './azure-retail-schema.js';

// Azure Functions prices of one region out of Azure Retail Prices items: the
// Consumption plan's paid tiers of the execution-time meter (per GB-second)
// and of the executions meter (priced per 10 executions, kept per 1M), and
// the Flex Consumption plan's on-demand pair of the same two. A region whose
// items lack a Consumption meter, hold only one of the Flex pair, or give two
// different paid prices for one meter is refused with a sentence that says
// which: a partial list never becomes a price. A region with no Flex meters at
// all does not offer the plan, and keeps the catalog's Flex figures.

interface Meter {
  plan: string;
  sku: string;
  meter: string;
  unit: string;
  per: number;
  description: string;
}

const CONSUMPTION = {
  gbSecond: { plan: 'Consumption', sku: 'Standard', meter: 'Standard Execution Time', unit: 'GB-s', per: 1, description: 'Azure Functions Consumption plan, execution time' },
  executions: { plan: 'Consumption', sku: 'Standard', meter: 'Standard Total Executions', unit: '1M executions', per: 1_000_000, description: 'Azure Functions Consumption plan, executions' },
} as const satisfies Record<string, Meter>;

// The catalog prices Flex's on-demand meters only; the always-ready meters (sku "Always Ready") are not read.
const FLEX = {
  gbSecond: { plan: 'Flex Consumption', sku: 'On Demand', meter: 'On Demand Execution Time', unit: 'GB-s', per: 1, description: 'Azure Functions Flex Consumption, on-demand execution time' },
  executions: { plan: 'Flex Consumption', sku: 'On Demand', meter: 'On Demand Total Executions', unit: '1M executions', per: 1_000_000, description: 'Azure Functions Flex Consumption, on-demand executions' },
} as const satisfies Record<string, Meter>;

export type AzureFunctionsPrices = { gbSecond: CatalogPrice; executions: CatalogPrice };
export type AzureFunctionsRead = { ok: true; prices: AzureFunctionsPrices; flex: AzureFunctionsPrices | null; location: string } | { ok: false; error: string };

/** "10" -> 10, "1 GB Second" -> 1, "1M" -> 1,000,000, "10K" -> 10,000: how many units one retail price is for. */
export function unitCount(unitOfMeasure: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([KM])?\b/.exec(unitOfMeasure.trim());
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'M' ? 1_000_000 : m[2] === 'K' ? 1_000 : 1);
}

type MeterRead = { ok: true; price: CatalogPrice; location: string } | { ok: false; error: string };

/** The Consumption meters are the "Standard" sku of product "Functions"; Flex's are the "On Demand" sku of a product naming Flex Consumption. */
function isMeter(item: AzureRetailItem, want: Meter): boolean {
  if (item.meterName !== want.meter || item.skuName !== want.sku) return false;
  return want.plan === 'Consumption' ? !/flex/i.test(item.productName) : /flex consumption/i.test(item.productName);
}

function readMeter(mine: readonly AzureRetailItem[], want: Meter, region: string, url: string, today: string): MeterRead {
  // The free grant appears as a first tier at 0; the price is the paid tier.
  const paid = mine.filter((i) => isMeter(i, want) && i.retailPrice > 0);
  if (paid.length === 0) return { ok: false, error: `the Azure Retail Prices answer for ${region} has no paid "${want.meter}" meter of Functions (${want.plan})` };
  const bad = paid.find((i) => i.currencyCode !== 'USD');
  if (bad) return { ok: false, error: `the "${want.meter}" price for ${region} is in ${bad.currencyCode}, not USD` };
  const counts = paid.map((i) => unitCount(i.unitOfMeasure));
  if (counts.some((c) => c === null || c <= 0)) return { ok: false, error: `the "${want.meter}" meter for ${region} has a unit this refresh cannot read ("${paid[0]!.unitOfMeasure}")` };
  const usd = new Set(paid.map((i, n) => (i.retailPrice / counts[n]!) * want.per));
  if (usd.size > 1) return { ok: false, error: `the "${want.meter}" meter for ${region} has ${usd.size} different paid prices; refusing to choose one` };
  const item = paid[0]!;
  return {
    ok: true,
    location: item.location || region,
    price: {
      description: `${want.description}, ${region}`,
      unit: want.unit,
      usd: Number([...usd][0]!.toPrecision(10)),
      source: url,
      asOf: today,
      effective: item.effectiveStartDate.slice(0, 10),
      note: `Azure Retail Prices API, ${want.plan} meter "${want.meter}" (${item.retailPrice} USD per ${item.unitOfMeasure}), ${item.location}`,
    },
  };
}

function readPair(mine: readonly AzureRetailItem[], meters: Record<keyof AzureFunctionsPrices, Meter>, region: string, url: string, today: string): { ok: true; prices: AzureFunctionsPrices; location: string } | { ok: false; error: string } {
  const gbSecond = readMeter(mine, meters.gbSecond, region, url, today);
  if (!gbSecond.ok) return gbSecond;
  const executions = readMeter(mine, meters.executions, region, url, today);
  if (!executions.ok) return executions;
  return { ok: true, prices: { gbSecond: gbSecond.price, executions: executions.price }, location: gbSecond.location };
}

export function azureFunctionsPrices(items: readonly AzureRetailItem[], region: string, url: string, today: string): AzureFunctionsRead {
  const mine = items.filter((i) => i.armRegionName === region && i.serviceName === 'Functions' && i.type === 'Consumption');
  const consumption = readPair(mine, CONSUMPTION, region, url, today);
  if (!consumption.ok) return consumption;
  const flexMeters = Object.values(FLEX).filter((want) => mine.some((i) => isMeter(i, want)));
  if (flexMeters.length === 0) return { ok: true, prices: consumption.prices, flex: null, location: consumption.location };
  const flex = readPair(mine, FLEX, region, url, today);
  if (!flex.ok) return { ok: false, error: `${flex.error}, though it lists ${flexMeters.map((m) => `"${m.meter}"`).join(' and ')}` };
  return { ok: true, prices: consumption.prices, flex: flex.prices, location: consumption.location };
}
