import type { PricingCatalog } from '../core/pricing/catalog-schema.js';
import { formatCountShort } from '../core/format.js';

// Every figure of the pricing catalog as one row (prices, tiers, allowances,
// limits), with where it came from. `pricing` prints them as a table, JSON or
// CSV; the catalog's own nesting decides the ids (aws.lambda.requests).

export type PricingRowKind = 'price' | 'tiers' | 'included' | 'limit' | 'steps' | 'sizes' | 'ceiling';

export interface PricingRow {
  id: string;
  kind: PricingRowKind;
  description: string;
  /** "1M requests", "instance-hour (2 vCPU, 4 GiB, x86)", or '' where the figure has none. */
  unit: string;
  /** The figure as printed: "$0.20", "first 300M $1.00; above 300M $0.90", "1,000,000", "900". */
  value: string;
  /** The single price in USD, when the figure is one. */
  usd: number | null;
  tiers: { upTo: number | null; usd: number }[] | null;
  source: string;
  asOf: string;
  /** The catalog's caveat for a figure that could not be confirmed. */
  caveat: string | null;
}

export function pricingRows(catalog: PricingCatalog): PricingRow[] {
  const rows: PricingRow[] = [];
  for (const provider of ['aws', 'gcp', 'azure', 'cloudflare'] as const) collect(catalog[provider], provider, rows);
  // Spot's published ceilings: an assumption a card states, listed with their sources like every figure.
  if (catalog.spot) collect(catalog.spot, 'spot', rows);
  return rows;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collect(node: unknown, path: string, rows: PricingRow[]): void {
  if (!isRecord(node)) return;
  if (typeof node.source === 'string' && typeof node.asOf === 'string') {
    const figure = figureOf(node);
    if (figure) {
      let unit = typeof node.unit === 'string' ? node.unit : '';
      if (typeof node.vcpu === 'number' && typeof node.memoryGib === 'number') unit = `${unit} (${node.vcpu} vCPU, ${node.memoryGib} GiB, ${String(node.arch)})`;
      const caveat = typeof node.note === 'string' && /not verified/i.test(node.note) ? node.note : null;
      rows.push({ id: path, description: String(node.description ?? ''), unit, ...figure, source: node.source, asOf: node.asOf, caveat });
      return;
    }
  }
  for (const [key, child] of Object.entries(node)) collect(child, path === '' ? key : `${path}.${key}`, rows);
}

type Figure = Pick<PricingRow, 'kind' | 'value' | 'usd' | 'tiers'>;

function figureOf(entry: Record<string, unknown>): Figure | null {
  if (typeof entry.usd === 'number') return { kind: 'price', value: usd(entry.usd), usd: entry.usd, tiers: null };
  if (Array.isArray(entry.tiers)) {
    const tiers = entry.tiers as { upTo: number | null; usd: number }[];
    // Tier bounds in "1M requests" units read better as counts: 300 -> 300M.
    const perUnit = typeof entry.unit === 'string' && /^1M\b/.test(entry.unit) ? 1e6 : 1;
    let lower = 0;
    const value = tiers
      .map((tier, i) => {
        const span =
          tier.upTo === null ? (i === 0 ? 'all' : `above ${formatCountShort(lower * perUnit)}`) : i === 0 ? `first ${formatCountShort(tier.upTo * perUnit)}` : `next ${formatCountShort((tier.upTo - lower) * perUnit)}`;
        lower = tier.upTo ?? lower;
        return `${span} ${usd(tier.usd)}`;
      })
      .join('; ');
    return { kind: 'tiers', value, usd: null, tiers };
  }
  if (typeof entry.discountUpTo === 'number') return { kind: 'ceiling', value: `up to ${Math.round(entry.discountUpTo * 100)}% below on-demand (a ceiling, not a price)`, usd: null, tiers: null };
  if (typeof entry.quantity === 'number') return { kind: 'included', value: count(entry.quantity), usd: null, tiers: null };
  if (typeof entry.value === 'number') return { kind: 'limit', value: count(entry.value), usd: null, tiers: null };
  if (Array.isArray(entry.steps) && entry.steps.length > 0) {
    const steps = entry.steps as { memoryMbUpTo: number; vcpu: number }[];
    const first = steps[0]!;
    const last = steps[steps.length - 1]!;
    return { kind: 'steps', value: `${first.vcpu} vCPU at ${count(first.memoryMbUpTo)} MB ... ${last.vcpu} vCPU at ${count(last.memoryMbUpTo)} MB (${steps.length} steps)`, usd: null, tiers: null };
  }
  if (Array.isArray(entry.sizes)) return { kind: 'sizes', value: `${entry.sizes.map((s: number) => count(s)).join(', ')} MB`, usd: null, tiers: null };
  return null;
}

function usd(n: number): string {
  // Unit prices go down to 1e-10 of a dollar: print every significant digit, and cents at least.
  return n >= 0.01 ? `$${n.toFixed(Math.max(2, decimals(n)))}` : `$${n.toFixed(decimals(n))}`;
}

function decimals(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}
