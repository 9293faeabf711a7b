import type { Reason } from '../assessment.js';
import type { CostReport } from '../cost/cost-types.js';
import type { ResolvedWorkload } from '../workload.js';

export interface RuleContext {
  workload: ResolvedWorkload;
  cost: CostReport;
}

/** A rule looks at the workload and its costs and gives zero or more reasons. */
export type Rule = (context: RuleContext) => Reason[];
