import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { Sensitivity } from './cost-types.js';
import type { BaseTraffic, WorkloadShape } from './cost-model.js';
import { cheapestServer, createComparisonModels, type ComparisonModels } from './platform-models.js';
import { formatUsdRounded } from '../format.js';

// Which assumption moves the Lambda-vs-servers answer most: vary each by a factor
// of two and keep the one that flips the cheaper side, or else the one that
// changes the gap between them most.

interface Variant {
  assumption: 'traffic' | 'duration' | 'memory' | 'cpu-share';
  verb: string;
  models: ComparisonModels;
  scale: number;
}

function signedPercent(from: number, to: number): string {
  if (from === 0) return to === 0 ? '+0%' : 'from $0';
  const pct = Math.round(((to - from) / from) * 100);
  return `${pct >= 0 ? '+' : ''}${pct}%`;
}

export function findSensitivity(
  catalog: PricingCatalog,
  shape: WorkloadShape,
  traffic: BaseTraffic,
  base: ComparisonModels,
  scale: number,
): Sensitivity | null {
  if (base.lambda.unavailableReason !== null) return null;
  const baseServer = cheapestServer(base.servers, scale);
  if (baseServer === null) return null;
  const baseLambda = base.lambda.cost(scale);
  const baseGap = baseLambda - baseServer.usd;

  const halveCpu = shape.cpuShare > 0.5;
  const variants: Variant[] = [
    { assumption: 'traffic', verb: 'Doubling the traffic', models: base, scale: scale * 2 },
    { assumption: 'duration', verb: 'Doubling the duration', models: createComparisonModels(catalog, { ...shape, durationMs: shape.durationMs * 2 }, traffic), scale },
    { assumption: 'memory', verb: 'Doubling the memory', models: createComparisonModels(catalog, { ...shape, memoryMb: shape.memoryMb * 2 }, traffic), scale },
    {
      assumption: 'cpu-share',
      verb: halveCpu ? 'Halving the CPU share' : 'Doubling the CPU share',
      models: createComparisonModels(catalog, { ...shape, cpuShare: halveCpu ? shape.cpuShare / 2 : Math.min(1, shape.cpuShare * 2) }, traffic),
      scale,
    },
  ];

  let best: { variant: Variant; lambda: number; server: number; flips: boolean; moved: number } | null = null;
  for (const variant of variants) {
    const server = cheapestServer(variant.models.servers, variant.scale);
    if (server === null) continue;
    const lambda = variant.models.lambda.cost(variant.scale);
    const gap = lambda - server.usd;
    const flips = gap >= 0 !== baseGap >= 0;
    const moved = Math.abs(gap - baseGap);
    if (best === null || (flips && !best.flips) || (flips === best.flips && moved > best.moved)) best = { variant, lambda, server: server.usd, flips, moved };
  }
  if (best === null) return null;

  const { variant, lambda, server, flips } = best;
  const flip = flips ? ` That would make ${baseGap < 0 ? 'servers' : 'AWS Lambda'} the cheaper option.` : '';
  return {
    assumption: variant.assumption,
    sentence:
      `${variant.verb} moves the comparison most: AWS Lambda ${signedPercent(baseLambda, lambda)} (${formatUsdRounded(baseLambda)} to ${formatUsdRounded(lambda)}), ` +
      `servers ${signedPercent(baseServer.usd, server)} (${formatUsdRounded(baseServer.usd)} to ${formatUsdRounded(server)}).${flip}`,
  };
}
