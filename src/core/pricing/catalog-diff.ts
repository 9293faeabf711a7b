import type { PricingCatalog } from './catalog-schema.js';

// What changed between two catalogs, price by price (a tier counts as its own
// price), for `pricing refresh` to print: which price, old, new, percent.

export interface PriceChange {
  /** "aws.lambda.requests" or "aws.lambda.computeX86.tiers.0". */
  path: string;
  description: string;
  unit: string;
  oldUsd: number | null;
  newUsd: number | null;
  /** (new - old) / old; null when either side is missing. */
  change: number | null;
}

type Node = Record<string, unknown>;

function prices(node: unknown, path: string, out: Map<string, { usd: number; description: string; unit: string }>): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Node;
  const description = typeof n.description === 'string' ? n.description : path;
  const unit = typeof n.unit === 'string' ? n.unit : '';
  if (typeof n.usd === 'number' && typeof n.source === 'string') out.set(path, { usd: n.usd, description, unit });
  // A commitment's rates: one price per covered entry, named by plan, term and payment.
  if (typeof n.plan === 'string' && n.rates !== null && typeof n.rates === 'object') {
    // A region's own rates ("regions.aws.eu-central-1.commitments.0") are named by their region.
    const region = /^regions\.aws\.([^.]+)\./.exec(path)?.[1]?.concat(' ') ?? '';
    for (const [entry, usd] of Object.entries(n.rates as Record<string, unknown>))
      if (typeof usd === 'number') out.set(`${region}${n.plan}.${String(n.term)}.${String(n.payment)}:${entry}`, { usd, description: `${description}: ${entry}`, unit: 'on-demand unit' });
    return;
  }
  if (Array.isArray(n.tiers) && typeof n.source === 'string') {
    n.tiers.forEach((t: unknown, i) => {
      const tier = t as { usd?: unknown; upTo?: unknown };
      if (typeof tier.usd === 'number') out.set(`${path}.tiers.${i}`, { usd: tier.usd, description: `${description}, tier ${i + 1}${typeof tier.upTo === 'number' ? ` (up to ${tier.upTo.toLocaleString('en-US')})` : ' (above)'}`, unit });
    });
  }
  for (const [key, value] of Object.entries(n)) if (key !== 'tiers' && typeof value === 'object') prices(value, path ? `${path}.${key}` : key, out);
}

/** Every price that differs, was added or went away, in catalog order. */
export function diffCatalogs(before: PricingCatalog, after: PricingCatalog): PriceChange[] {
  const old = new Map<string, { usd: number; description: string; unit: string }>();
  const now = new Map<string, { usd: number; description: string; unit: string }>();
  prices(before, '', old);
  prices(after, '', now);
  const changes: PriceChange[] = [];
  for (const path of new Set([...now.keys(), ...old.keys()])) {
    const a = old.get(path);
    const b = now.get(path);
    if (a && b && a.usd === b.usd) continue;
    changes.push({
      path,
      description: (b ?? a)!.description,
      unit: (b ?? a)!.unit,
      oldUsd: a?.usd ?? null,
      newUsd: b?.usd ?? null,
      change: a && b ? (b.usd - a.usd) / a.usd : null,
    });
  }
  return changes;
}
