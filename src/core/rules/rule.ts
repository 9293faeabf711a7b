import type { Reason } from '../assessment.js';
import type { CostReport } from '../cost/cost-types.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { ResolvedWorkload } from '../workload.js';
import type { Picks } from './platform-pick.js';

export interface RuleContext {
  workload: ResolvedWorkload;
  cost: CostReport;
  /** The functions platform and the server option the card names. */
  picks: Picks;
  catalog: PricingCatalog;
}

/** A rule looks at the workload and its costs and gives zero or more reasons. */
export type Rule = (context: RuleContext) => Reason[];
