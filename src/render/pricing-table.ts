import type { PricingCatalog } from '../core/pricing/catalog-schema.js';
import { formatCount } from '../core/cost/format-cost.js';

// The catalog as a plain-text table for `serverless-fit pricing`: one row per
// figure (prices, tiers, allowances and limits), with where it came from.

interface Row {
  /** Caveat recorded in the catalog for a figure that could not be confirmed. */
  caveat?: string;
  id: string;
  description: string;
  unit: string;
  price: string;
  source: string;
  asOf: string;
}

const HEADERS: Row = { id: 'id', description: 'description', unit: 'unit', price: 'price', source: 'source', asOf: 'as of' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function priceOf(entry: Record<string, unknown>): string | null {
  if (typeof entry.usd === 'number') return usd(entry.usd);
  if (Array.isArray(entry.tiers)) {
    // Tier bounds in "1M requests" units read better as counts: 300 -> 300M.
    const perUnit = typeof entry.unit === 'string' && /^1M\b/.test(entry.unit) ? 1e6 : 1;
    let lower = 0;
    return entry.tiers
      .map((tier: { upTo: number | null; usd: number }, i: number) => {
        const span =
          tier.upTo === null ? (i === 0 ? 'all' : `above ${formatCount(lower * perUnit)}`) : i === 0 ? `first ${formatCount(tier.upTo * perUnit)}` : `next ${formatCount((tier.upTo - lower) * perUnit)}`;
        lower = tier.upTo ?? lower;
        return `${span} ${usd(tier.usd)}`;
      })
      .join('; ');
  }
  if (typeof entry.quantity === 'number') return `${count(entry.quantity)} included`;
  if (typeof entry.value === 'number') return `limit ${count(entry.value)}`;
  if (Array.isArray(entry.steps) && entry.steps.length > 0) {
    const steps = entry.steps as { memoryMbUpTo: number; vcpu: number }[];
    const first = steps[0]!;
    const last = steps[steps.length - 1]!;
    return `${first.vcpu} vCPU at ${count(first.memoryMbUpTo)} MB ... ${last.vcpu} vCPU at ${count(last.memoryMbUpTo)} MB (${steps.length} steps)`;
  }
  if (Array.isArray(entry.sizes)) return `sizes ${entry.sizes.map((s: number) => count(s)).join(', ')} MB`;
  return null;
}

function collect(node: unknown, path: string, rows: Row[]): void {
  if (!isRecord(node)) return;
  if (typeof node.source === 'string' && typeof node.asOf === 'string') {
    const price = priceOf(node);
    if (price !== null) {
      let unit = typeof node.unit === 'string' ? node.unit : '';
      if (typeof node.vcpu === 'number' && typeof node.memoryGib === 'number') unit = `${unit} (${node.vcpu} vCPU, ${node.memoryGib} GiB, ${String(node.arch)})`;
      const row: Row = { id: path, description: String(node.description ?? ''), unit, price, source: node.source, asOf: node.asOf };
      if (typeof node.note === 'string' && /not verified/i.test(node.note)) {
        row.caveat = node.note;
        row.price = `${price} *`;
      }
      rows.push(row);
      return;
    }
  }
  for (const [key, child] of Object.entries(node)) collect(child, path === '' ? key : `${path}.${key}`, rows);
}

export function formatPricingTable(catalog: PricingCatalog): string {
  const rows: Row[] = [];
  for (const provider of ['aws', 'gcp', 'azure', 'cloudflare'] as const) collect(catalog[provider], provider, rows);
  const keys = ['id', 'description', 'unit', 'price', 'source', 'asOf'] as const;
  const widths = keys.map((k) => Math.max(HEADERS[k].length, ...rows.map((r) => r[k].length)));
  const format = (row: Row) =>
    keys
      .map((k, i) => (i === keys.length - 1 ? row[k] : row[k].padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const caveats = rows.filter((r) => r.caveat !== undefined).map((r) => `* ${r.id}: ${r.caveat}`);
  return [
    `Pricing catalog ${catalog.version}, as of ${catalog.asOf} (${catalog.currency}, ${catalog.region})`,
    '',
    format(HEADERS),
    rule,
    ...rows.map(format),
    '',
    ...caveats,
    `${rows.length} figures. Prices are on-demand list prices; check the source before relying on one.`,
  ].join('\n');
}
