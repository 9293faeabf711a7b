import type { Reason } from '../assessment.js';
import { formatDuration, formatMemory, formatSignificant } from '../format.js';
import { platformName } from './platform-pick.js';
import { API_GATEWAY_TIMEOUT_MS, LAMBDA_LIMITS } from './lambda-limits.js';
import type { Rule, RuleContext } from './rule.js';

// Hard limits: past them Lambda cannot run the workload at all. When another
// functions platform can (Cloud Run functions' 60-minute HTTP limit, 32 GB),
// the limit is a cost of choosing Lambda, not a reason to leave serverless.

/** How much longer a CPU-bound run takes on Lambda at this memory than on one full vCPU. */
export function lambdaStretch({ workload }: Pick<RuleContext, 'workload'>): number {
  if (workload.nature !== 'cpu-bound') return 1;
  return 1 - workload.cpuShare + workload.cpuShare * Math.max(1, LAMBDA_LIMITS.memoryMbPerVcpu / workload.memoryMb);
}

/** A blocker, unless another functions platform runs it: then a con naming that platform. */
function lambdaLimit(ctx: RuleContext, rule: Reason['rule'], text: string): Reason {
  const other = ctx.picks.functions;
  if (other && other.platform !== 'aws-lambda') {
    return { rule, polarity: 'con', weight: 15, text: `${text.replace(/\.$/, '')}; ${platformName(other, ctx.workload)} can run it.` };
  }
  return { rule, polarity: 'blocker', weight: 100, text };
}

export const timeoutRule: Rule = (ctx) => {
  const { duration } = ctx.workload;
  const limit = LAMBDA_LIMITS.timeoutMs;
  const stretch = lambdaStretch(ctx);
  const slower = stretch > 1.001 ? ` at ${formatMemory(ctx.workload.memoryMb)}, where Lambda has ${formatSignificant(ctx.workload.memoryMb / LAMBDA_LIMITS.memoryMbPerVcpu, 2)} vCPU` : '';
  const typical = duration.typicalMs * stretch;
  const worst = duration.worstMs * stretch;
  if (typical > limit) {
    return [lambdaLimit(ctx, 'timeout', `${formatDuration(typical)} per run${slower} is ${formatSignificant(typical / limit, 2)}x Lambda's 15-minute limit (900 s).`)];
  }
  if (worst > limit) {
    return [{
      rule: 'timeout',
      polarity: 'con',
      weight: 35,
      text: `Worst case ${formatDuration(worst)}${slower} passes Lambda's 15-minute limit (900 s); those runs would be killed.`,
    }];
  }
  if (worst > limit * 0.66) {
    return [{
      rule: 'timeout',
      polarity: 'con',
      weight: 10,
      text: `${formatDuration(worst)}${slower} is ${Math.round((worst / limit) * 100)}% of Lambda's 15-minute limit: little headroom if the work grows.`,
    }];
  }
  return [];
};

export const memoryLimitRule: Rule = (ctx) =>
  ctx.workload.memoryMb > LAMBDA_LIMITS.maxMemoryMb
    ? [lambdaLimit(ctx, 'memory-limit', `${formatMemory(ctx.workload.memoryMb)} of memory is above Lambda's 10,240 MB maximum.`)]
    : [];

export const packageSizeRule: Rule = (ctx) => {
  const { packageMb, stated } = ctx.workload;
  if (packageMb > LAMBDA_LIMITS.containerImageMb) {
    return [lambdaLimit(ctx, 'package-size', `${formatMemory(packageMb)} of code and dependencies is above the 10 GB container-image limit.`)];
  }
  const reasons: Reason[] = [];
  if (packageMb > LAMBDA_LIMITS.zipUnzippedMb) {
    reasons.push({
      rule: 'package-size',
      polarity: 'con',
      weight: 10,
      text: `${formatMemory(packageMb)}${stated?.package === false ? ' (assumed)' : ''} is over the 250 MB unzipped .zip limit: it must ship as a container image (up to 10 GB).`,
    });
  }
  return reasons;
};

export const apiGatewayTimeoutRule: Rule = ({ workload: { trigger, duration }, picks }) =>
  (trigger === 'http' || trigger === 'webhook') && duration.worstMs > API_GATEWAY_TIMEOUT_MS && duration.worstMs <= LAMBDA_LIMITS.timeoutMs && picks.functions?.platform === 'aws-lambda'
    ? [{
        rule: 'api-gateway-timeout',
        polarity: 'con',
        weight: 15,
        text: `A ${formatDuration(duration.worstMs)} request outlasts API Gateway's 29 s integration timeout: make it asynchronous (queue + callback) or serve it from a container.`,
      }]
    : [];
