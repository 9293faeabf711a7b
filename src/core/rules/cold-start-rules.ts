import type { Reason } from '../assessment.js';
import { BIG_PACKAGE_MB, coldStartConcern, coldStartMs, isHeavy } from '../cost/cold-start-concern.js';
import { formatDuration, formatCountRounded, formatMemory, formatUsdRounded } from '../format.js';
import { SECONDS_PER_MONTH, type ResolvedWorkload } from '../workload.js';
import type { Rule, RuleContext } from './rule.js';

// Cold starts matter whenever a user waits on one: for tight latency targets,
// and for targets up to about a second when the runtime starts slowly (the JVM,
// .NET) or the package or model is big. A model loaded into memory is loaded on
// every cold start. Edge isolates start in milliseconds and are left out.
// When they matter, the Lambda cost row carries provisioned concurrency, and
// the reason quotes that line.

const HEAVY_MB = 1024;

export { coldStartMs };

function cause(w: ResolvedWorkload): string {
  const parts: string[] = [];
  if (w.runtime === 'java') parts.push('the JVM (Spring Boot more so)');
  if (w.runtime === 'dotnet') parts.push('.NET');
  if (w.modelMb) parts.push(`loading a ${formatMemory(w.modelMb)} model`);
  else if (w.packageMb >= BIG_PACKAGE_MB) parts.push(`loading ${formatMemory(w.packageMb)} of code`);
  return parts.length ? parts.join(' and ') : 'a new execution environment';
}

/** What keeping environments warm costs on Lambda: the configured line of the Lambda row. */
function provisioned(ctx: RuleContext): string {
  const { workload } = ctx;
  if (ctx.picks.functions?.platform !== 'aws-lambda') return '';
  const row = ctx.cost.costs.find((c) => c.platform === 'aws-lambda');
  const line = row?.lines.find((l) => l.priceRef.startsWith('aws.lambda.provisionedConcurrency'));
  if (!line) return '';
  const environments = Math.max(1, Math.round(line.quantity / ((workload.memoryMb / 1024) * SECONDS_PER_MONTH)));
  const snap = workload.runtime === 'java' ? ' SnapStart cuts Java start-up to about a second for no extra charge.' : '';
  return ` Provisioned concurrency for ${formatCountRounded(environments)} environment${environments === 1 ? '' : 's'} at ${formatMemory(workload.memoryMb)} keeps them warm: ${formatCountRounded(line.quantity)} GB-s x $${line.unitPriceUsd} = ${formatUsdRounded(line.amountUsd)} a month.${snap}`;
}

export const coldStartRule: Rule = (ctx) => {
  const { workload, picks } = ctx;
  const pick = picks.functions;
  if (!pick || pick.platform === 'cloudflare-workers') return [];
  const reasons: Reason[] = [];
  const target = workload.latencyP99Ms;
  const start = coldStartMs(workload);
  const heavy = isHeavy(workload);
  const concern = coldStartConcern(workload);
  if (concern === 'latency' && target !== null) {
    reasons.push({
      rule: 'latency',
      polarity: 'con',
      weight: 20,
      text: `A p99 target of ${formatCountRounded(target)} ms leaves no room for cold starts (under 100 ms to over 1 s, in under 1% of invocations: exactly the p99).${provisioned(ctx)}`,
    });
  } else if (concern === 'target' && target !== null) {
    reasons.push({
      rule: 'cold-start',
      polarity: 'con',
      weight: 15,
      text: `A p99 target of ${formatCountRounded(target)} ms, but a cold start with ${cause(workload)} takes about ${formatDuration(start)}: the slowest requests miss it.${provisioned(ctx)}`,
    });
  } else if (concern === 'user-facing') {
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
