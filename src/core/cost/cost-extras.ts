import type { CatalogQuota, CatalogTieredPrice, PricingCatalog } from '../pricing/catalog-schema.js';
import type { ResolvedWorkload } from '../workload.js';
import { coldStartConcern } from './cold-start-concern.js';
import { costLine, tableAmount, tierTable, tieredLines } from './cost-line.js';
import type { BaseTraffic, CostExtras, CostSink, PlatformModel, WorkloadShape } from './cost-model.js';
import type { PlatformId } from './cost-types.js';
import { formatAmount } from '../format.js';

// The charges beside compute that bills carry and estimates forget: CloudWatch
// Logs ingestion, data transfer out to the internet, NAT gateways for a VPC
// that reaches the internet. Each is its own line (quantity x unit price from
// the catalog), added to a model only when the workload's words imply it, so
// every figure for a workload that implies none stays exactly as before.
// Lambda's own extras (provisioned concurrency, ephemeral storage) are in its model.

/** Lambda includes this much ephemeral storage (/tmp) in its price. */
export const LAMBDA_INCLUDED_EPHEMERAL_MB = 512;
/** NAT gateways: one per availability zone, two zones (as servers get two instances). */
export const NAT_GATEWAYS = 2;
/** Through the NAT gateway per request: the outgoing call and its reply. */
export const NAT_KB_PER_REQUEST = 10;
const KB_PER_GB = 1024 * 1024;
const HOURS_PER_MONTH = 730;

/** AWS platforms that write logs to CloudWatch and send responses from AWS. */
const AWS_REQUEST_PLATFORMS: readonly PlatformId[] = ['aws-lambda', 'aws-fargate', 'aws-ec2'];

/** What the workload implies beyond compute; null when nothing does. */
export function costExtrasOf(workload: ResolvedWorkload): CostExtras | null {
  const ephemeral = workload.ephemeralMb ?? null;
  const extras: CostExtras = {
    logs: workload.logs ?? null,
    responses: workload.responses ?? null,
    vpcInternet: workload.vpcInternet ?? null,
    ephemeralMb: ephemeral !== null && ephemeral > LAMBDA_INCLUDED_EPHEMERAL_MB ? ephemeral : null,
    provisioned: workload.edge ? null : coldStartConcern(workload),
  };
  const any = extras.logs || extras.responses || extras.vpcInternet || extras.ephemeralMb !== null || extras.provisioned;
  return any ? extras : null;
}

/** One extra charge at a month's request count; writes its lines when given a sink. */
type ExtraItem = (requests: number, sink?: CostSink) => number;

/** GB a month in proportion to requests, on a tiered price with a free allowance shown apart. */
function volumeItem(kbPerRequest: number, label: string, price: CatalogTieredPrice, priceRef: string, free: CatalogQuota, freeLabel: string, freeRef: string): ExtraItem {
  const gbPerRequest = kbPerRequest / KB_PER_GB;
  const table = tierTable(price);
  const firstUsd = price.tiers[0]?.usd ?? 0;
  return (requests, sink) => {
    const gb = requests * gbPerRequest;
    if (sink) {
      sink.lines.push(...tieredLines(label, gb, price, priceRef));
      sink.freeTier.push(costLine(freeLabel, Math.min(gb, free.quantity), free.unit, -firstUsd, freeRef));
    }
    return tableAmount(gb, table);
  };
}

function itemsFor(catalog: PricingCatalog, extras: CostExtras, platform: PlatformId): ExtraItem[] {
  if (!AWS_REQUEST_PLATFORMS.includes(platform)) return [];
  const items: ExtraItem[] = [];
  const logs = catalog.aws.cloudwatchLogs;
  if (extras.logs && logs)
    items.push(volumeItem(extras.logs.kbPerRequest, 'CloudWatch Logs ingestion (GB)', logs.ingestion, 'aws.cloudwatchLogs.ingestion', logs.freeGb, 'Free tier: CloudWatch Logs', 'aws.cloudwatchLogs.freeGb'));
  const transfer = catalog.aws.dataTransfer;
  if (extras.responses && transfer)
    items.push(
      volumeItem(extras.responses.kbPerRequest, 'Data transfer out to the internet (GB)', transfer.outToInternet, 'aws.dataTransfer.outToInternet', transfer.freeOutGb, 'Free tier: data transfer out', 'aws.dataTransfer.freeOutGb'),
    );
  const nat = catalog.aws.natGateway;
  if (extras.vpcInternet && nat && platform === 'aws-lambda') {
    const hours = NAT_GATEWAYS * HOURS_PER_MONTH;
    items.push((requests, sink) => {
      const gb = (requests * NAT_KB_PER_REQUEST) / KB_PER_GB;
      if (sink) {
        sink.lines.push(costLine(`NAT gateway hours (${NAT_GATEWAYS} gateways x ${HOURS_PER_MONTH} h)`, hours, nat.hour.unit, nat.hour.usd, 'aws.natGateway.hour'));
        sink.lines.push(costLine('NAT gateway data processed (GB)', gb, nat.gbProcessed.unit, nat.gbProcessed.usd, 'aws.natGateway.gbProcessed'));
      }
      return hours * nat.hour.usd + gb * nat.gbProcessed.usd;
    });
  }
  return items;
}

/** The model with the extras its platform pays added as lines; the model itself when none applies. */
export function withCostExtras(model: PlatformModel, catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const extras = shape.extras;
  if (!extras || model.unavailableReason !== null) return model;
  const items = itemsFor(catalog, extras, model.platform);
  if (items.length === 0) return model;
  return {
    platform: model.platform,
    kind: model.kind,
    label: model.label,
    unavailableReason: null,
    cost(scale, sink) {
      let usd = model.cost(scale, sink);
      const requests = traffic.monthlyRequests * scale;
      for (const item of items) usd += item(requests, sink);
      return usd;
    },
  };
}

const kb = (value: number) => (value >= 1024 ? `${formatAmount(value / 1024)} MB` : `${formatAmount(value)} KB`);

/** One sentence per extra: the quantity formula, what was assumed, and what is left out. */
export function costExtrasAssumptions(catalog: PricingCatalog, extras: CostExtras): string[] {
  const out: string[] = [];
  const missing = (what: string) =>
    `${what} is not priced: catalog ${catalog.version} has no price for it (the catalog shipped with serverless-fit has one).`;
  if (extras.provisioned) {
    const why = extras.provisioned === 'latency' ? 'a p99 target under 100 ms' : extras.provisioned === 'target' ? 'a cold start takes half the latency target or more' : 'users wait on slow cold starts';
    out.push(
      `Cold starts matter here (${why}), so Lambda is priced with provisioned concurrency: environments for the peak hour's concurrency (peak req/s x run time, rounded up) kept warm all month (environments x memory GB x 2,628,000 s), and runs on them billed at the provisioned duration rate. Lambda's free tier does not apply to functions with provisioned concurrency.`,
    );
  }
  if (extras.responses) {
    const r = extras.responses;
    const said = r.stated ? `from "${r.words}"` : `assumed for "${r.words}"; say the size to change it`;
    out.push(
      catalog.aws.dataTransfer
        ? `Data transfer out: ${kb(r.kbPerRequest)} sent to the internet per request (${said}): requests x ${formatAmount(r.kbPerRequest)} KB / 1,048,576 = GB a month, on AWS Lambda, Fargate and EC2 alike; the first ${formatAmount(catalog.aws.dataTransfer.freeOutGb.quantity)} GB a month are free across the account. Google Cloud and Azure bill egress too (not priced in this catalog); Cloudflare Workers charge none.`
        : missing(`Data transfer out (${kb(r.kbPerRequest)} per request, ${said})`),
    );
  }
  if (extras.logs) {
    const l = extras.logs;
    const said = l.stated ? 'as you said' : 'assumed; say the size to change it';
    out.push(
      catalog.aws.cloudwatchLogs
        ? `CloudWatch Logs: ${kb(l.kbPerRequest)} written per request (${said}): requests x ${formatAmount(l.kbPerRequest)} KB / 1,048,576 = GB ingested a month, the same on Lambda, Fargate and EC2 (servers ship their logs to CloudWatch too); the first ${formatAmount(catalog.aws.cloudwatchLogs.freeGb.quantity)} GB a month are free. Log storage and queries are not included; Google Cloud and Azure logging are not priced in this catalog.`
        : missing(`CloudWatch Logs ingestion (${kb(l.kbPerRequest)} per request, ${said})`),
    );
  }
  if (extras.vpcInternet) {
    out.push(
      catalog.aws.natGateway
        ? `In a VPC and reaching the internet ("${extras.vpcInternet.words}"): Lambda's outbound traffic goes through NAT gateways, one per availability zone (${NAT_GATEWAYS} assumed) billed ${HOURS_PER_MONTH} hours each, plus ${NAT_KB_PER_REQUEST} KB processed per request (the outgoing call and its reply, assumed). Servers are taken to sit in public subnets without a NAT gateway; in private subnets they pay the same NAT lines.`
        : missing(`A NAT gateway for a VPC that reaches the internet ("${extras.vpcInternet.words}")`),
    );
  }
  if (extras.ephemeralMb !== null) {
    out.push(
      `Lambda ephemeral storage: ${formatAmount(extras.ephemeralMb)} MB of /tmp, of which ${LAMBDA_INCLUDED_EPHEMERAL_MB} MB are included; the other ${formatAmount(extras.ephemeralMb - LAMBDA_INCLUDED_EPHEMERAL_MB)} MB are billed for every second a run takes (requests x run time x ${formatAmount((extras.ephemeralMb - LAMBDA_INCLUDED_EPHEMERAL_MB) / 1024)} GB). Servers' local disks are not priced.`,
    );
  }
  return out;
}

/** What the card still leaves out, naming only what this workload does not already price. */
export function notIncluded(extras: CostExtras | null | undefined): string {
  if (!extras) return 'Not included: Lambda INIT (cold start) time, data transfer, logs, storage and databases.';
  const left = ['Lambda INIT (cold start) time'];
  if (!extras.responses) left.push('data transfer');
  if (!extras.logs) left.push('logs');
  left.push('storage', 'databases');
  return `Not included: ${left.slice(0, -1).join(', ')}${left.length > 1 ? ' and ' : ''}${left[left.length - 1]}.`;
}
