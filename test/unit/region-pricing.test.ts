import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { assess } from '../../src/core/assess.js';
import { assessmentJson } from '../../src/core/assessment-json.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { catalogRegion } from '../../src/core/pricing/catalog-region.js';
import { parseCatalog, type PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { selectRegion } from '../../src/core/pricing/select-region.js';

// Where a workload runs, from its words, and which region's prices it gets on
// each cloud: the region's own where the catalog has them, else the nearest
// priced one, said on the card whenever that is not where it runs.

const catalog = shippedCatalog();

function assessText(text: string, on: PricingCatalog = catalog, defaultRegion: string | null = null) {
  return assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, on, { chart: false, defaultRegion });
}

describe('the region from the text', () => {
  it.each([
    ['REST API in Frankfurt, 100 rps', 'eu-central-1'],
    ['hosted in Ireland', 'eu-west-1'],
    ['API deployed to Sydney', 'ap-southeast-2'],
    ['resize images in the UK region', 'eu-west-2'],
    ['runs in eu-west-1', 'eu-west-1'],
    ['out of Tokyo, 50 rps', 'ap-northeast-1'],
    ['webhook running in Oregon', 'us-west-2'],
    ['our Tokyo customers upload photos', undefined], // a place, but not where it runs
    ['in a VPC, calls Stripe', undefined],
    ['REST API, 1000 rps 24/7, 100 ms', undefined],
  ])('"%s" -> %s', (text, region) => {
    expect(parseWorkload(text).facts.region).toBe(region);
  });
});

describe('the shipped catalog names regions on every cloud and maps each AWS region to the nearest of the others', () => {
  it('prices us-east-1 at home, and lists the ten regions where most workloads run', () => {
    expect(catalogRegion(catalog)).toBe('us-east-1');
    expect(Object.keys(catalog.regions?.aws ?? {})).toEqual(expect.arrayContaining(['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-south-1']));
  });

  it('every nearest region it names is one it knows, under that provider\'s own name', () => {
    for (const [code, region] of Object.entries(catalog.regions?.aws ?? {})) {
      expect(catalog.regions?.gcp[region.nearest!.gcp], `${code} -> ${region.nearest!.gcp}`).toBeDefined();
      expect(catalog.regions?.azure[region.nearest!.azure], `${code} -> ${region.nearest!.azure}`).toBeDefined();
    }
  });

  it('every regional price has a source and an as-of date', () => {
    for (const region of Object.values(catalog.regions?.gcp ?? {}))
      for (const price of Object.values(region.prices?.cloudRunFunctions ?? {})) expect(price).toMatchObject({ source: expect.stringMatching(/^https:\/\/cloud\.google\.com\//), asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });
});

describe('which prices a region gets', () => {
  it.each([
    // [asked, AWS priced, fallback, Google Cloud nearest -> priced, Azure nearest -> priced]
    [null, 'us-east-1', false, 'us-east4', 'us-east4', 'eastus', 'eastus'],
    ['us-east-1', 'us-east-1', false, 'us-east4', 'us-east4', 'eastus', 'eastus'],
    ['eu-central-1', 'us-east-1', true, 'europe-west3', 'us-east4', 'germanywestcentral', 'eastus'],
    ['ap-northeast-1', 'us-east-1', true, 'asia-northeast1', 'asia-northeast1', 'japaneast', 'eastus'],
    ['eu-west-2', 'us-east-1', true, 'europe-west2', 'us-east4', 'uksouth', 'eastus'],
    ['us-west-2', 'us-east-1', true, 'us-west1', 'us-west1', 'westus2', 'eastus'],
  ] as const)('%s', (asked, priced, fallback, gcpNearest, gcpPriced, azureNearest, azurePriced) => {
    const { pricing } = selectRegion(catalog, asked);
    expect(pricing).toMatchObject({ asked, priced, fallback, clouds: { gcp: { nearest: gcpNearest, priced: gcpPriced }, azure: { nearest: azureNearest, priced: azurePriced } } });
  });

  it('a region with its own Google Cloud prices gets them in the catalog-shaped view; the home region is the catalog itself', () => {
    expect(selectRegion(catalog, null).catalog).toBe(catalog);
    expect(selectRegion(catalog, 'us-east-1').catalog).toBe(catalog);
    const tokyo = selectRegion(catalog, 'ap-northeast-1');
    expect(tokyo.catalog.gcp.cloudRunFunctions.vcpuSecond).toBe(catalog.regions?.gcp['asia-northeast1']?.prices?.cloudRunFunctions.vcpuSecond);
    expect(tokyo.catalog.gcp.cloudRunFunctions.freeVcpuSeconds).toBe(catalog.gcp.cloudRunFunctions.freeVcpuSeconds);
    expect(parseCatalog(tokyo.catalog).ok).toBe(true);
    // The same view each time, so caches keyed by the catalog object keep working; and selecting on a view changes nothing.
    expect(selectRegion(catalog, 'ap-northeast-1').catalog).toBe(tokyo.catalog);
    expect(selectRegion(tokyo.catalog, 'ap-northeast-1').catalog).toBe(tokyo.catalog);
  });

  it('a region the catalog lacks is priced at us-east-1, and the card says so and names the refresh command', () => {
    const inFrankfurt = assessText('REST API in Frankfurt, 100 rps, 100 ms');
    const unsaid = assessText('REST API, 100 rps, 100 ms');
    expect(inFrankfurt.cost.costs.map((c) => c.monthlyUsd)).toEqual(unsaid.cost.costs.map((c) => c.monthlyUsd));
    const texts = inFrankfurt.assumptions.map((a) => a.text);
    expect(texts).toContain(
      `The workload runs in eu-central-1 (Europe (Frankfurt)), but catalog ${catalog.version} has no AWS prices for it, so AWS figures are us-east-1 (US East (N. Virginia)) prices. \`serverless-fit pricing refresh --region eu-central-1\` fetches them; SERVERLESS_FIT_PRICING then selects the catalog it writes.`,
    );
    expect(texts).toContain(
      "Comparing across clouds uses each provider's nearest region: Google Cloud europe-west3 (Frankfurt), priced at us-east4 (Northern Virginia) because the catalog has no prices there; Azure germanywestcentral (Germany West Central), priced at eastus (East US) because the catalog has no prices there; Cloudflare Workers has one price everywhere.",
    );
    expect(unsaid.assumptions.map((a) => a.text).some((t) => t.startsWith('The workload runs in'))).toBe(false);
    expect(assessmentJson(inFrankfurt).region).toMatchObject({ asked: 'eu-central-1', priced: 'us-east-1', catalog: catalog.version, fallback: true, from: 'stated' });
    expect(assessmentJson(unsaid).region).toMatchObject({ asked: null, priced: 'us-east-1', fallback: false, note: null, region: 'us-east-1', from: 'default' });
  });

  it('a catalog made before regions still loads and prices everything at its own region', () => {
    const { regions: _none, ...old } = catalog;
    const parsed = parseCatalog(old);
    if (!parsed.ok) throw new Error(parsed.error);
    const a = assessText('REST API in Frankfurt, 100 rps, 100 ms', parsed.catalog);
    expect(a.cost.region).toMatchObject({ asked: 'eu-central-1', priced: 'us-east-1', fallback: true, clouds: null, comparison: null });
  });
});

describe('a region with some services priced: the rest at the home region\'s list price, named on the card', () => {
  // Made-up Frankfurt Lambda request price (NOT AWS's), as a hand-sourced entry would hold: every other service left out.
  const made = JSON.parse(JSON.stringify(catalog)) as PricingCatalog;
  made.regions!.aws['eu-central-1']!.prices = { lambda: { ...catalog.aws.lambda, requests: { ...catalog.aws.lambda.requests, usd: 0.24, source: 'https://pricing.example/frankfurt', asOf: '2026-12-01' } } };
  const parsed = parseCatalog(made);
  if (!parsed.ok) throw new Error(parsed.error);
  const partial = parsed.catalog;

  it('takes the region\'s own Lambda prices and the home region\'s for every other service', () => {
    const view = selectRegion(partial, 'eu-central-1');
    expect(view.catalog.aws.lambda.requests.usd).toBe(0.24);
    expect(view.catalog.aws.fargate).toEqual(catalog.aws.fargate);
    expect(view.catalog.aws.ec2).toEqual(catalog.aws.ec2);
    expect(view.pricing).toMatchObject({ priced: 'eu-central-1', fallback: false });
    expect(view.pricing.note).toBe(
      `Catalog ${catalog.version} has no eu-central-1 (Europe (Frankfurt)) prices for API Gateway, SQS, the Application Load Balancer, Fargate, CloudWatch Logs, data transfer, the NAT gateway and EC2, so they are priced at the us-east-1 (US East (N. Virginia)) list price; \`serverless-fit pricing refresh --region eu-central-1\` fetches them.`,
    );
  });

  it('an assessment there: Lambda requests at the region\'s price, quantity x unit price, and the note among its assumptions', () => {
    const a = assessText('REST API in Frankfurt, 1000 rps 24/7, 100 ms, 1 GB', partial);
    const line = a.cost.costs.find((c) => c.platform === 'aws-lambda')!.lines.find((l) => l.priceRef === 'aws.lambda.requests')!;
    expect(line.unitPriceUsd).toBe(0.24);
    expect(line.amountUsd).toBeCloseTo(2628 * 0.24, 6);
    expect(a.assumptions.map((x) => x.text)).toContain(selectRegion(partial, 'eu-central-1').pricing.note);
    const fargate = a.cost.costs.find((c) => c.platform === 'aws-fargate')!.lines.find((l) => l.priceRef === 'aws.fargate.x86VcpuHour');
    expect(fargate?.unitPriceUsd).toBe(catalog.aws.fargate.x86VcpuHour.usd);
  });
});

describe('text region > workspace default > the catalog\'s home region', () => {
  it.each([
    ['REST API in Tokyo, 100 rps', 'eu-central-1', 'ap-northeast-1', 'stated'],
    ['REST API, 100 rps', 'eu-central-1', 'eu-central-1', 'workspace'],
    ['REST API, 100 rps', null, 'us-east-1', 'default'],
  ] as const)('"%s" with default %s -> %s (%s)', (text, workspace, region, from) => {
    const a = assessText(text, catalog, workspace);
    expect(a.workload.region).toBe(region);
    expect(a.cost.region).toMatchObject({ region, from });
  });

  it('the workspace default is said on the card as an assumption', () => {
    const a = assessText('REST API, 100 rps', catalog, 'eu-central-1');
    expect(a.assumptions.map((x) => x.text)).toContain("Region not given: priced in eu-central-1, this workspace's default region (`settings region` changes it).");
    expect(a.cost.region?.note).toContain('eu-central-1 (Europe (Frankfurt)) (the workspace default region)');
  });
});
