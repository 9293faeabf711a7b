import type { CatalogCommitment, PricingCatalog } from './catalog-schema.js';
import type { ReadPrice } from './price-list-extract.js';
import { catalogRegion } from './catalog-region.js';

// A refreshed catalog: the current one with every price read from the price
// list put in place (the home region's at the top, others under regions), each citing the offer file it came from and the day it
// was read. What the price list does not carry (free tiers, limits, other
// clouds) is kept as it was, with its own source and date.

type Node = Record<string, unknown>;

function entryAt(root: Node, keys: readonly string[]): Node | null {
  let node: unknown = root;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Node)[key];
  }
  return node !== null && typeof node === 'object' ? (node as Node) : null;
}

function applyPrices(root: Node, prices: readonly ReadPrice[], today: string): void {
  for (const price of prices) {
    const entry = entryAt(root, price.keys);
    // Items are drawn from this catalog's own entries, so each has a place to go.
    if (!entry) throw new Error(`no catalog entry at ${price.path}`);
    if (price.tiers) entry.tiers = price.tiers;
    if (price.usd !== undefined) entry.usd = price.usd;
    entry.source = price.url;
    entry.asOf = today;
    entry.effective = price.publicationDate.slice(0, 10);
    entry.note = `AWS Price List, offer ${price.offer} version ${price.version}`;
  }
}

/** Entries a region's copy kept from another region (free tiers, limits): said in their note, never passed off as read there. */
function markKept(node: unknown, today: string, from: string): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Node;
  if (typeof n.source === 'string' && n.asOf !== today && !String(n.note ?? '').includes('kept from')) n.note = `${typeof n.note === 'string' && n.note ? `${n.note}; ` : ''}kept from ${from}: the AWS price list does not carry it`;
  for (const value of Object.values(n)) if (typeof value === 'object') markKept(value, today, from);
}

/** What a refresh read for one region. */
export interface RegionRead {
  region: string;
  /** The price list's name for it ("Europe (Frankfurt)"), when it gave one. */
  location: string | null;
  prices: ReadPrice[];
  commitments: CatalogCommitment[];
  offers: number;
}

/**
 * The new catalog as plain JSON (the caller validates it through the schema
 * before writing it): the home region's prices in the top-level places, every
 * other region's under regions.aws, each with its own Savings Plans rates.
 */
export function applyRegionalPriceLists(catalog: PricingCatalog, reads: readonly RegionRead[], today: string): unknown {
  const next = JSON.parse(JSON.stringify(catalog)) as Node;
  const home = catalogRegion(catalog);
  for (const read of reads) {
    if (read.region === home) {
      applyPrices(next, read.prices, today);
      // Committed rates are replaced whole: a plan the list no longer publishes must not linger.
      if (read.commitments.length) next.commitments = read.commitments;
      else delete next.commitments;
      continue;
    }
    const regions = (next.regions ??= { home: { aws: home }, source: read.prices[0]?.url ?? 'https://pricing.us-east-1.amazonaws.com/', asOf: today, aws: {}, gcp: {}, azure: {} }) as Node;
    const aws = regions.aws as Record<string, Node>;
    const before = aws[read.region];
    // A region's own prices over the home region's: a service it had none for starts from the home region's figures.
    const copiedFrom = { ...(next.aws as Node), ...((before?.prices as Node | undefined) ?? {}) };
    const prices = JSON.parse(JSON.stringify(copiedFrom)) as Node;
    applyPrices({ aws: prices }, read.prices, today);
    markKept(prices, today, `${before?.prices ? read.region : home} in catalog ${catalog.version}`);
    aws[read.region] = {
      name: (before?.name as string | undefined) ?? read.location ?? read.region,
      ...(before?.nearest ? { nearest: before.nearest } : {}),
      prices,
      ...(read.commitments.length ? { commitments: read.commitments } : {}),
    };
  }
  const count = reads.reduce((n, r) => n + r.prices.length, 0);
  const plans = reads.reduce((n, r) => n + r.commitments.length, 0);
  next.version = `${today}.refresh`;
  next.asOf = today;
  next.notes = `Refreshed on ${today} from the AWS Price List for ${reads.map((r) => r.region).join(', ')} (${count} prices and ${plans} committed rate sets (Savings Plans, Reserved Instances), each citing its file); every other figure is kept from catalog ${catalog.version} with its own source and date. ${catalog.notes ?? ''}`.trim();
  return next;
}
