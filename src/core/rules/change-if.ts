import type { Reason, Verdict } from '../assessment.js';
import type { CostReport } from '../cost/cost-types.js';
import { formatRate, roundToSignificant } from '../format.js';
import type { ResolvedWorkload } from '../workload.js';

// What would change the answer: the flip side of each reason that mattered.

const REMEDIES: Partial<Record<Reason['rule'], string>> = {
  timeout: 'Splitting each run into steps under 15 minutes (Step Functions, or chunks on a queue) would bring Lambda back into play.',
  'memory-limit': 'Getting memory under 10 GB per run (streaming instead of loading everything) would allow Lambda.',
  'package-size': 'Trimming the package under 250 MB unzipped keeps it a plain .zip function with faster cold starts.',
  'heavy-dependencies': 'A smaller model or lazy-loaded dependencies would shorten cold starts.',
  state: 'Moving state out (sessions to DynamoDB or Redis, sockets to API Gateway WebSocket, RDS Proxy for pooling) would make functions workable.',
  latency: 'A p99 target above 100 ms, or paying for provisioned concurrency, takes cold starts off the table.',
  'cold-start': 'A slimmer package or provisioned concurrency keeps cold starts inside the latency target.',
  'api-gateway-timeout': 'Answering at once and finishing the work asynchronously keeps requests under 29 s.',
  gpu: 'Without a GPU (a CPU-sized model, or a hosted inference API), functions would be back in play.',
  connections: 'Clients that poll, or a managed pub/sub (AWS AppSync, IoT Core), would take the held connections off your servers.',
  'lock-in': 'If a single cloud is acceptable, Lambda and its managed triggers are back on the table.',
  edge: 'Under 128 MB and short CPU bursts, the logic would run on Cloudflare Workers at the edge.',
};

export function changeIf(verdict: Verdict, reasons: readonly Reason[], workload: ResolvedWorkload, cost: CostReport): string[] {
  const out: string[] = [];
  // Two significant figures, as in the break-even sentence on the same card.
  const rawBreakEven = cost.breakEven?.averageRps ?? null;
  const breakEvenRps = rawBreakEven === null ? null : roundToSignificant(rawBreakEven, 2);
  if (verdict === 'fit') {
    if (breakEvenRps !== null) out.push(`Above about ${formatRate(breakEvenRps)} on average, servers become cheaper than functions.`);
    if (workload.edge) out.push('More than 128 MB of memory or minutes of CPU per request would rule Cloudflare Workers out.');
    else if (workload.duration.worstMs <= 900_000) out.push('Runs longer than 15 minutes would rule Lambda out.');
    if (workload.latencyP99Ms === null && !workload.edge) out.push('A p99 latency target under 100 ms would bring cold starts into play.');
    if (workload.state.length === 0) out.push('Holding WebSockets, an in-memory cache or a connection pool would favour containers.');
    return out.slice(0, 3);
  }
  for (const r of reasons) {
    if (r.polarity === 'pro') continue;
    if (r.rule === 'steady-traffic' && breakEvenRps !== null) {
      out.push(`Below about ${formatRate(breakEvenRps)} on average (the break-even), functions become the cheaper option.`);
      continue;
    }
    const remedy = REMEDIES[r.rule];
    if (remedy && !out.includes(remedy)) out.push(remedy);
  }
  return out.slice(0, 4);
}
