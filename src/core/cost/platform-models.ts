import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { BaseTraffic, PlatformModel, WorkloadShape } from './cost-model.js';
import { createLambdaModel } from './lambda-cost.js';
import { createEc2Model } from './ec2-cost.js';
import { createFargateModel } from './fargate-cost.js';
import { createCloudRunFunctionsModel } from './cloud-run-functions-cost.js';
import { createAzureFunctionsModel } from './azure-functions-cost.js';
import { createCloudflareWorkersModel } from './cloudflare-workers-cost.js';
import { createBatchModel, isJob } from './job-cost.js';
import { withCostExtras } from './cost-extras.js';

/** Lambda against the server options: what break-even and sensitivity compare. */
export interface ComparisonModels {
  lambda: PlatformModel;
  /** Fargate, EC2 and, for jobs, AWS Batch. */
  servers: PlatformModel[];
}

export function createComparisonModels(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): ComparisonModels {
  const servers = [withCostExtras(createFargateModel(catalog, shape, traffic), catalog, shape, traffic), withCostExtras(createEc2Model(catalog, shape, traffic), catalog, shape, traffic)];
  if (isJob(shape)) servers.push(createBatchModel(catalog, shape, traffic));
  return { lambda: withCostExtras(createLambdaModel(catalog, shape, traffic), catalog, shape, traffic), servers };
}

/** Every platform, in the stable PLATFORM_IDS order (AWS Batch only for jobs). */
export function createPlatformModels(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic, comparison: ComparisonModels): PlatformModel[] {
  const [fargate, ec2, batch] = comparison.servers;
  const models = [
    comparison.lambda,
    fargate!,
    ec2!,
    createCloudRunFunctionsModel(catalog, shape, traffic),
    createAzureFunctionsModel(catalog, shape, traffic),
    createCloudflareWorkersModel(catalog, shape, traffic),
  ];
  if (batch) models.push(batch);
  return models;
}

/** Price of the cheapest available server option at `scale` (Infinity when none): the hot path of break-even. */
export function cheapestServerUsd(servers: readonly PlatformModel[], scale: number): number {
  let best = Infinity;
  for (const model of servers) if (model.unavailableReason === null) best = Math.min(best, model.cost(scale));
  return best;
}

/** The cheapest available server option at `scale`. */
export function cheapestServer(servers: readonly PlatformModel[], scale: number): { model: PlatformModel; usd: number } | null {
  let best: { model: PlatformModel; usd: number } | null = null;
  for (const model of servers) {
    if (model.unavailableReason !== null) continue;
    const usd = model.cost(scale);
    if (best === null || usd < best.usd) best = { model, usd };
  }
  return best;
}
