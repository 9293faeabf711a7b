import type { PricingCatalog } from '../../../src/core/pricing/catalog-schema.js';

// Hand-written files in the shape of the AWS Price List bulk files (offer
// index, region index, per-region offer file with products and on-demand
// terms), written for this project's tests. NOT AWS data: each price is the
// catalog's own figure unless a test overrides it with a made-up one, and every
// file says so in its disclaimer. Attribute names and usage types follow the
// documented shape (docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html).

export const FAKE_DISCLAIMER = 'FAKE price list written for serverless-fit tests. These are not AWS prices.';
export const FAKE_VERSION = '20261201000000';
export const FAKE_PUBLISHED = '2026-12-01T00:00:00Z';

type Attributes = Record<string, string>;
interface FakeProduct {
  offer: string;
  family: string;
  attributes: Attributes;
  /** [beginRange, endRange, USD per price-list unit]; "Inf" for no end. */
  dims: [string, string, number][];
  unit: string;
}

export interface FakeOfferFile {
  formatVersion: string;
  disclaimer: string;
  offerCode: string;
  version: string;
  publicationDate: string;
  products: Record<string, { sku: string; productFamily: string; attributes: Attributes }>;
  terms: {
    OnDemand: Record<string, Record<string, { offerTermCode: string; sku: string; effectiveDate: string; priceDimensions: Record<string, unknown>; termAttributes: Record<string, never> }>>;
    Reserved?: Record<string, Record<string, { offerTermCode: string; sku: string; effectiveDate: string; priceDimensions: Record<string, unknown>; termAttributes: Record<string, string> }>>;
  };
}

/**
 * Made-up Reserved Instance offerings of each EC2 instance (NOT AWS's): standard 1 year no upfront
 * at 60% of on-demand an hour; standard 3 years all upfront, 40% of on-demand x 26,280 h paid up
 * front; and a convertible one the refresh must leave out.
 */
export const FAKE_RI = { oneYearNoUpfront: 0.6, threeYearAllUpfront: 0.4, convertible: 0.7 } as const;

function reservedOfferings(sku: string, hourlyOnDemand: number) {
  const dim = (code: string, unit: string, usd: number) => ({ [`${sku}.${code}.${unit}`]: { rateCode: `${sku}.${code}.${unit}`, description: `FAKE ${unit}`, unit, pricePerUnit: { USD: usd.toFixed(10) }, appliesTo: [] } });
  const offering = (code: string, attrs: Record<string, string>, dims: Record<string, unknown>) => ({ [`${sku}.${code}`]: { offerTermCode: code, sku, effectiveDate: FAKE_PUBLISHED, priceDimensions: dims, termAttributes: attrs } });
  return {
    ...offering('FAKE1YRNU', { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'No Upfront' }, dim('FAKE1YRNU', 'Hrs', hourlyOnDemand * FAKE_RI.oneYearNoUpfront)),
    ...offering('FAKE3YRAU', { LeaseContractLength: '3yr', OfferingClass: 'standard', PurchaseOption: 'All Upfront' }, { ...dim('FAKE3YRAU', 'Hrs', 0), ...dim('FAKE3YRAU', 'Quantity', hourlyOnDemand * FAKE_RI.threeYearAllUpfront * 26280) }),
    ...offering('FAKE1YRCV', { LeaseContractLength: '1yr', OfferingClass: 'convertible', PurchaseOption: 'No Upfront' }, dim('FAKE1YRCV', 'Hrs', hourlyOnDemand * FAKE_RI.convertible)),
  };
}

/** Overrides by catalog path: a flat price in the catalog's unit, or tiers. */
export type FakePrices = Record<string, number | { upTo: number | null; usd: number }[]>;

const REGION = 'us-east-1';

function flat(usd: number, perUnit = 1): [string, string, number][] {
  return [['0', 'Inf', usd / perUnit]];
}

function tiered(tiers: readonly { upTo: number | null; usd: number }[], perUnit = 1): [string, string, number][] {
  let begin = 0;
  return tiers.map((t) => {
    const dim: [string, string, number] = [String(begin * perUnit), t.upTo === null ? 'Inf' : String(t.upTo * perUnit), t.usd / perUnit];
    begin = t.upTo ?? begin;
    return dim;
  });
}

/** One product per catalog price the refresh reads, at the catalog's figure or the override. */
export function fakeProducts(catalog: PricingCatalog, prices: FakePrices = {}, region = REGION): FakeProduct[] {
  const a = catalog.aws;
  const usd = (path: string, current: number) => (typeof prices[path] === 'number' ? prices[path] : current);
  const tiers = (path: string, current: { upTo: number | null; usd: number }[]) => (Array.isArray(prices[path]) ? prices[path] : current);
  const at = (attributes: Attributes): Attributes => ({ regionCode: region, location: `FAKE location ${region}`, ...attributes });
  const products: FakeProduct[] = [
    { offer: 'AWSLambda', family: 'Serverless', attributes: at({ group: 'AWS-Lambda-Requests', usagetype: 'Request' }), dims: flat(usd('aws.lambda.requests', a.lambda.requests.usd), 1e6), unit: 'Requests' },
    { offer: 'AWSLambda', family: 'Serverless', attributes: at({ group: 'AWS-Lambda-Duration', usagetype: 'Lambda-GB-Second' }), dims: tiered(tiers('aws.lambda.computeX86', a.lambda.computeX86.tiers)), unit: 'Lambda-GB-Second' },
    { offer: 'AWSLambda', family: 'Serverless', attributes: at({ group: 'AWS-Lambda-Duration-ARM', usagetype: 'Lambda-GB-Second-ARM' }), dims: tiered(tiers('aws.lambda.computeArm', a.lambda.computeArm.tiers)), unit: 'Lambda-GB-Second' },
    { offer: 'AWSLambda', family: 'Serverless', attributes: at({ group: 'AWS-Lambda-Edge-Duration', usagetype: 'Lambda-Edge-GB-Second' }), dims: flat(0.00005001), unit: 'Lambda-GB-Second' },
    { offer: 'AmazonApiGateway', family: 'API Calls', attributes: at({ usagetype: 'ApiGatewayHttpRequest' }), dims: tiered(tiers('aws.apiGateway.http', a.apiGateway.http.tiers), 1e6), unit: 'Requests' },
    { offer: 'AmazonApiGateway', family: 'API Calls', attributes: at({ usagetype: 'ApiGatewayRequest' }), dims: tiered(tiers('aws.apiGateway.rest', a.apiGateway.rest.tiers), 1e6), unit: 'Requests' },
    { offer: 'AmazonApiGateway', family: 'WebSocket', attributes: at({ usagetype: 'ApiGatewayMessage' }), dims: tiered(tiers('aws.apiGateway.websocketMessages', a.apiGateway.websocketMessages.tiers), 1e6), unit: 'Messages' },
    { offer: 'AmazonApiGateway', family: 'WebSocket', attributes: at({ usagetype: 'ApiGatewayMinute' }), dims: flat(usd('aws.apiGateway.websocketConnectionMinutes', a.apiGateway.websocketConnectionMinutes.usd), 1e6), unit: 'Minutes' },
    // A free row priced 0 first, as the real files carry for free tiers: the refresh must skip it.
    { offer: 'AWSQueueService', family: 'API Request', attributes: at({ queueType: 'Standard', usagetype: 'Requests-Tier1' }), dims: [['0', '1000000', 0], ['1000000', 'Inf', usd('aws.sqs.standardRequests', a.sqs.standardRequests.usd) / 1e6]], unit: 'Requests' },
    { offer: 'AWSQueueService', family: 'API Request', attributes: at({ queueType: 'FIFO', usagetype: 'Requests-FIFO-Tier1' }), dims: flat(usd('aws.sqs.fifoRequests', a.sqs.fifoRequests.usd), 1e6), unit: 'Requests' },
    { offer: 'AWSELB', family: 'Load Balancer-Application', attributes: at({ usagetype: 'LoadBalancerUsage' }), dims: flat(usd('aws.alb.hour', a.alb.hour.usd)), unit: 'Hrs' },
    { offer: 'AWSELB', family: 'Load Balancer-Application', attributes: at({ usagetype: 'LCUUsage' }), dims: flat(usd('aws.alb.lcuHour', a.alb.lcuHour.usd)), unit: 'LCU-Hrs' },
    { offer: 'AmazonECS', family: 'Compute', attributes: at({ usagetype: 'USE1-Fargate-vCPU-Hours:perCPU' }), dims: flat(usd('aws.fargate.x86VcpuHour', a.fargate.x86VcpuHour.usd)), unit: 'hours' },
    { offer: 'AmazonECS', family: 'Compute', attributes: at({ usagetype: 'USE1-Fargate-GB-Hours' }), dims: flat(usd('aws.fargate.x86GbHour', a.fargate.x86GbHour.usd)), unit: 'GB-Hours' },
    { offer: 'AmazonECS', family: 'Compute', attributes: at({ usagetype: 'USE1-Fargate-ARM-vCPU-Hours:perCPU' }), dims: flat(usd('aws.fargate.armVcpuHour', a.fargate.armVcpuHour.usd)), unit: 'hours' },
    { offer: 'AmazonECS', family: 'Compute', attributes: at({ usagetype: 'USE1-Fargate-ARM-GB-Hours' }), dims: flat(usd('aws.fargate.armGbHour', a.fargate.armGbHour.usd)), unit: 'GB-Hours' },
  ];
  if (a.cloudwatchLogs)
    products.push({ offer: 'AmazonCloudWatch', family: 'Data Payload', attributes: at({ usagetype: 'DataProcessing-Bytes' }), dims: tiered(tiers('aws.cloudwatchLogs.ingestion', a.cloudwatchLogs.ingestion.tiers)), unit: 'GB' });
  if (a.natGateway) {
    products.push({ offer: 'AmazonEC2', family: 'NAT Gateway', attributes: at({ usagetype: 'NatGateway-Hours' }), dims: flat(usd('aws.natGateway.hour', a.natGateway.hour.usd)), unit: 'Hrs' });
    products.push({ offer: 'AmazonEC2', family: 'NAT Gateway', attributes: at({ usagetype: 'NatGateway-Bytes' }), dims: flat(usd('aws.natGateway.gbProcessed', a.natGateway.gbProcessed.usd)), unit: 'GB' });
  }
  if (a.dataTransfer) {
    const dto = tiered(tiers('aws.dataTransfer.outToInternet', a.dataTransfer.outToInternet.tiers));
    products.push({ offer: 'AWSDataTransfer', family: 'Data Transfer', attributes: { fromRegionCode: region, toLocation: 'External', transferType: 'AWS Outbound', usagetype: 'DataTransfer-Out-Bytes' }, dims: [['0', '100', 0], ...dto.map(([b, e, p]): [string, string, number] => [b === '0' ? '100' : b, e, p])], unit: 'GB' });
  }
  for (const [type, instance] of Object.entries(a.ec2.instances)) {
    const base = { instanceType: type, operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', licenseModel: 'No License required', usagetype: `BoxUsage:${type}`, vcpu: String(instance.vcpu) };
    products.push({ offer: 'AmazonEC2', family: 'Compute Instance', attributes: at(base), dims: flat(usd(`aws.ec2.instances.${type}`, instance.usd)), unit: 'Hrs' });
    // The same type on Windows and as an unused reservation: the refresh must not take them.
    products.push({ offer: 'AmazonEC2', family: 'Compute Instance', attributes: at({ ...base, operatingSystem: 'Windows' }), dims: flat(instance.usd * 2), unit: 'Hrs' });
    products.push({ offer: 'AmazonEC2', family: 'Compute Instance', attributes: at({ ...base, capacitystatus: 'UnusedCapacityReservation' }), dims: flat(instance.usd), unit: 'Hrs' });
  }
  return products;
}

/** The offer files, one per offer code, SKUs numbered FAKESKU0000000001... */
export function fakeOfferFiles(products: readonly FakeProduct[]): Map<string, FakeOfferFile> {
  const files = new Map<string, FakeOfferFile>();
  products.forEach((p, i) => {
    const sku = `FAKESKU${String(i + 1).padStart(9, '0')}`;
    let file = files.get(p.offer);
    if (!file) {
      file = { formatVersion: 'v1.0', disclaimer: FAKE_DISCLAIMER, offerCode: p.offer, version: FAKE_VERSION, publicationDate: FAKE_PUBLISHED, products: {}, terms: { OnDemand: {} } };
      files.set(p.offer, file);
    }
    file.products[sku] = { sku, productFamily: p.family, attributes: { servicecode: p.offer, ...p.attributes } };
    const term = `${sku}.JRTCKXETXF`;
    const priceDimensions = Object.fromEntries(
      p.dims.map(([begin, end, price], d) => [
        `${term}.${String(d).padStart(10, 'X')}`,
        { rateCode: `${term}.${d}`, description: `FAKE ${price} per ${p.unit}`, beginRange: begin, endRange: end, unit: p.unit, pricePerUnit: { USD: price.toFixed(10) }, appliesTo: [] },
      ]),
    );
    file.terms.OnDemand[sku] = { [term]: { offerTermCode: 'JRTCKXETXF', sku, effectiveDate: FAKE_PUBLISHED, priceDimensions, termAttributes: {} } };
    if (p.offer === 'AmazonEC2' && p.attributes.instanceType) (file.terms.Reserved ??= {})[sku] = reservedOfferings(sku, p.dims[0]![2]);
  });
  return files;
}

export interface FakeSavingsPlanFile {
  disclaimer: string;
  version: string;
  publicationDate: string;
  regionCode: string;
  products: { sku: string; productFamily: string; serviceCode: string; usageType: string; operation: string; attributes: Attributes }[];
  terms: { savingsPlan: { sku: string; description: string; effectiveDate: string; leaseContractLength: { duration: number; unit: string }; rates: unknown[] }[] };
}

/**
 * A Compute Savings Plans file for the fake offers: for each term, a made-up
 * share of the on-demand price for Lambda x86 duration, Fargate x86 and EC2
 * Linux instances (not AWS's rates).
 */
export function fakeSavingsPlanFile(files: ReadonlyMap<string, FakeOfferFile>, shares: Partial<Record<'1yr' | '3yr', number>> = { '1yr': 0.8, '3yr': 0.5 }, region = REGION): FakeSavingsPlanFile {
  const covered: { sku: string; usageType: string; service: string; usd: number }[] = [];
  for (const file of files.values()) {
    for (const [sku, product] of Object.entries(file.products)) {
      const a = product.attributes;
      const isCovered =
        a.group === 'AWS-Lambda-Duration' ||
        (file.offerCode === 'AmazonECS' && /Fargate-(?:vCPU-Hours:perCPU|GB-Hours)$/.test(a.usagetype ?? '') && !(a.usagetype ?? '').includes('ARM')) ||
        (product.productFamily === 'Compute Instance' && a.operatingSystem === 'Linux' && a.capacitystatus === 'Used');
      if (!isCovered) continue;
      const dims = Object.values(Object.values(file.terms.OnDemand[sku] ?? {})[0]?.priceDimensions ?? {}) as { pricePerUnit: { USD: string } }[];
      const usd = Number(dims[0]?.pricePerUnit.USD ?? 0);
      if (usd > 0) covered.push({ sku, usageType: a.usagetype ?? '', service: file.offerCode, usd });
    }
  }
  const plans = Object.entries(shares).map(([term, share], i) => ({ term, share: share!, sku: `FAKESPSKU${i + 1}` }));
  return {
    disclaimer: FAKE_DISCLAIMER,
    version: FAKE_VERSION,
    publicationDate: FAKE_PUBLISHED,
    regionCode: region,
    products: plans.map((p) => ({
      sku: p.sku,
      productFamily: 'ComputeSavingsPlans',
      serviceCode: 'ComputeSavingsPlans',
      usageType: `ComputeSP:${p.term}NoUpfront`,
      operation: '',
      attributes: { purchaseOption: 'No Upfront', granularity: 'hourly', locationType: 'AWS Region', location: 'Any', purchaseTerm: p.term },
    })),
    terms: {
      savingsPlan: plans.map((p) => ({
        sku: p.sku,
        description: `FAKE ${p.term} No Upfront Compute Savings Plan`,
        effectiveDate: FAKE_PUBLISHED,
        leaseContractLength: { duration: p.term === '1yr' ? 1 : 3, unit: 'year' },
        rates: covered.map((c) => ({
          discountedSku: c.sku,
          discountedUsageType: c.usageType,
          discountedOperation: '',
          discountedServiceCode: c.service,
          rateCode: `${p.sku}.${c.sku}`,
          unit: 'Hrs',
          discountedRate: { price: (c.usd * p.share).toFixed(10), currency: 'USD' },
          discountedRegionCode: region,
        })),
      })),
    },
  };
}

/** The ten regions a refresh reads by default. */
export const FAKE_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-south-1'] as const;

/**
 * Offer and Savings Plans files for several regions: each region's products at
 * the catalog's figures with that region's overrides (made up, not AWS's), the
 * same made-up plan shares everywhere.
 */
export function fakeRegionFiles(
  catalog: PricingCatalog,
  pricesByRegion: Readonly<Record<string, FakePrices>> = {},
  regions: readonly string[] = FAKE_REGIONS,
  drop?: (p: { attributes: Attributes }) => boolean,
): Map<string, { files: Map<string, FakeOfferFile>; savingsPlan: FakeSavingsPlanFile }> {
  return new Map(
    regions.map((region) => {
      const files = fakeOfferFiles(fakeProducts(catalog, pricesByRegion[region] ?? {}, region).filter((p) => !drop?.(p)));
      return [region, { files, savingsPlan: fakeSavingsPlanFile(files, undefined, region) }];
    }),
  );
}
