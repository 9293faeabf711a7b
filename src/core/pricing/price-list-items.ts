import type { PricingCatalog } from './catalog-schema.js';
import type { PriceListProduct } from './price-list-schema.js';

// Which product in which AWS price list each catalog price comes from. One
// row per catalog entry a refresh replaces; anything not listed here (free
// tiers, limits, other clouds, provisioned concurrency) is kept as it is and
// the refresh says so. Matching keys on attributes the price list documents
// (regionCode, usagetype, group, instanceType...), never on display names,
// which AWS has reworded over time.

export const REFRESH_OFFERS = ['AWSLambda', 'AmazonApiGateway', 'AmazonECS', 'AmazonEC2', 'AWSELB', 'AWSQueueService', 'AmazonCloudWatch', 'AWSDataTransfer'] as const;
export type RefreshOffer = (typeof REFRESH_OFFERS)[number];

/** The regions a refresh reads when none are named: where most AWS workloads run. */
export const DEFAULT_REFRESH_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-south-1'] as const;

export interface PriceListItem {
  /** Dotted path of the catalog entry, e.g. "aws.lambda.computeX86", for people. */
  path: string;
  /** The same path as keys ("t3.medium" is one key). */
  keys: readonly string[];
  offer: RefreshOffer;
  /** Words for a refusal: what was looked for. */
  looksFor: string;
  match: (product: PriceListProduct, region: string) => boolean;
  /** Price-list units per catalog unit: 1e6 when the catalog prices per 1M requests. */
  perCatalogUnit: number;
  /** Tiered entries take every priced dimension as a tier; flat ones take the first priced one. */
  tiered: boolean;
}

const attr = (p: PriceListProduct, key: string) => p.attributes[key] ?? '';
const usage = (p: PriceListProduct, ending: string) => attr(p, 'usagetype') === ending || attr(p, 'usagetype').endsWith(`-${ending}`);
const inRegion = (p: PriceListProduct, region: string) => attr(p, 'regionCode') === region;

function item(keys: readonly string[], offer: RefreshOffer, looksFor: string, match: (p: PriceListProduct) => boolean, options: { perCatalogUnit?: number; tiered?: boolean } = {}): PriceListItem {
  return { path: keys.join('.'), keys, offer, looksFor, match: (p, region) => inRegion(p, region) && match(p), perCatalogUnit: options.perCatalogUnit ?? 1, tiered: options.tiered ?? false };
}

const PER_MILLION = { perCatalogUnit: 1e6 };

const FIXED_ITEMS: readonly PriceListItem[] = [
  item(['aws', 'lambda', 'requests'], 'AWSLambda', 'group AWS-Lambda-Requests', (p) => attr(p, 'group') === 'AWS-Lambda-Requests', PER_MILLION),
  item(['aws', 'lambda', 'computeX86'], 'AWSLambda', 'group AWS-Lambda-Duration', (p) => attr(p, 'group') === 'AWS-Lambda-Duration', { tiered: true }),
  item(['aws', 'lambda', 'computeArm'], 'AWSLambda', 'group AWS-Lambda-Duration-ARM', (p) => attr(p, 'group') === 'AWS-Lambda-Duration-ARM', { tiered: true }),
  item(['aws', 'apiGateway', 'http'], 'AmazonApiGateway', 'usagetype ApiGatewayHttpRequest', (p) => usage(p, 'ApiGatewayHttpRequest'), { ...PER_MILLION, tiered: true }),
  item(['aws', 'apiGateway', 'rest'], 'AmazonApiGateway', 'usagetype ApiGatewayRequest', (p) => usage(p, 'ApiGatewayRequest'), { ...PER_MILLION, tiered: true }),
  item(['aws', 'apiGateway', 'websocketMessages'], 'AmazonApiGateway', 'usagetype ApiGatewayMessage', (p) => usage(p, 'ApiGatewayMessage'), { ...PER_MILLION, tiered: true }),
  item(['aws', 'apiGateway', 'websocketConnectionMinutes'], 'AmazonApiGateway', 'usagetype ApiGatewayMinute', (p) => usage(p, 'ApiGatewayMinute'), PER_MILLION),
  item(['aws', 'sqs', 'standardRequests'], 'AWSQueueService', 'queueType Standard, usagetype Requests-Tier1', (p) => attr(p, 'queueType') === 'Standard' && usage(p, 'Requests-Tier1'), PER_MILLION),
  item(['aws', 'sqs', 'fifoRequests'], 'AWSQueueService', 'queueType FIFO, usagetype Requests-FIFO-Tier1', (p) => attr(p, 'queueType') === 'FIFO' && usage(p, 'Requests-FIFO-Tier1'), PER_MILLION),
  item(['aws', 'alb', 'hour'], 'AWSELB', 'Load Balancer-Application, usagetype LoadBalancerUsage', (p) => p.productFamily === 'Load Balancer-Application' && usage(p, 'LoadBalancerUsage')),
  item(['aws', 'alb', 'lcuHour'], 'AWSELB', 'Load Balancer-Application, usagetype LCUUsage', (p) => p.productFamily === 'Load Balancer-Application' && usage(p, 'LCUUsage')),
  item(['aws', 'fargate', 'x86VcpuHour'], 'AmazonECS', 'usagetype Fargate-vCPU-Hours:perCPU', (p) => usage(p, 'Fargate-vCPU-Hours:perCPU')),
  item(['aws', 'fargate', 'x86GbHour'], 'AmazonECS', 'usagetype Fargate-GB-Hours', (p) => usage(p, 'Fargate-GB-Hours')),
  item(['aws', 'fargate', 'armVcpuHour'], 'AmazonECS', 'usagetype Fargate-ARM-vCPU-Hours:perCPU', (p) => usage(p, 'Fargate-ARM-vCPU-Hours:perCPU')),
  item(['aws', 'fargate', 'armGbHour'], 'AmazonECS', 'usagetype Fargate-ARM-GB-Hours', (p) => usage(p, 'Fargate-ARM-GB-Hours')),
  item(['aws', 'cloudwatchLogs', 'ingestion'], 'AmazonCloudWatch', 'usagetype DataProcessing-Bytes', (p) => usage(p, 'DataProcessing-Bytes'), { tiered: true }),
  item(['aws', 'natGateway', 'hour'], 'AmazonEC2', 'NAT Gateway, usagetype NatGateway-Hours', (p) => p.productFamily === 'NAT Gateway' && usage(p, 'NatGateway-Hours')),
  item(['aws', 'natGateway', 'gbProcessed'], 'AmazonEC2', 'NAT Gateway, usagetype NatGateway-Bytes', (p) => p.productFamily === 'NAT Gateway' && usage(p, 'NatGateway-Bytes')),
];

/** Data transfer is keyed by where it leaves from, not regionCode. */
const DATA_TRANSFER_OUT: PriceListItem = {
  path: 'aws.dataTransfer.outToInternet',
  keys: ['aws', 'dataTransfer', 'outToInternet'],
  offer: 'AWSDataTransfer',
  looksFor: 'transferType AWS Outbound from the region',
  match: (p, region) => attr(p, 'fromRegionCode') === region && attr(p, 'transferType') === 'AWS Outbound',
  perCatalogUnit: 1,
  tiered: true,
};

/** EC2 Linux on-demand, shared tenancy, no pre-installed software: one SKU per instance type. */
function ec2Item(type: string): PriceListItem {
  return item(['aws', 'ec2', 'instances', type], 'AmazonEC2', `instanceType ${type}, Linux, Shared tenancy, capacitystatus Used`, (p) =>
    p.productFamily === 'Compute Instance' &&
    attr(p, 'instanceType') === type &&
    attr(p, 'operatingSystem') === 'Linux' &&
    attr(p, 'tenancy') === 'Shared' &&
    attr(p, 'preInstalledSw') === 'NA' &&
    attr(p, 'capacitystatus') === 'Used' &&
    attr(p, 'licenseModel') === 'No License required',
  );
}

/** Every price the refresh replaces in this catalog: the fixed rows present in it, and its EC2 types. */
export function priceListItems(catalog: PricingCatalog): PriceListItem[] {
  const present = FIXED_ITEMS.filter((i) => !i.path.startsWith('aws.cloudwatchLogs') || catalog.aws.cloudwatchLogs).filter((i) => !i.path.startsWith('aws.natGateway') || catalog.aws.natGateway);
  const transfer = catalog.aws.dataTransfer ? [DATA_TRANSFER_OUT] : [];
  return [...present, ...transfer, ...Object.keys(catalog.aws.ec2.instances).map(ec2Item)];
}
