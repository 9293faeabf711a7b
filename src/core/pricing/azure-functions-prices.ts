import type { CatalogPrice } from './catalog-schema.js';
import type { AzureRetailItem } from './azure-retail-schema.js';

// Azure Functions Consumption prices of one region out of Azure Retail Prices
// items: the paid tier of the execution-time meter (per GB-second) and of the
// executions meter (priced per 10 executions, kept per 1M). A region whose
// items lack either, or give two different paid prices for one, is refused
// with a sentence that says which: a partial list never becomes a price.

const METERS = {
  gbSecond: { meter: 'Standard Execution Time', unit: 'GB-s', per: 1, description: 'Azure Functions Consumption plan, execution time' },
  executions: { meter: 'Standard Total Executions', unit: '1M executions', per: 1_000_000, description: 'Azure Functions Consumption plan, executions' },
} as const;

export type AzureFunctionsPrices = { gbSecond: CatalogPrice; executions: CatalogPrice };
export type AzureFunctionsRead = { ok: true; prices: AzureFunctionsPrices; location: string } | { ok: false; error: string };

/** "10" -> 10, "1 GB Second" -> 1, "1M" -> 1,000,000, "10K" -> 10,000: how many units one retail price is for. */
export function unitCount(unitOfMeasure: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([KM])?\b/.exec(unitOfMeasure.trim());
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'M' ? 1_000_000 : m[2] === 'K' ? 1_000 : 1);
}

export function azureFunctionsPrices(items: readonly AzureRetailItem[], region: string, url: string, today: string): AzureFunctionsRead {
  const mine = items.filter((i) => i.armRegionName === region && i.serviceName === 'Functions' && i.type === 'Consumption' && i.skuName === 'Standard');
  const prices: Partial<AzureFunctionsPrices> = {};
  let location = region;
  for (const [key, want] of Object.entries(METERS) as [keyof AzureFunctionsPrices, (typeof METERS)[keyof typeof METERS]][]) {
    const meter = mine.filter((i) => i.meterName === want.meter);
    // The free grant appears as a first tier at 0; the price is the paid tier.
    const paid = meter.filter((i) => i.retailPrice > 0);
    if (paid.length === 0) return { ok: false, error: `the Azure Retail Prices answer for ${region} has no paid "${want.meter}" meter of Functions (Consumption)` };
    const bad = paid.find((i) => i.currencyCode !== 'USD');
    if (bad) return { ok: false, error: `the "${want.meter}" price for ${region} is in ${bad.currencyCode}, not USD` };
    const counts = paid.map((i) => unitCount(i.unitOfMeasure));
    if (counts.some((c) => c === null || c <= 0)) return { ok: false, error: `the "${want.meter}" meter for ${region} has a unit this refresh cannot read ("${paid[0]!.unitOfMeasure}")` };
    const usd = new Set(paid.map((i, n) => (i.retailPrice / counts[n]!) * want.per));
    if (usd.size > 1) return { ok: false, error: `the "${want.meter}" meter for ${region} has ${usd.size} different paid prices; refusing to choose one` };
    const item = paid[0]!;
    location = item.location || region;
    prices[key] = {
      description: `${want.description}, ${region}`,
      unit: want.unit,
      usd: Number([...usd][0]!.toPrecision(10)),
      source: url,
      asOf: today,
      effective: item.effectiveStartDate.slice(0, 10),
      note: `Azure Retail Prices API, meter "${want.meter}" (${item.retailPrice} USD per ${item.unitOfMeasure}), ${item.location}`,
    };
  }
  return { ok: true, prices: prices as AzureFunctionsPrices, location };
}
