import type { Reason } from '../assessment.js';
import { formatCountRounded, formatDuration, formatMemory, formatUsdRounded } from '../format.js';
import { trafficPeakRps } from '../traffic.js';
import { SECONDS_PER_MONTH, type ResolvedWorkload } from '../workload.js';
import { LATENCY_CRITICAL_MS } from './lambda-limits.js';
import type { Rule, RuleContext } from './rule.js';

// Cold starts matter whenever a user waits on one: for tight latency targets,
// and for targets up to about a second when the runtime starts slowly (the JVM,
// .NET) or the package or model is big. A model loaded into memory is loaded on
// every cold start. Edge isolates start in milliseconds and are left out.

/** Rough start-up of a runtime on functions, before the code's own work. */
const RUNTIME_START_MS: Record<string, number> = { java: 3000, dotnet: 1000 };
const DEFAULT_START_MS = 300;
/** Loading code or a model: about a second per 250 MB. */
const LOAD_MS_PER_MB = 4;
/** Latency targets up to here are ones a cold start can break. */
const COLD_START_MATTERS_MS = 1000;
const BIG_PACKAGE_MB = 250;
const HEAVY_MB = 1024;

export function coldStartMs(w: ResolvedWorkload): number {
  return (RUNTIME_START_MS[w.runtime ?? ''] ?? DEFAULT_START_MS) + (w.stated?.package === false && !w.modelMb ? 0 : w.packageMb * LOAD_MS_PER_MB);
}

function cause(w: ResolvedWorkload): string {
  const parts: string[] = [];
  if (w.runtime === 'java') parts.push('the JVM (Spring Boot more so)');
  if (w.runtime === 'dotnet') parts.push('.NET');
  if (w.modelMb) parts.push(`loading a ${formatMemory(w.modelMb)} model`);
  else if (w.packageMb >= BIG_PACKAGE_MB) parts.push(`loading ${formatMemory(w.packageMb)} of code`);
  return parts.length ? parts.join(' and ') : 'a new execution environment';
}

/** What keeping environments warm costs on Lambda: the peak's concurrency, provisioned all month. */
function provisioned(ctx: RuleContext): string {
  const { workload, catalog } = ctx;
  if (ctx.picks.functions?.platform !== 'aws-lambda') return '';
  const arm = workload.architecture === 'arm';
  const price = arm ? catalog.aws.lambda.provisionedConcurrencyArm : catalog.aws.lambda.provisionedConcurrencyX86;
  const environments = Math.max(1, Math.ceil(trafficPeakRps(workload.traffic) * (workload.duration.typicalMs / 1000)));
  const gbSeconds = environments * (workload.memoryMb / 1024) * SECONDS_PER_MONTH;
  const snap = workload.runtime === 'java' ? ' SnapStart cuts Java start-up to about a second for no extra charge.' : '';
  return ` Provisioned concurrency for ${formatCountRounded(environments)} environment${environments === 1 ? '' : 's'} at ${formatMemory(workload.memoryMb)} keeps them warm: ${formatCountRounded(gbSeconds)} GB-s x $${price.usd} = ${formatUsdRounded(gbSeconds * price.usd)} a month.${snap}`;
}

export const coldStartRule: Rule = (ctx) => {
  const { workload, picks } = ctx;
  const pick = picks.functions;
  if (!pick || pick.platform === 'cloudflare-workers') return [];
  const reasons: Reason[] = [];
  const target = workload.latencyP99Ms;
  const start = coldStartMs(workload);
  const slowRuntime = workload.runtime === 'java' || workload.runtime === 'dotnet';
  const heavy = workload.modelMb !== null && workload.modelMb !== undefined ? true : workload.packageMb >= BIG_PACKAGE_MB;
  const userFacing = workload.trigger === 'http' || workload.trigger === 'webhook' || workload.trigger === 'websocket';
  if (target !== null && target < LATENCY_CRITICAL_MS) {
    reasons.push({
      rule: 'latency',
      polarity: 'con',
      weight: 20,
      text: `A p99 target of ${formatCountRounded(target)} ms leaves no room for cold starts (under 100 ms to over 1 s, in under 1% of invocations: exactly the p99).${provisioned(ctx)}`,
    });
  } else if (target !== null && target <= COLD_START_MATTERS_MS && start >= target / 2) {
    reasons.push({
      rule: 'cold-start',
      polarity: 'con',
      weight: 15,
      text: `A p99 target of ${formatCountRounded(target)} ms, but a cold start with ${cause(workload)} takes about ${formatDuration(start)}: the slowest requests miss it.${provisioned(ctx)}`,
    });
  } else if (userFacing && (slowRuntime || heavy)) {
    reasons.push({
      rule: 'cold-start',
      polarity: 'con',
      weight: 10,
      text: `Cold starts with ${cause(workload)} take about ${formatDuration(start)}; the users who hit one (under 1% of requests) wait that long.${provisioned(ctx)}`,
    });
  }
  if (heavy && (workload.modelMb ?? workload.packageMb) >= HEAVY_MB) {
    reasons.push({
      rule: 'heavy-dependencies',
      polarity: 'con',
      weight: 15,
      text: `Loading ${formatMemory(workload.modelMb ?? workload.packageMb)} on every cold start takes seconds; big models and native libraries start slowly.`,
    });
  }
  return reasons;
};
