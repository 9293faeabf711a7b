import { assess } from '../assess.js';
import { decisionOutcome, type DecisionOutcome } from '../assessment-record.js';
import type { AssessmentRecord, SavedDecision } from '../conversation.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { WorkloadFacts } from '../workload.js';

// Past decisions assessed again at another catalog's prices: which would now
// get another verdict, another platform or another monthly cost. Each decision
// is assessed from the facts it was saved with; one saved before facts were
// kept is counted apart, never guessed, and one whose saved facts cannot be
// read or assessed is named, never allowed to stop the rest. Pure: decisions
// come in as they are read, and only the changes are kept, so a long history
// stays small in memory.

export type RepriceChange = 'verdict' | 'platform' | 'cost';

/** A saved decision as the report shows it: everything but the facts it was assessed from. */
export type DecisionRecord = Omit<AssessmentRecord, 'facts'>;

export interface RepricedDecision {
  decision: DecisionRecord;
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

/** A decision whose saved facts could not be assessed again, and why. */
export interface UnreadableDecision {
  workspace: string;
  assessmentId: string;
  conversationId: string;
  reason: string;
}

export interface RepriceReport {
  catalog: { version: string; asOf: string };
  /** Decisions read (each conversation's latest assessment). */
  decisions: number;
  /** Of those, assessed again. */
  repriced: number;
  /** Of those, saved before facts were kept: they cannot be assessed again. */
  withoutFacts: number;
  /** Of those, with saved facts that could not be read or assessed (a damaged row). */
  unreadable: number;
  unchanged: number;
  changed: number;
  /** Workspaces with at least one change, in the order read. */
  workspaces: WorkspaceChanges[];
  /** In the order read. */
  unreadableDecisions: UnreadableDecision[];
}

/** What re-pricing needs of a decision: the facts as saved (JSON text) and what was decided then. */
export type SavedOutcome = Pick<SavedDecision, 'facts' | 'verdict' | 'recommended' | 'recommendedMonthlyUsd'>;

/** One decision at the new prices; plain data, so it crosses to and from a worker thread as it is. */
export type RepriceOutcome =
  | { kind: 'unchanged' }
  | { kind: 'without-facts' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'changed'; now: DecisionOutcome; changes: RepriceChange[] };

const UNCHANGED: RepriceOutcome = { kind: 'unchanged' };
const WITHOUT_FACTS: RepriceOutcome = { kind: 'without-facts' };

/** A saved decision at `catalog`'s prices, from its facts as saved. */
export function repriceSaved(saved: SavedOutcome, catalog: PricingCatalog): RepriceOutcome {
  if (saved.facts === null) return WITHOUT_FACTS;
  let facts: unknown;
  try {
    facts = JSON.parse(saved.facts);
  } catch {
    return { kind: 'unreadable', reason: 'the saved facts are not valid JSON' };
  }
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return { kind: 'unreadable', reason: 'the saved facts are not a workload' };
  return repriceFacts(facts as WorkloadFacts, saved, catalog);
}

function repriceFacts(facts: WorkloadFacts, before: Omit<SavedOutcome, 'facts'>, catalog: PricingCatalog): RepriceOutcome {
  let now: DecisionOutcome;
  try {
    // The chart's points are not part of a decision, and are a third of the work.
    now = decisionOutcome(assess(facts, catalog, { chart: false }));
  } catch (error) {
    // The error's class, not its message: the message names the engine's own variables, which the compiled build shortens.
    return { kind: 'unreadable', reason: `the saved facts cannot be assessed (the engine stopped on them with a ${error instanceof Error ? error.name : 'non-error value'})` };
  }
  const changes: RepriceChange[] = [];
  if (now.verdict !== before.verdict) changes.push('verdict');
  if (now.recommended !== before.recommended) changes.push('platform');
  if (cents(now.recommendedMonthlyUsd) !== cents(before.recommendedMonthlyUsd)) changes.push('cost');
  return changes.length === 0 ? UNCHANGED : { kind: 'changed', now, changes };
}

/**
 * The report, built one decision at a time in the order read: the one place
 * that counts and groups, whether the outcomes were worked out here or in
 * worker threads, so both give the same report.
 */
export function createRepriceTally(catalog: Pick<PricingCatalog, 'version' | 'asOf'>) {
  const report: RepriceReport = {
    catalog: { version: catalog.version, asOf: catalog.asOf },
    decisions: 0,
    repriced: 0,
    withoutFacts: 0,
    unreadable: 0,
    unchanged: 0,
    changed: 0,
    workspaces: [],
    unreadableDecisions: [],
  };
  const groups = new Map<string, WorkspaceChanges>();
  return {
    report,
    add(decision: DecisionRecord, outcome: RepriceOutcome): void {
      report.decisions += 1;
      switch (outcome.kind) {
        case 'without-facts':
          report.withoutFacts += 1;
          return;
        case 'unreadable':
          report.unreadable += 1;
          report.unreadableDecisions.push({ workspace: decision.workspace, assessmentId: decision.id, conversationId: decision.conversationId, reason: outcome.reason });
          return;
        case 'unchanged':
          report.repriced += 1;
          report.unchanged += 1;
          return;
        case 'changed': {
          report.repriced += 1;
          report.changed += 1;
          let group = groups.get(decision.workspace);
          if (!group) {
            groups.set(decision.workspace, (group = { workspace: decision.workspace, decisions: [] }));
            report.workspaces.push(group);
          }
          group.decisions.push({ decision: withoutFacts(decision), now: outcome.now, changes: outcome.changes });
        }
      }
    },
  };
}

/** Decisions as full records (the digest's path): each assessed here, in turn. */
export async function repriceHistory(decisions: AsyncIterable<AssessmentRecord> | Iterable<AssessmentRecord>, catalog: PricingCatalog): Promise<RepriceReport> {
  const tally = createRepriceTally(catalog);
  for await (const decision of decisions) tally.add(decision, decision.facts === null ? WITHOUT_FACTS : repriceFacts(decision.facts, decision, catalog));
  return tally.report;
}

/** Pages of saved decisions as the store reads them (the CLI's path, on one thread). */
export async function repriceSavedPages(pages: AsyncIterable<SavedDecision[]>, catalog: PricingCatalog): Promise<RepriceReport> {
  const tally = createRepriceTally(catalog);
  for await (const page of pages) for (const saved of page) tally.add(saved, repriceSaved(saved, catalog));
  return tally.report;
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

/** The record without its facts: a report of a million changes keeps no million workloads. */
function withoutFacts(decision: DecisionRecord & { facts?: unknown }): DecisionRecord {
  if (!('facts' in decision)) return decision;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose, see above
  const { facts, ...rest } = decision;
  return rest;
}

/** Whole cents: a cost that moves by less than a cent has not changed. */
function cents(usd: number | null): number | null {
  return usd === null ? null : Math.round(usd * 100);
}
