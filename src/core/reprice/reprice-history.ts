import { assess } from '../assess.js';
import { decisionOutcome, type DecisionOutcome } from '../assessment-record.js';
import type { AssessmentRecord } from '../conversation.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';

// Past decisions assessed again at another catalog's prices: which would now
// get another verdict, another platform or another monthly cost. Each decision
// is assessed from the facts it was saved with; one saved before facts were
// kept is counted apart, never guessed. Pure: the records come in as they are
// read, and only the changes are kept, so a long history stays small in memory.

export type RepriceChange = 'verdict' | 'platform' | 'cost';

export interface RepricedDecision {
  decision: AssessmentRecord;
  /** The same facts at the new catalog's prices. */
  now: DecisionOutcome;
  /** What differs, in this order; never empty. */
  changes: RepriceChange[];
}

export interface WorkspaceChanges {
  workspace: string;
  /** Oldest first. */
  decisions: RepricedDecision[];
}

export interface RepriceReport {
  catalog: { version: string; asOf: string };
  /** Decisions read (each conversation's latest assessment). */
  decisions: number;
  /** Of those, assessed again. */
  repriced: number;
  /** Of those, saved before facts were kept: they cannot be assessed again. */
  withoutFacts: number;
  unchanged: number;
  changed: number;
  /** Workspaces with at least one change, in the order read. */
  workspaces: WorkspaceChanges[];
}

/** The decision at `catalog`'s prices, or null when it has no facts to assess. */
export function repriceDecision(decision: AssessmentRecord, catalog: PricingCatalog): RepricedDecision | null {
  if (decision.facts === null) return null;
  // The chart's points are not part of a decision, and are a third of the work.
  const now = decisionOutcome(assess(decision.facts, catalog, { chart: false }));
  const changes: RepriceChange[] = [];
  if (now.verdict !== decision.verdict) changes.push('verdict');
  if (now.recommended !== decision.recommended) changes.push('platform');
  if (cents(now.recommendedMonthlyUsd) !== cents(decision.recommendedMonthlyUsd)) changes.push('cost');
  return { decision, now, changes };
}

export async function repriceHistory(decisions: AsyncIterable<AssessmentRecord> | Iterable<AssessmentRecord>, catalog: PricingCatalog): Promise<RepriceReport> {
  const report: RepriceReport = {
    catalog: { version: catalog.version, asOf: catalog.asOf },
    decisions: 0,
    repriced: 0,
    withoutFacts: 0,
    unchanged: 0,
    changed: 0,
    workspaces: [],
  };
  const groups = new Map<string, WorkspaceChanges>();
  for await (const decision of decisions) {
    report.decisions += 1;
    const repriced = repriceDecision(decision, catalog);
    if (!repriced) {
      report.withoutFacts += 1;
      continue;
    }
    report.repriced += 1;
    if (repriced.changes.length === 0) {
      report.unchanged += 1;
      continue;
    }
    report.changed += 1;
    let group = groups.get(decision.workspace);
    if (!group) {
      groups.set(decision.workspace, (group = { workspace: decision.workspace, decisions: [] }));
      report.workspaces.push(group);
    }
    group.decisions.push(repriced);
  }
  return report;
}

/**
 * Whether `catalog` is newer than the one a decision was made with: a later
 * as-of date, or on the same date (or with none kept) a later version
 * ("2026-12-01.2" after "2026-12-01.1", compared number by number).
 */
export function isNewerCatalog(catalog: { version: string; asOf: string }, decision: Pick<AssessmentRecord, 'catalogVersion' | 'catalogAsOf'>): boolean {
  if (decision.catalogAsOf !== null && decision.catalogAsOf !== catalog.asOf) return catalog.asOf > decision.catalogAsOf;
  return catalog.version.localeCompare(decision.catalogVersion, 'en', { numeric: true }) > 0;
}

/** Whole cents: a cost that moves by less than a cent has not changed. */
function cents(usd: number | null): number | null {
  return usd === null ? null : Math.round(usd * 100);
}
