import type { Assessment } from './assessment.js';
import { estimateCosts } from './cost/estimate-costs.js';
import type { PricingCatalog } from './pricing/catalog-schema.js';
import { resolveWorkload } from './resolve-workload.js';
import { ALL_RULES } from './rules/all-rules.js';
import { changeIf } from './rules/change-if.js';
import { recommendPlatform, scoreReasons, verdictFor } from './rules/verdict.js';
import type { Reason } from './assessment.js';
import type { WorkloadFacts } from './workload.js';

/** Facts -> verdict, platform, reasons, costs. Pure and fast: no I/O, no clock. */
export function assess(facts: WorkloadFacts, catalog: PricingCatalog, options: { chart?: boolean } = {}): Assessment {
  const { workload, assumptions } = resolveWorkload(facts);
  const cost = estimateCosts(workload, catalog, { chart: options.chart ?? true });
  const reasons: Reason[] = [];
  for (const rule of ALL_RULES) reasons.push(...rule({ workload, cost }));
  const score = scoreReasons(reasons);
  const verdict = verdictFor(score, reasons);
  return {
    verdict,
    platform: recommendPlatform(verdict, workload, reasons, cost),
    score,
    reasons: orderReasons(reasons, verdict),
    changeIf: changeIf(verdict, reasons, workload, cost),
    assumptions: [...assumptions, ...cost.assumptions.map((text) => ({ about: 'cost', text }))],
    workload,
    cost,
  };
}

/** The reasons that argue for the verdict first, heaviest first. */
function orderReasons(reasons: Reason[], verdict: Assessment['verdict']): Reason[] {
  return [...reasons].sort((a, b) => rank(b, verdict) - rank(a, verdict));
}

function rank(r: Reason, verdict: Assessment['verdict']): number {
  const agrees = verdict === 'fit' ? r.polarity === 'pro' : r.polarity !== 'pro';
  return (r.polarity === 'blocker' ? 1000 : 0) + (agrees ? 500 : 0) + r.weight;
}
