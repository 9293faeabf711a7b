import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { assess } from '../../src/core/assess.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { applyRegionalPriceLists, type RegionRead } from '../../src/core/pricing/apply-price-list.js';
import { parseCatalog, type CatalogAwsPrices, type PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { extractPrices, type OfferRead } from '../../src/core/pricing/price-list-extract.js';
import { priceListItems, type RefreshOffer } from '../../src/core/pricing/price-list-items.js';
import { offerFileSchema, savingsPlanFileSchema } from '../../src/core/pricing/price-list-schema.js';
import { savingsPlanRates } from '../../src/core/pricing/savings-plan-rates.js';
import type { CostLine, PlatformCost } from '../../src/core/cost/cost-types.js';
import { DAYS_PER_MONTH } from '../../src/core/workload.js';
import { fakeRegionFiles, type FakePrices } from '../e2e/fakes/price-list-files.js';

// The two seed workloads priced in three regions on two clouds, on-demand and
// with a 1-year Compute Savings Plan, each figure checked by hand against the
// catalog: quantity x unit price. The catalog is what `pricing refresh` makes
// of price lists in the AWS shape (written for these tests, with made-up
// Frankfurt and Tokyo prices: NOT AWS's figures).

const shipped = shippedCatalog();
const REGIONS = ['us-east-1', 'eu-central-1', 'ap-northeast-1'] as const;
type Region = (typeof REGIONS)[number];

/** Made-up regional prices, so each region's arithmetic differs. */
const MADE_UP: Record<Region, FakePrices> = {
  'us-east-1': {},
  'eu-central-1': {
    'aws.lambda.requests': 0.24,
    'aws.lambda.computeX86': [
      { upTo: 6e9, usd: 0.0000175 },
      { upTo: 15e9, usd: 0.00001575 },
      { upTo: null, usd: 0.000014 },
    ],
    'aws.apiGateway.http': [
      { upTo: 300, usd: 1.2 },
      { upTo: null, usd: 1.08 },
    ],
    'aws.ec2.instances.c5.large': 0.097,
  },
  'ap-northeast-1': {
    'aws.lambda.requests': 0.2,
    'aws.apiGateway.http': [
      { upTo: 300, usd: 1.29 },
      { upTo: null, usd: 1.16 },
    ],
    'aws.ec2.instances.c5.large': 0.107,
  },
};

function refreshed(): PricingCatalog {
  const reads: RegionRead[] = [];
  for (const [region, { files, savingsPlan }] of fakeRegionFiles(shipped, MADE_UP, REGIONS)) {
    const offers = new Map<RefreshOffer, OfferRead>([...files].map(([code, file]) => [code as RefreshOffer, { file: offerFileSchema.parse(file), url: `https://pricing.example/${code}/${region}.json` }]));
    const read = extractPrices(priceListItems(shipped), offers, region);
    if (!read.ok) throw new Error(read.error);
    const commitments = savingsPlanRates(savingsPlanFileSchema.parse(savingsPlan), read.prices, `https://pricing.example/savingsPlan/${region}.json`, '2026-12-01');
    reads.push({ region, location: null, prices: read.prices, commitments, offers: offers.size });
  }
  const parsed = parseCatalog(applyRegionalPriceLists(shipped, reads, '2026-12-01'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.catalog;
}

const catalog = refreshed();
// A refresh prices every service of a region it reads, so each region's entry is whole.
const awsIn = (region: Region): CatalogAwsPrices => (region === 'us-east-1' ? catalog.aws : (catalog.regions!.aws[region]!.prices as CatalogAwsPrices));
const gcpIn = (region: Region) => {
  const nearest = catalog.regions!.aws[region]!.nearest!.gcp;
  return nearest === catalog.regions!.home.gcp ? catalog.gcp.cloudRunFunctions : { ...catalog.gcp.cloudRunFunctions, ...(catalog.regions!.gcp[nearest]?.prices?.cloudRunFunctions ?? {}) };
};
const oneYear = (region: Region) => (region === 'us-east-1' ? catalog.commitments : catalog.regions!.aws[region]!.commitments)!.find((c) => c.term === '1yr' && c.plan === 'compute-savings-plan')!;

/** The per-month figures a person would work out: requests a month and seconds each. */
const WORKLOADS = {
  'the 1000 req/s API': { text: 'REST API, 1000 rps 24/7, 100 ms, 1 GB', monthlyRequests: 1000 * 3600 * 730, seconds: 0.1, gb: 1 },
  'the notification API': {
    text: 'push notification API: 40,000 requests an hour 8-9am, 5,000 an hour 9am-9pm, 200 an hour overnight; 120 ms, up to 450 ms; 256 MB',
    monthlyRequests: (40_000 + 12 * 5_000 + 11 * 200) * DAYS_PER_MONTH,
    seconds: 0.12,
    gb: 0.25,
  },
} as const;

function assessIn(text: string, region: Region) {
  const facts = parseWorkload(text).facts;
  return assess({ ...facts, description: text, constraintsAnswered: true, region }, catalog, { chart: false });
}

const row = (costs: readonly PlatformCost[], id: string) => costs.find((c) => c.platform === id)!;
const line = (cost: PlatformCost, ref: string): CostLine => cost.lines.find((l) => l.priceRef === ref)!;

/** An HTTP API's tiers by hand: the first 300 M at tier 1, the rest at tier 2. */
function httpApiByHand(millions: number, tiers: readonly { upTo: number | null; usd: number }[]): number {
  const first = Math.min(millions, tiers[0]!.upTo!);
  return first * tiers[0]!.usd + (millions - first) * tiers[1]!.usd;
}

const CASES = Object.entries(WORKLOADS).flatMap(([name, w]) => REGIONS.map((region) => ({ name, region, ...w })));

describe.each(CASES)('$name in $region', ({ text, region, monthlyRequests, seconds, gb }) => {
  const a = assessIn(text, region);
  const aws = awsIn(region);
  const millions = monthlyRequests / 1e6;
  const gbSeconds = monthlyRequests * seconds * gb;

  it('is priced at that region on AWS and the nearest region on Google Cloud, and says so', () => {
    expect(a.cost.region).toMatchObject({ region, priced: region, fallback: false, from: 'stated' });
    expect(a.cost.region?.comparison).toContain(`Google Cloud ${catalog.regions!.aws[region]!.nearest!.gcp}`);
  });

  it('AWS Lambda: requests, GB-seconds and the HTTP API, each quantity x the region\'s unit price', () => {
    const lambda = row(a.cost.costs, 'aws-lambda');
    expect(line(lambda, 'aws.lambda.requests').quantity).toBeCloseTo(millions, 6);
    expect(line(lambda, 'aws.lambda.requests').unitPriceUsd).toBe(aws.lambda.requests.usd);
    const compute = line(lambda, 'aws.lambda.computeX86.tiers.0');
    expect(compute.quantity).toBeCloseTo(gbSeconds, 0);
    expect(compute.unitPriceUsd).toBe(aws.lambda.computeX86.tiers[0]!.usd);
    const apiLines = lambda.lines.filter((l) => l.priceRef.startsWith('aws.apiGateway.http'));
    const byHand = millions * aws.lambda.requests.usd + gbSeconds * aws.lambda.computeX86.tiers[0]!.usd + httpApiByHand(millions, aws.apiGateway.http.tiers);
    expect(apiLines.reduce((s, l) => s + l.amountUsd, 0)).toBeCloseTo(httpApiByHand(millions, aws.apiGateway.http.tiers), 6);
    expect(lambda.monthlyUsd).toBeCloseTo(byHand, 6);
  });

  it('Google Cloud Run functions at its nearest region: requests, vCPU-seconds and GiB-seconds', () => {
    const run = gcpIn(region);
    const cloudRun = row(a.cost.costs, 'gcp-cloud-run-functions');
    const vcpu = run.cpuByMemory.steps.find((s) => gb * 1024 <= s.memoryMbUpTo)!.vcpu;
    const byHand = millions * run.requests.usd + monthlyRequests * seconds * vcpu * run.vcpuSecond.usd + monthlyRequests * seconds * gb * run.gibSecond.usd;
    expect(line(cloudRun, 'gcp.cloudRunFunctions.vcpuSecond').unitPriceUsd).toBe(run.vcpuSecond.usd);
    expect(cloudRun.monthlyUsd).toBeCloseTo(byHand, 6);
  });

  it('every line of every platform is its quantity x its unit price', () => {
    for (const cost of a.cost.costs) for (const l of cost.lines) expect(l.amountUsd, `${cost.platform} ${l.priceRef}`).toBeCloseTo(l.quantity * l.unitPriceUsd, 9);
  });

  it("with a 1-year Compute Savings Plan: Lambda's GB-seconds at the region's committed rate, requests and the HTTP API at list price", () => {
    const planned = assessIn(`${text}, with a 1-year compute savings plan`, region);
    const rate = oneYear(region).rates['aws.lambda.computeX86']!;
    expect(planned.cost.commitment).toMatchObject({ plan: 'compute-savings-plan', term: '1yr', payment: 'no-upfront', applied: true });
    const lambda = row(planned.cost.commitment!.costs, 'aws-lambda');
    // A committed rate is one price for every GB-second, so the line names the entry, not a tier.
    expect(line(lambda, 'aws.lambda.computeX86').unitPriceUsd).toBe(rate);
    expect(line(lambda, 'aws.lambda.computeX86').quantity).toBeCloseTo(gbSeconds, 0);
    expect(lambda.monthlyUsd).toBeCloseTo(millions * aws.lambda.requests.usd + gbSeconds * rate + httpApiByHand(millions, aws.apiGateway.http.tiers), 6);
    // The on-demand rows stay as they were.
    expect(planned.cost.costs.map((c) => c.monthlyUsd)).toEqual(a.cost.costs.map((c) => c.monthlyUsd));
  });
});

describe('the break-even under a commitment', () => {
  it.each(REGIONS)('%s: servers get a deeper cut than functions (whose requests stay at list price), so the break-even moves down', (region) => {
    const planned = assessIn(`${WORKLOADS['the 1000 req/s API'].text}, with a 1-year compute savings plan`, region);
    const before = planned.cost.breakEven?.averageRps;
    const after = planned.cost.commitment?.breakEven?.averageRps;
    expect(before).toBeTypeOf('number');
    expect(after).toBeTypeOf('number');
    expect(after!).toBeLessThan(before!);
    expect(planned.cost.commitment?.sentence).toMatch(/The break-even moves from .+ to .+ req\/s on average\.$/);
  });

  it('the regions differ: Frankfurt\'s made-up prices give a different Lambda total from us-east-1', () => {
    const [east, frankfurt] = (['us-east-1', 'eu-central-1'] as const).map((r) => row(assessIn(WORKLOADS['the 1000 req/s API'].text, r).cost.costs, 'aws-lambda').monthlyUsd!);
    expect(east).toBeCloseTo(7300.81, 2);
    expect(frankfurt).toBeGreaterThan(east!);
  });
});

describe('the chart under a commitment', () => {
  it('draws each committed server line beside its on-demand one, and marks both break-evens', () => {
    const text = `${WORKLOADS['the 1000 req/s API'].text}, with a 1-year compute savings plan`;
    const a = assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true, region: 'eu-central-1' }, catalog);
    const chart = a.cost.chart!;
    const committed = chart.series.filter((s) => s.committed);
    expect(committed.map((s) => s.platform).sort()).toEqual(['aws-ec2', 'aws-fargate']);
    for (const s of committed) {
      expect(s.label).toMatch(/, 1yr compute savings plan$/);
      expect(s.currentUsd).toBeCloseTo(row(a.cost.commitment!.costs, s.platform).monthlyUsd!, 6);
      expect(s.currentUsd).toBeLessThan(chart.series.find((o) => o.platform === s.platform && !o.committed)!.currentUsd);
    }
    expect(chart.committedBreakEvenRps).toBe(a.cost.commitment?.breakEven?.averageRps);
    expect(chart.committedBreakEvenRps!).toBeLessThan(chart.breakEvenRps!);
    expect(assessIn(WORKLOADS['the 1000 req/s API'].text, 'eu-central-1').cost.chart).toBeNull();
  });
});
