import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { costLine, tableAmount, tierTable, tieredLines } from './cost-line.js';
import type { BaseTraffic, PlatformModel, WorkloadShape } from './cost-model.js';
import { lambdaTriggerCost, lambdaTriggerLabel, lambdaTriggerPricer } from './trigger-cost.js';
import { formatAmount } from './format-cost.js';

// AWS Lambda: requests + GB-seconds (tiered by monthly volume) + the trigger in front.

function unavailableReason(catalog: PricingCatalog, shape: WorkloadShape): string | null {
  const limits = catalog.aws.lambda.limits;
  const worstS = shape.worstMs / 1000;
  if (worstS > limits.timeoutSeconds.value)
    return `a worst case of ${formatAmount(worstS)} s is over Lambda's ${limits.timeoutSeconds.value} s timeout`;
  if (shape.memoryMb > limits.memoryMbMax.value)
    return `${formatAmount(shape.memoryMb)} MB of memory is over Lambda's ${formatAmount(limits.memoryMbMax.value)} MB maximum`;
  if (shape.packageMb > limits.containerImageMb.value)
    return `a ${formatAmount(shape.packageMb)} MB package is over Lambda's 10 GB container image limit`;
  return null;
}

export function createLambdaModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  const lambda = catalog.aws.lambda;
  const arm = shape.architecture === 'arm';
  const compute = arm ? lambda.computeArm : lambda.computeX86;
  const computeRef = arm ? 'aws.lambda.computeArm' : 'aws.lambda.computeX86';
  const gbSecondsPerRequest = (shape.durationMs / 1000) * (shape.memoryMb / 1024);
  const computeTable = tierTable(compute);
  const perRequestUsd = lambda.requests.usd / 1e6;
  const front = lambdaTriggerPricer(catalog, shape.trigger);
  return {
    platform: 'aws-lambda',
    kind: 'functions',
    label: `AWS Lambda (${arm ? 'Arm' : 'x86'})${lambdaTriggerLabel(shape.trigger)}`,
    unavailableReason: unavailableReason(catalog, shape),
    cost(scale, sink) {
      const requests = traffic.monthlyRequests * scale;
      const gbSeconds = requests * gbSecondsPerRequest;
      if (!sink) return requests * perRequestUsd + tableAmount(gbSeconds, computeTable) + front(requests);
      sink.lines.push(costLine('Lambda requests', requests / 1e6, lambda.requests.unit, lambda.requests.usd, 'aws.lambda.requests'));
      sink.lines.push(...tieredLines('Lambda compute (GB-s)', gbSeconds, compute, computeRef));
      const firstTierUsd = compute.tiers[0]?.usd ?? 0;
      const freeRequests = Math.min(requests, lambda.freeRequests.quantity);
      const freeGbSeconds = Math.min(gbSeconds, lambda.freeComputeGbSeconds.quantity);
      sink.freeTier.push(costLine('Free tier: Lambda requests', freeRequests / 1e6, lambda.requests.unit, -lambda.requests.usd, 'aws.lambda.freeRequests'));
      sink.freeTier.push(costLine('Free tier: Lambda compute', freeGbSeconds, compute.unit, -firstTierUsd, 'aws.lambda.freeComputeGbSeconds'));
      return requests * perRequestUsd + tableAmount(gbSeconds, computeTable) + lambdaTriggerCost(catalog, shape.trigger, requests, sink);
    },
  };
}
