import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { costLine } from './cost-line.js';
import { isUserFacing, type BaseTraffic, type PlatformModel, type WorkloadShape } from './cost-model.js';
import { formatAmount } from '../format.js';
import { unavailableModel } from './unavailable-model.js';

// Azure Functions: the Consumption plan when the workload fits it (10 minutes,
// 1.5 GB), otherwise Flex Consumption on demand, billed on its instance memory size.

export type AzurePlan = 'consumption' | 'flex';

export interface AzurePlanChoice {
  plan: AzurePlan | null;
  /** Memory billed per execution, MB. */
  billedMemoryMb: number;
  reason: string | null;
}

/** Consumption bills memory rounded up to 128 MB. */
const CONSUMPTION_MEMORY_STEP_MB = 128;

export function chooseAzurePlan(catalog: PricingCatalog, shape: WorkloadShape): AzurePlanChoice {
  const consumption = catalog.azure.functionsConsumption;
  const flex = catalog.azure.functionsFlex;
  const worstS = shape.worstMs / 1000;
  const httpLimit = consumption.limits.httpResponseSeconds.value;
  if (isUserFacing(shape.trigger) && worstS > httpLimit)
    return { plan: null, billedMemoryMb: 0, reason: `an HTTP response has to start within ${httpLimit} s on Azure Functions; the worst case is ${formatAmount(worstS)} s` };
  if (worstS <= consumption.limits.timeoutSeconds.value && shape.memoryMb <= consumption.limits.memoryMbMax.value)
    return { plan: 'consumption', billedMemoryMb: Math.ceil(shape.memoryMb / CONSUMPTION_MEMORY_STEP_MB) * CONSUMPTION_MEMORY_STEP_MB, reason: null };
  const guaranteed = flex.limits.guaranteedSeconds?.value;
  if (guaranteed !== undefined && worstS > guaranteed)
    return { plan: null, billedMemoryMb: 0, reason: `a worst case of ${formatAmount(worstS)} s is over the ${guaranteed / 60} minutes Flex Consumption guarantees a run when instances scale in` };
  const size = flex.instanceMemoryMb.sizes.find((s) => s >= shape.memoryMb);
  if (size === undefined)
    return { plan: null, billedMemoryMb: 0, reason: `${formatAmount(shape.memoryMb)} MB of memory is over the largest Flex Consumption instance (${formatAmount(flex.instanceMemoryMb.sizes.at(-1) ?? 0)} MB)` };
  return { plan: 'flex', billedMemoryMb: size, reason: null };
}

export function createAzureFunctionsModel(catalog: PricingCatalog, shape: WorkloadShape, traffic: BaseTraffic): PlatformModel {
  if (shape.gpu) return unavailableModel('azure-functions', 'functions', 'Azure Functions', 'Azure Functions have no GPUs');
  if (shape.connections) return unavailableModel('azure-functions', 'functions', 'Azure Functions', 'a function holds no connection between invocations (Azure Web PubSub can; not priced here)');
  const choice = chooseAzurePlan(catalog, shape);
  const flex = choice.plan === 'flex';
  const prices = flex ? catalog.azure.functionsFlex : catalog.azure.functionsConsumption;
  const ref = flex ? 'azure.functionsFlex' : 'azure.functionsConsumption';
  const planName = flex ? 'Flex Consumption' : 'Consumption';
  const gbSecondsPerRequest = (shape.durationMs / 1000) * (choice.billedMemoryMb / 1024);
  return {
    platform: 'azure-functions',
    kind: 'functions',
    label: choice.plan === null ? 'Azure Functions' : `Azure Functions (${planName})`,
    unavailableReason: choice.reason,
    cost(scale, sink) {
      const requests = traffic.monthlyRequests * scale;
      const gbSeconds = requests * gbSecondsPerRequest;
      if (sink) {
        sink.lines.push(costLine(`Azure ${planName} executions`, requests / 1e6, prices.executions.unit, prices.executions.usd, `${ref}.executions`));
        sink.lines.push(costLine(`Azure ${planName} execution time`, gbSeconds, prices.gbSecond.unit, prices.gbSecond.usd, `${ref}.gbSecond`));
        sink.freeTier.push(
          costLine('Free grant: Azure executions', Math.min(requests, prices.freeExecutions.quantity) / 1e6, prices.executions.unit, -prices.executions.usd, `${ref}.freeExecutions`),
          costLine('Free grant: Azure execution time', Math.min(gbSeconds, prices.freeGbSeconds.quantity), prices.gbSecond.unit, -prices.gbSecond.usd, `${ref}.freeGbSeconds`),
        );
      }
      return (requests / 1e6) * prices.executions.usd + gbSeconds * prices.gbSecond.usd;
    },
  };
}
