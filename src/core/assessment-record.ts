import type { Assessment } from './assessment.js';
import type { Card } from './card.js';
import type { AssessmentRecord, Conversation } from './conversation.js';
import { cheapestOf } from './rules/cost-lookup.js';

// The row kept for history and digests when a conversation finishes: what was
// recommended, at what price, and what it saves against the other kind.

export function assessmentRecord(id: string, conversation: Conversation, assessment: Assessment, card: Card, reassessment: boolean): AssessmentRecord {
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
    verdict: assessment.verdict,
    recommended: assessment.platform,
    recommendedMonthlyUsd: recommendedMonthly(assessment, card),
    alternativeMonthlyUsd: alternativeMonthly(assessment, card),
    catalogVersion: assessment.cost.catalogVersion,
    reassessment,
  };
}

/** The cheapest option of the other kind (servers when functions were recommended, and the reverse): what the advice saves against. */
function alternativeMonthly(assessment: Assessment, card: Card): number | null {
  const row = card.costs.find((c) => c.recommended);
  const kind = assessment.cost.costs.find((c) => c.platform === row?.platform)?.kind;
  if (!kind) return null;
  return cheapestOf(assessment.cost.costs.filter((c) => c.kind !== kind))?.monthlyUsd ?? null;
}

function recommendedMonthly(assessment: Assessment, card: Card): number | null {
  const row = card.costs.find((c) => c.recommended);
  if (!row) return null;
  return assessment.cost.costs.find((c) => c.platform === row.platform)?.monthlyUsd ?? null;
}
