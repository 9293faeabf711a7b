import type { AssessmentRecord } from '../conversation.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { isNewerCatalog, repriceHistory, type RepricedDecision } from './reprice-history.js';

// The digest's view of re-pricing: of one workspace's decisions made with an
// older catalog than the one in use, how many would change at today's prices,
// and the newest few to link to.

export interface PastDecisionsRepriced {
  /** Decisions that would change. */
  count: number;
  /** The newest of them (at most the limit asked for), newest first. */
  decisions: RepricedDecision[];
}

export async function pastDecisionsAtTodaysPrices(
  decisions: AsyncIterable<AssessmentRecord>,
  catalog: PricingCatalog,
  limit: number,
): Promise<PastDecisionsRepriced> {
  const report = await repriceHistory(madeWithOlderCatalog(decisions, catalog), catalog);
  const changed = report.workspaces.flatMap((group) => group.decisions);
  changed.sort((a, b) => (a.decision.at < b.decision.at ? 1 : a.decision.at > b.decision.at ? -1 : 0));
  return { count: report.changed, decisions: changed.slice(0, limit) };
}

async function* madeWithOlderCatalog(decisions: AsyncIterable<AssessmentRecord>, catalog: PricingCatalog): AsyncIterable<AssessmentRecord> {
  for await (const decision of decisions) if (isNewerCatalog(catalog, decision)) yield decision;
}
