import type { CostLine } from './cost-types.js';
import type { CatalogTieredPrice } from '../pricing/catalog-schema.js';
import { formatCountShort } from '../format.js';

// Builders for itemised lines: amount is always quantity x unit price, so the
// arithmetic printed on a card is the arithmetic that produced the total.

export function costLine(label: string, quantity: number, unit: string, unitPriceUsd: number, priceRef: string): CostLine {
  return { label, quantity, unit, unitPriceUsd, amountUsd: quantity * unitPriceUsd, priceRef };
}

/** A tiered price as plain number arrays: the form models price from on every call. */
export interface TierTable {
  upper: number[];
  usd: number[];
}

const tierTableCache = new WeakMap<CatalogTieredPrice, TierTable>();

export function tierTable(price: CatalogTieredPrice): TierTable {
  const cached = tierTableCache.get(price);
  if (cached) return cached;
  const table = { upper: price.tiers.map((t) => t.upTo ?? Infinity), usd: price.tiers.map((t) => t.usd) };
  tierTableCache.set(price, table);
  return table;
}

/** Each tier's price applies only to the usage inside that tier. */
export function tableAmount(quantity: number, table: TierTable): number {
  const { upper, usd } = table;
  let amount = 0;
  let lower = 0;
  for (let i = 0; i < upper.length && quantity > lower; i++) {
    const top = upper[i]!;
    amount += ((quantity < top ? quantity : top) - lower) * usd[i]!;
    lower = top;
  }
  return amount;
}

export function tieredAmount(quantity: number, price: CatalogTieredPrice): number {
  return tableAmount(quantity, tierTable(price));
}

// Tier labels ("first 6 B", "next 9 B", "above 15 B") depend only on the catalog
// entry, so they are worded once per entry rather than on every estimate.
const tierLabelCache = new WeakMap<CatalogTieredPrice, string[]>();

function tierSpans(price: CatalogTieredPrice): string[] {
  const cached = tierLabelCache.get(price);
  if (cached) return cached;
  // Bounds are in the catalog's unit; "1M requests" bounds read better as counts.
  const perUnit = /^1M\b/.test(price.unit) ? 1e6 : 1;
  const spans: string[] = [];
  let lower = 0;
  for (const [i, tier] of price.tiers.entries()) {
    if (i === 0) spans.push(tier.upTo === null ? 'all' : `first ${formatCountShort(tier.upTo * perUnit)}`);
    else if (tier.upTo === null) spans.push(`above ${formatCountShort(lower * perUnit)}`);
    else spans.push(`next ${formatCountShort((tier.upTo - lower) * perUnit)}`);
    lower = tier.upTo ?? lower;
  }
  tierLabelCache.set(price, spans);
  return spans;
}

/** The usage split into one line per tier it reaches (at least one line). */
export function tieredLines(label: string, quantity: number, price: CatalogTieredPrice, priceRef: string): CostLine[] {
  const tiers = price.tiers;
  const first = tiers[0];
  if (tiers.length === 1 && first) return [costLine(label, quantity, price.unit, first.usd, priceRef)];
  const spans = tierSpans(price);
  const lines: CostLine[] = [];
  let lower = 0;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    const upper = tier.upTo ?? Infinity;
    if (i > 0 && quantity <= lower) break;
    lines.push(costLine(`${label}, ${spans[i]}`, Math.max(0, Math.min(quantity, upper) - lower), price.unit, tier.usd, `${priceRef}.tiers.${i}`));
    lower = upper;
  }
  return lines;
}

export function sumLines(lines: readonly CostLine[]): number {
  let total = 0;
  for (const line of lines) total += line.amountUsd;
  return total;
}
