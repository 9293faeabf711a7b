import type { CatalogCommitment, PricingCatalog } from './catalog-schema.js';
import type { ReadPrice } from './price-list-extract.js';
import { catalogRegion } from './catalog-region.js';

// A refreshed catalog: the current one with every price read from the price
// list put in place, each citing the offer file it came from and the day it
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

/** The new catalog as plain JSON (the caller validates it through the schema before writing it). */
export function applyPriceList(catalog: PricingCatalog, prices: readonly ReadPrice[], today: string, commitments: readonly CatalogCommitment[] = [], region?: string): unknown {
  const next = JSON.parse(JSON.stringify(catalog)) as Node;
  for (const price of prices) {
    const entry = entryAt(next, price.keys);
    // Items are drawn from this catalog's own entries, so each has a place to go.
    if (!entry) throw new Error(`no catalog entry at ${price.path}`);
    if (price.tiers) entry.tiers = price.tiers;
    if (price.usd !== undefined) entry.usd = price.usd;
    entry.source = price.url;
    entry.asOf = today;
    entry.effective = price.publicationDate.slice(0, 10);
    entry.note = `AWS Price List, offer ${price.offer} version ${price.version}`;
  }
  // Committed rates are replaced whole: a plan the list no longer publishes must not linger.
  if (commitments.length) next.commitments = commitments;
  else delete next.commitments;
  // Another region: its AWS prices, and the other clouds' kept as they were (said in the region text).
  if (region && region !== catalogRegion(catalog)) next.region = `${region} (AWS; Google Cloud, Azure and Cloudflare prices kept from catalog ${catalog.version}: ${catalog.region})`;
  next.version = `${today}.refresh${region && region !== catalogRegion(catalog) ? `.${region}` : ''}`;
  next.asOf = today;
  next.notes = `Refreshed on ${today} from the AWS Price List (${prices.length} prices and ${commitments.length} Savings Plans rate sets, each citing its file); every other figure is kept from catalog ${catalog.version} with its own source and date. ${catalog.notes ?? ''}`.trim();
  return next;
}
