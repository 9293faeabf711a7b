import type { CatalogPrice, CatalogTieredPrice, PricingCatalog } from '../pricing/catalog-schema.js';
import { indexCatalog } from './catalog-index.js';
import { costLine, tableAmount, tierTable, tieredLines, type TierTable } from './cost-line.js';
import { ceilCount, type BaseTraffic, type CostSink, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { LAMBDA_INCLUDED_EPHEMERAL_MB } from './cost-extras.js';
import { SECONDS_PER_MONTH } from '../workload.js';
import { lambdaTriggerCost, lambdaTriggerLabel, lambdaTriggerPricer } from './trigger-cost.js';
import { formatAmount } from '../format.js';
import { unavailableModel } from './unavailable-model.js';

// AWS Lambda: requests + GB-seconds (tiered by monthly volume) + the trigger in
// front. Lambda's CPU grows with its memory (one vCPU at 1,769 MB), so a
// CPU-bound run given less memory takes longer, and is billed for it. Held
// connections go through API Gateway WebSocket: connection-minutes, messages,
// and a function call per message plus one to connect and one to disconnect.

/** How much longer a run takes on Lambda than on one full vCPU (the stated duration): only the CPU part slows down. */
export function lambdaStretch(shape: WorkloadShape, memoryMbPerVcpu: number): number {
  if (shape.nature !== 'cpu-bound') return 1;
  return 1 - shape.cpuShare + shape.cpuShare * Math.max(1, memoryMbPerVcpu / shape.memoryMb);
}

function unavailableReason(catalog: PricingCatalog, shape: WorkloadShape, stretch: number): string | null {
  const limits = catalog.aws.lambda.limits;
  const worstS = (shape.worstMs / 1000) * stretch;
  if (worstS > limits.timeoutSeconds.value) {
    const slower = stretch > 1.001 ? ` (CPU-bound at ${formatAmount(shape.memoryMb)} MB, where Lambda gives ${formatAmount(shape.memoryMb / indexCatalog(catalog).lambdaMemoryMbPerVcpu)} vCPU)` : '';
    return `a worst case of ${formatAmount(worstS)} s${slower} is over Lambda's ${limits.timeoutSeconds.value} s timeout`;
  }
  if (shape.memoryMb > limits.memoryMbMax.value)
    return `${formatAmount(shape.memoryMb)} MB of memory is over Lambda's ${formatAmount(limits.memoryMbMax.value)} MB maximum`;
  if (shape.packageMb > limits.containerImageMb.value)
    return `a ${formatAmount(shape.packageMb)} MB package is over Lambda's 10 GB container image limit`;
  return null;
}

/** Provisioned concurrency's prices, when cold starts matter. */
interface WarmPrices {
  configured: CatalogPrice;
  configuredRef: string;
  duration: CatalogPrice;
  durationRef: string;
}

/**
 * What compute pricing needs, fixed per model. Module-level functions read it
 * rather than closures made per model: models are built several times per
 * assessment (sensitivity varies the shape), and a closure per model is garbage.
 */
interface ComputePricing {
  lambda: PricingCatalog['aws']['lambda'];
  compute: CatalogTieredPrice;
  computeRef: string;
  computeTable: TierTable;
  warm: WarmPrices | null;
  peakHourRequests: number;
  callsPerMessage: number;
  runS: number;
  memoryGb: number;
  ephemeralGb: number;
  computeLabel: string;
}

/** Environments kept warm for the peak hour's concurrency at `scale`. */
function environments(p: ComputePricing, scale: number): number {
  return Math.max(1, ceilCount(((p.peakHourRequests * scale * p.callsPerMessage) / 3600) * p.runS));
}

/** Compute, and the extras Lambda itself bills (provisioned concurrency, ephemeral storage). */
function computeUsd(p: ComputePricing, requests: number, gbSeconds: number, scale: number, sink?: CostSink): number {
  const { lambda, warm } = p;
  let usd: number;
  if (warm) {
    const configured = environments(p, scale) * p.memoryGb * SECONDS_PER_MONTH;
    usd = gbSeconds * warm.duration.usd + configured * warm.configured.usd;
    if (sink) {
      sink.lines.push(costLine(p.computeLabel.replace('Lambda compute', 'Lambda compute on provisioned environments'), gbSeconds, warm.duration.unit, warm.duration.usd, warm.durationRef));
      sink.lines.push(costLine(`Provisioned concurrency, ${environments(p, scale)} environment${environments(p, scale) === 1 ? "" : "s"} kept warm (GB-s)`, configured, warm.configured.unit, warm.configured.usd, warm.configuredRef));
    }
  } else {
    usd = tableAmount(gbSeconds, p.computeTable);
    if (sink) sink.lines.push(...tieredLines(p.computeLabel, gbSeconds, p.compute, p.computeRef));
  }
  if (p.ephemeralGb > 0) {
    const storageGbSeconds = requests * p.runS * p.ephemeralGb;
    usd += storageGbSeconds * lambda.ephemeralStorage.usd;
    sink?.lines.push(costLine('Lambda ephemeral storage above 512 MB (GB-s)', storageGbSeconds, lambda.ephemeralStorage.unit, lambda.ephemeralStorage.usd, 'aws.lambda.ephemeralStorage'));
  }
  return usd;
}

export function createLambdaModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const arm = shape.architecture === 'arm';
  const name = `AWS Lambda (${arm ? 'Arm' : 'x86'})`;
  if (shape.gpu) return unavailableModel('aws-lambda', 'functions', name, 'Lambda has no GPUs');
  const lambda = catalog.aws.lambda;
  const compute = arm ? lambda.computeArm : lambda.computeX86;
  const computeRef = arm ? 'aws.lambda.computeArm' : 'aws.lambda.computeX86';
  const stretch = lambdaStretch(shape, indexCatalog(catalog).lambdaMemoryMbPerVcpu);
  const gbSecondsPerRequest = ((shape.durationMs * stretch) / 1000) * (shape.memoryMb / 1024);
  const computeTable = tierTable(compute);
  const perRequestUsd = lambda.requests.usd / 1e6;
  const front = lambdaTriggerPricer(catalog, shape.trigger);
  const connections = shape.connections;
  // Each connection calls the function once to connect and once to disconnect, besides its messages.
  const callsPerMessage = connections ? 1 + (2 * connections.perRps) / (connections.sessionMinutes * 60) : 1;
  const connectionMinutesPerMessage = connections ? connections.perRps / 60 : 0;
  const minutes = catalog.aws.apiGateway.websocketConnectionMinutes;
  const messagesTable = tierTable(catalog.aws.apiGateway.websocketMessages);
  const runS = (shape.durationMs * stretch) / 1000;
  const memoryGb = shape.memoryMb / 1024;
  // Cold starts that matter are met with provisioned concurrency: environments
  // for the peak hour kept warm all month, and runs on them at the provisioned rate.
  const warm = shape.extras?.provisioned
    ? {
        configured: arm ? lambda.provisionedConcurrencyArm : lambda.provisionedConcurrencyX86,
        configuredRef: arm ? 'aws.lambda.provisionedConcurrencyArm' : 'aws.lambda.provisionedConcurrencyX86',
        duration: arm ? lambda.provisionedDurationArm : lambda.provisionedDurationX86,
        durationRef: arm ? 'aws.lambda.provisionedDurationArm' : 'aws.lambda.provisionedDurationX86',
      }
    : null;
  const ephemeralGb = shape.extras?.ephemeralMb ? (shape.extras.ephemeralMb - LAMBDA_INCLUDED_EPHEMERAL_MB) / 1024 : 0;
  const computeLabel = stretch > 1.001 ? `Lambda compute (GB-s, runs ${formatAmount(stretch)}x longer at this memory)` : 'Lambda compute (GB-s)';
  const pricing: ComputePricing = { lambda, compute, computeRef, computeTable, warm, peakHourRequests: traffic.peakHourRequests, callsPerMessage, runS, memoryGb, ephemeralGb, computeLabel };
  return {
    platform: 'aws-lambda',
    kind: 'functions',
    label: connections ? `${name} + API Gateway WebSocket` : `${name}${lambdaTriggerLabel(shape.trigger)}`,
    unavailableReason: unavailableReason(catalog, shape, stretch),
    cost(scale, sink) {
      const messages = traffic.monthlyRequests * scale;
      const requests = messages * callsPerMessage;
      const gbSeconds = requests * gbSecondsPerRequest;
      const gateway = connections
        ? tableAmount(messages / 1e6, messagesTable) + ((messages * connectionMinutesPerMessage) / 1e6) * minutes.usd
        : front(requests);
      if (!sink) return requests * perRequestUsd + computeUsd(pricing, requests, gbSeconds, scale) + gateway;
      sink.lines.push(costLine(connections ? 'Lambda requests (messages, connects and disconnects)' : 'Lambda requests', requests / 1e6, lambda.requests.unit, lambda.requests.usd, 'aws.lambda.requests'));
      const computed = computeUsd(pricing, requests, gbSeconds, scale, sink);
      // The free tier does not apply to functions with provisioned concurrency (aws.amazon.com/lambda/pricing).
      if (!warm) {
        const firstTierUsd = compute.tiers[0]?.usd ?? 0;
        const freeRequests = Math.min(requests, lambda.freeRequests.quantity);
        const freeGbSeconds = Math.min(gbSeconds, lambda.freeComputeGbSeconds.quantity);
        sink.freeTier.push(costLine('Free tier: Lambda requests', freeRequests / 1e6, lambda.requests.unit, -lambda.requests.usd, 'aws.lambda.freeRequests'));
        sink.freeTier.push(costLine('Free tier: Lambda compute', freeGbSeconds, compute.unit, -firstTierUsd, 'aws.lambda.freeComputeGbSeconds'));
      }
      if (!connections) return requests * perRequestUsd + computed + lambdaTriggerCost(catalog, shape.trigger, requests, sink);
      sink.lines.push(...tieredLines('API Gateway WebSocket messages', messages / 1e6, catalog.aws.apiGateway.websocketMessages, 'aws.apiGateway.websocketMessages'));
      sink.lines.push(costLine('API Gateway WebSocket connection-minutes', (messages * connectionMinutesPerMessage) / 1e6, minutes.unit, minutes.usd, 'aws.apiGateway.websocketConnectionMinutes'));
      return requests * perRequestUsd + computed + gateway;
    },
  };
}
