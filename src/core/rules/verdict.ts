import type { Reason, Verdict } from '../assessment.js';
import type { CostReport, PlatformId } from '../cost/cost-types.js';
import { LAMBDA_LIMITS } from './lambda-limits.js';
import { cheapestServer, lambdaCost } from './cost-lookup.js';
import type { ResolvedWorkload } from '../workload.js';

// Turns reasons into a score, a verdict and a recommended platform.

export const FIT_THRESHOLD = 60;
export const MARGINAL_THRESHOLD = 40;

export function scoreReasons(reasons: readonly Reason[]): number {
  if (reasons.some((r) => r.polarity === 'blocker')) return 0;
  let score = 50;
  for (const r of reasons) score += r.polarity === 'pro' ? r.weight : -r.weight;
  return Math.max(0, Math.min(100, score));
}

export function verdictFor(score: number, reasons: readonly Reason[]): Verdict {
  if (reasons.some((r) => r.polarity === 'blocker')) return 'avoid';
  if (score >= FIT_THRESHOLD) return 'fit';
  return score >= MARGINAL_THRESHOLD ? 'marginal' : 'avoid';
}

const SERVER_NAMES: Partial<Record<PlatformId, string>> = {
  'aws-ec2': 'Amazon EC2',
  'aws-fargate': 'ECS on Fargate',
};

export function recommendPlatform(verdict: Verdict, workload: ResolvedWorkload, reasons: readonly Reason[], cost: CostReport): string {
  const lambda = lambdaCost(cost);
  const server = cheapestServer(cost);
  const lambdaName = workload.architecture === 'arm' ? 'AWS Lambda (Arm)' : 'AWS Lambda';
  if (verdict === 'fit') return lambdaName;
  const serverName = (server && SERVER_NAMES[server.platform]) ?? 'ECS on Fargate';
  if (verdict === 'marginal') {
    return lambda && server && (lambda.monthlyUsd ?? Infinity) <= (server.monthlyUsd ?? Infinity) ? lambdaName : serverName;
  }
  const isService = workload.trigger === 'http' || workload.trigger === 'webhook' || workload.trigger === 'websocket';
  const tooLong = workload.duration.typicalMs > LAMBDA_LIMITS.timeoutMs || workload.duration.worstMs > LAMBDA_LIMITS.timeoutMs;
  if (tooLong && !isService) return 'AWS Batch';
  if (reasons.some((r) => r.rule === 'state')) return 'ECS on Fargate';
  return serverName;
}
