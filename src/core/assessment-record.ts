import type { Assessment, Verdict } from './assessment.js';
import type { AssessmentRecord, Conversation } from './conversation.js';
import { cheapestOf } from './rules/cost-lookup.js';

// The row kept for history and digests when a conversation finishes: what was
// recommended, at what price, what it saves against the other kind, and the
// facts it was assessed from (so it can be priced again when prices change).

/** What a decision says, as a record keeps it: the parts a new price list can change. */
export interface DecisionOutcome {
  verdict: Verdict;
  recommended: string;
  /** Monthly USD of the recommended option, and of the cheapest alternative of the other kind. */
  recommendedMonthlyUsd: number | null;
  alternativeMonthlyUsd: number | null;
}

export function assessmentRecord(id: string, conversation: Conversation, assessment: Assessment, reassessment: boolean): AssessmentRecord {
  return {
    id,
    conversationId: conversation.id,
    workspace: conversation.key.workspace,
    platform: conversation.key.platform,
    channel: conversation.key.channel,
    thread: conversation.key.thread,
    user: conversation.key.user,
    at: conversation.updatedAt,
    description: assessment.workload.description,
    ...decisionOutcome(assessment),
    catalogVersion: assessment.cost.catalogVersion,
    catalogAsOf: assessment.cost.catalogAsOf,
    reassessment,
    // A workspace's default region and standing commitment are part of what it was priced at: kept with
    // the facts, so a later change of either (or re-pricing elsewhere) does not read as a change of price.
    facts: withWorkspaceDefaults(conversation, assessment),
  };
}

function withWorkspaceDefaults(conversation: Conversation, assessment: Assessment): Conversation['facts'] {
  const { workload } = assessment;
  const region = workload.regionFrom === 'workspace' ? { region: workload.region } : {};
  const commitment = workload.commitment?.from === 'workspace' ? { commitment: workload.commitment } : {};
  return workload.regionFrom === 'workspace' || workload.commitment?.from === 'workspace' ? { ...conversation.facts, ...region, ...commitment } : conversation.facts;
}

export function decisionOutcome(assessment: Assessment): DecisionOutcome {
  return {
    verdict: assessment.verdict,
    recommended: assessment.platform,
    recommendedMonthlyUsd: recommendedRow(assessment)?.monthlyUsd ?? null,
    alternativeMonthlyUsd: alternativeMonthly(assessment),
  };
}

/** The cost row the card marks recommended. */
function recommendedRow(assessment: Assessment) {
  return assessment.platformId === null ? undefined : assessment.cost.costs.find((c) => c.platform === assessment.platformId);
}

/** The cheapest option of the other kind (servers when functions were recommended, and the reverse): what the advice saves against. */
function alternativeMonthly(assessment: Assessment): number | null {
  const kind = recommendedRow(assessment)?.kind;
  if (!kind) return null;
  return cheapestOf(assessment.cost.costs.filter((c) => c.kind !== kind))?.monthlyUsd ?? null;
}
