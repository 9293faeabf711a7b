import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { diffCatalogs } from '../../src/core/pricing/catalog-diff.js';
import { extractPrices, type OfferRead } from '../../src/core/pricing/price-list-extract.js';
import { priceListItems, type RefreshOffer } from '../../src/core/pricing/price-list-items.js';
import { offerFileSchema } from '../../src/core/pricing/price-list-schema.js';
import { applyRegionalPriceLists } from '../../src/core/pricing/apply-price-list.js';
import { parseCatalog } from '../../src/core/pricing/catalog-schema.js';
import { buildCard } from '../../src/core/build-card.js';
import { assess } from '../../src/core/assess.js';
import { formatChanges } from '../../src/adapters/cli/pricing-refresh-command.js';
import { fakeOfferFiles, fakeProducts, type FakePrices } from '../e2e/fakes/price-list-files.js';

// The pure half of `pricing refresh`: reading each catalog price out of offer
// files in the price list's shape, unit conversion, the new catalog, and the diff.

const catalog = shippedCatalog();

function offersFor(prices: FakePrices = {}): Map<RefreshOffer, OfferRead> {
  const files = fakeOfferFiles(fakeProducts(catalog, prices));
  return new Map([...files].map(([code, file]) => [code as RefreshOffer, { file: offerFileSchema.parse(file), url: `https://pricing.example/${code}.json` }]));
}

describe('reading prices out of the offer files', () => {
  const read = extractPrices(priceListItems(catalog), offersFor(), 'us-east-1');
  if (!read.ok) throw new Error(read.error);
  const byPath = new Map(read.prices.map((p) => [p.path, p]));

  it.each([
    // [catalog path, expected in the catalog's unit] — per-request prices become per 1M, without binary dust.
    ['aws.lambda.requests', { usd: 0.2 }],
    ['aws.lambda.computeX86', { tiers: catalog.aws.lambda.computeX86.tiers }],
    ['aws.apiGateway.http', { tiers: [{ upTo: 300, usd: 1 }, { upTo: null, usd: 0.9 }] }],
    ['aws.apiGateway.rest', { tiers: catalog.aws.apiGateway.rest.tiers }],
    ['aws.sqs.standardRequests', { usd: 0.4 }], // the free first million (priced 0) is skipped
    ['aws.dataTransfer.outToInternet', { tiers: catalog.aws.dataTransfer!.outToInternet.tiers }], // the free 100 GB row is skipped
    ['aws.ec2.instances.t3.medium', { usd: 0.0416 }], // not the Windows or unused-reservation SKU
    ['aws.natGateway.hour', { usd: 0.045 }],
  ] as const)('%s', (path, expected) => {
    expect(byPath.get(path)).toMatchObject(expected);
  });

  it('reads every price the catalog holds for AWS on-demand, so the diff of an unchanged list is empty', () => {
    const next = parseCatalog(applyRegionalPriceLists(catalog, [{ region: 'us-east-1', location: null, prices: read.prices, commitments: [], offers: 8 }], '2026-12-01'));
    if (!next.ok) throw new Error(next.error);
    expect(diffCatalogs(catalog, next.catalog)).toEqual([]);
    expect(next.catalog.aws.fargate.x86VcpuHour).toMatchObject({ source: 'https://pricing.example/AmazonECS.json', asOf: '2026-12-01', effective: '2026-12-01' });
  });

  it('refuses two products that both match one price', () => {
    const offers = offersFor();
    const lambda = offers.get('AWSLambda')!;
    const [sku, product] = Object.entries(lambda.file.products).find(([, p]) => p.attributes.group === 'AWS-Lambda-Requests')!;
    lambda.file.products[`${sku}2`] = { ...product, sku: `${sku}2` };
    lambda.file.terms.OnDemand[`${sku}2`] = lambda.file.terms.OnDemand[sku]!;
    const result = extractPrices(priceListItems(catalog), offers, 'us-east-1');
    expect(result).toEqual({ ok: false, error: 'the price list has 2 different products for aws.lambda.requests in AWSLambda (group AWS-Lambda-Requests, us-east-1), so which one applies is unclear' });
  });

  it('refuses a region the files do not price', () => {
    const result = extractPrices(priceListItems(catalog), offersFor(), 'eu-central-1');
    expect(result.ok).toBe(false);
  });
});

describe('the diff names each changed price with old, new and percent', () => {
  it.each([
    [{ 'aws.lambda.requests': 0.25 }, ['  aws.lambda.requests  $0.2 -> $0.25 per 1M requests  +25.0%']],
    [{ 'aws.alb.hour': 0.018 }, ['  aws.alb.hour  $0.0225 -> $0.018 per hour  -20.0%']],
    [{ 'aws.apiGateway.http': [{ upTo: 300, usd: 1 }, { upTo: null, usd: 0.8 }] }, ['  aws.apiGateway.http.tiers.1  $0.9 -> $0.8 per 1M requests  -11.1%']],
  ] as [FakePrices, string[]][])('%j', (prices, lines) => {
    const read = extractPrices(priceListItems(catalog), offersFor(prices), 'us-east-1');
    if (!read.ok) throw new Error(read.error);
    const next = parseCatalog(applyRegionalPriceLists(catalog, [{ region: 'us-east-1', location: null, prices: read.prices, commitments: [], offers: 8 }], '2026-12-01'));
    if (!next.ok) throw new Error(next.error);
    const printed = formatChanges(diffCatalogs(catalog, next.catalog));
    expect(printed[0]).toBe('1 price changed (price, old, new, change):');
    expect(printed.slice(1).map((l) => l.replace(/ {2,}/g, '  '))).toEqual(lines.map((l) => l.replace(/ {2,}/g, '  ')));
  });
});

describe("the card's stale-price warning", () => {
  it('names the command that writes a current catalog', () => {
    const a = assess({ description: 'webhook', traffic: { hourly: Array(24).fill(100), basis: 'steady', echo: '' }, duration: { typicalMs: 100, worstMs: 100 }, constraintsAnswered: true }, catalog, { chart: false });
    const old = buildCard(a, null, new Date('2028-01-01T00:00:00Z'));
    expect(old.pricingStale).toBe(true);
    expect(old.pricing).toContain('older than 180 days; `serverless-fit pricing refresh` writes a current catalog');
    expect(buildCard(a, null, new Date('2026-12-02T00:00:00Z')).pricing).not.toContain('refresh');
  });
});

describe('a refresh over a catalog that already has a region names each of its moved prices by region', () => {
  it('regions.aws.<code>.prices.<entry>: old, new, percent', () => {
    const read = (fake: FakePrices, region: string) => {
      const files = fakeOfferFiles(fakeProducts(catalog, fake, region));
      const offers = new Map([...files].map(([code, file]) => [code as RefreshOffer, { file: offerFileSchema.parse(file), url: `https://pricing.example/${code}/${region}.json` }]));
      const prices = extractPrices(priceListItems(catalog), offers, region);
      if (!prices.ok) throw new Error(prices.error);
      return { region, location: 'Europe (Frankfurt)', prices: prices.prices, commitments: [], offers: offers.size };
    };
    const first = parseCatalog(applyRegionalPriceLists(catalog, [read({ 'aws.fargate.x86VcpuHour': 0.0466 }, 'eu-central-1')], '2026-12-01'));
    if (!first.ok) throw new Error(first.error);
    expect(formatChanges(diffCatalogs(catalog, first.catalog))).toEqual([expect.stringMatching(/^No price changed\.$/), expect.stringMatching(/^Prices added for eu-central-1: \d+ \(it had none in the catalog in use\)\.$/)]);
    const second = parseCatalog(applyRegionalPriceLists(first.catalog, [read({ 'aws.fargate.x86VcpuHour': 0.05 }, 'eu-central-1')], '2026-12-02'));
    if (!second.ok) throw new Error(second.error);
    expect(formatChanges(diffCatalogs(first.catalog, second.catalog)).map((l) => l.replace(/ {2,}/g, '  '))).toEqual([
      '1 price changed (price, old, new, change):',
      '  regions.aws.eu-central-1.prices.fargate.x86VcpuHour  $0.0466 -> $0.05 per vCPU-hour  +7.3%',
    ]);
  });
});
