import type { Assessment } from './assessment.js';
import { estimateCosts } from './cost/estimate-costs.js';
import type { PricingCatalog } from './pricing/catalog-schema.js';
import { resolveWorkload } from './resolve-workload.js';
import { ALL_RULES } from './rules/all-rules.js';
import { changeIf } from './rules/change-if.js';
import { pickPlatforms } from './rules/platform-pick.js';
import { recommendPlatform, scoreReasons, verdictFor } from './rules/verdict.js';
import type { Reason } from './assessment.js';
import type { WorkloadFacts } from './workload.js';

/** Facts -> verdict, platform, reasons, costs. Pure and fast: no I/O, no clock. */
/** `defaultRegion`: the workspace's default region, for a workload whose words name none. */
export function assess(facts: WorkloadFacts, catalog: PricingCatalog, options: { chart?: boolean; defaultRegion?: string | null } = {}): Assessment {
  const { workload, assumptions } = resolveWorkload(facts, options.defaultRegion ?? null);
  const cost = estimateCosts(workload, catalog, { chart: options.chart ?? true });
  const picks = pickPlatforms(workload, cost);
  const reasons: Reason[] = [];
  for (const rule of ALL_RULES) {
    for (const reason of rule({ workload, cost, picks, catalog })) {
      // When no functions platform can run it, reasons in favour of functions would argue for nothing on the card.
      if (picks.functions || reason.polarity !== 'pro') reasons.push(reason);
    }
  }
  const score = scoreReasons(reasons);
  const verdict = verdictFor(score, reasons);
  const recommended = recommendPlatform(verdict, workload, picks);
  return {
    verdict,
    platform: recommended.name,
    platformId: recommended.row?.platform ?? null,
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
