import type { OfferFile } from './price-list-schema.js';
import type { PriceListItem, RefreshOffer } from './price-list-items.js';

// Reads each catalog price out of the AWS offer files: the product the item
// matches, its on-demand dimensions, converted to the catalog's unit. Pure:
// the files are already fetched and shape-checked. Any price it cannot find
// exactly once is a refusal, because a catalog with a silent gap would price
// that item at whatever the old file said, dated today.

export interface ReadPrice {
  path: string;
  keys: readonly string[];
  /** The on-demand product it came from: Savings Plans rates name it. */
  sku: string;
  /** Price-list units per catalog unit, for rates that discount it. */
  perCatalogUnit: number;
  /** Flat price, catalog unit. */
  usd?: number;
  /** Tiered price, catalog unit; the last tier has no bound. */
  tiers?: { upTo: number | null; usd: number }[];
  offer: RefreshOffer;
  /** Where it was read: the offer file's URL, version and publication date. */
  url: string;
  version: string;
  publicationDate: string;
}

export interface OfferRead {
  file: OfferFile;
  url: string;
}

export type ExtractResult = { ok: true; prices: ReadPrice[] } | { ok: false; error: string };

interface Dimension {
  begin: number;
  end: number;
  usd: number;
}

function onDemandDimensions(file: OfferFile, sku: string): Dimension[] {
  const terms = file.terms.OnDemand[sku];
  if (!terms) return [];
  const dims: Dimension[] = [];
  for (const term of Object.values(terms)) {
    for (const d of Object.values(term.priceDimensions)) {
      const begin = Number(d.beginRange ?? '0');
      const end = d.endRange === undefined || d.endRange === 'Inf' ? Infinity : Number(d.endRange);
      dims.push({ begin, end, usd: Number(d.pricePerUnit.USD) });
    }
  }
  return dims.sort((a, b) => a.begin - b.begin);
}

/** Price-list decimals times a unit factor, without binary dust (0.0000002 x 1e6 is 0.2, not 0.19999999999999998). */
export function toCatalogUnit(value: number, factor: number): number {
  return Number((value * factor).toPrecision(12));
}

function readOne(item: PriceListItem, offer: OfferRead, region: string): ReadPrice | string {
  const where = `${item.offer} (${item.looksFor}, ${region})`;
  const matches = Object.values(offer.file.products).filter((p) => item.match(p, region));
  const priced = matches.map((p) => ({ sku: p.sku, dims: onDemandDimensions(offer.file, p.sku) })).filter((m) => m.dims.some((d) => d.usd > 0));
  if (priced.length === 0) return `the price list has no on-demand price for ${item.path} in ${where}`;
  if (priced.length > 1) return `the price list has ${priced.length} different products for ${item.path} in ${where}, so which one applies is unclear`;
  const { sku, dims } = priced[0]!;
  const head = { path: item.path, keys: item.keys, sku, perCatalogUnit: item.perCatalogUnit, offer: item.offer, url: offer.url, version: offer.file.version, publicationDate: offer.file.publicationDate };
  // Free rows come first with a price of 0; the catalog keeps free tiers apart.
  const paid = dims.filter((d) => d.usd > 0);
  if (!item.tiered) return { ...head, usd: toCatalogUnit(paid[0]!.usd, item.perCatalogUnit) };
  const tiers = paid.map((d, i) => ({
    upTo: i === paid.length - 1 || !Number.isFinite(d.end) ? null : toCatalogUnit(d.end, 1 / item.perCatalogUnit),
    usd: toCatalogUnit(d.usd, item.perCatalogUnit),
  }));
  const open = tiers.findIndex((t) => t.upTo === null);
  return { ...head, tiers: tiers.slice(0, open + 1) };
}

/** Every item's price, or the first one that cannot be read, as one sentence. */
export function extractPrices(items: readonly PriceListItem[], offers: ReadonlyMap<RefreshOffer, OfferRead>, region: string): ExtractResult {
  const prices: ReadPrice[] = [];
  for (const item of items) {
    const offer = offers.get(item.offer);
    if (!offer) return { ok: false, error: `the price list has no ${item.offer} offer for ${region}` };
    const read = readOne(item, offer, region);
    if (typeof read === 'string') return { ok: false, error: read };
    prices.push(read);
  }
  return { ok: true, prices };
}
