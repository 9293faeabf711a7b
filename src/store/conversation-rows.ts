import type { ConversationListItem } from '../core/ports.js';
import type {
  AssessmentRecord,
  AssessmentSnapshot,
  Conversation,
  ConversationStatus,
  PlatformName,
  SavedDecision,
  QuestionId,
  Turn,
  TurnKind,
  TurnRole,
} from '../core/conversation.js';
import type { Verdict } from '../core/assessment.js';
import type { WorkloadFacts } from '../core/workload.js';

// The one place that knows how domain values are laid out in columns.
// Rows are trusted: only this module writes them, and the schema checks types.

export interface ConversationRow {
  id: string;
  workspace: string;
  platform: string;
  channel: string;
  thread: string;
  user: string;
  status: string;
  facts: string;
  pending: string | null;
  misses: number;
  last: string | null;
  anchor: string | null;
  description: string;
  created_at: string;
  updated_at: string;
}

export function conversationToRow(c: Conversation): ConversationRow {
  return {
    id: c.id,
    workspace: c.key.workspace,
    platform: c.key.platform,
    channel: c.key.channel,
    thread: c.key.thread,
    user: c.key.user,
    status: c.status,
    facts: JSON.stringify(c.facts),
    pending: c.pending,
    misses: c.misses,
    last: c.last === null ? null : JSON.stringify(c.last),
    anchor: c.anchor,
    description: c.facts.description ?? '',
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function conversationFromRow(row: ConversationRow): Conversation {
  return {
    id: row.id,
    key: {
      platform: row.platform as PlatformName,
      workspace: row.workspace,
      channel: row.channel,
      thread: row.thread,
      user: row.user,
    },
    status: row.status as ConversationStatus,
    facts: JSON.parse(row.facts) as WorkloadFacts,
    pending: row.pending as QuestionId | null,
    misses: row.misses,
    last: row.last === null ? null : (JSON.parse(row.last) as AssessmentSnapshot),
    anchor: row.anchor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface ListRow {
  id: string;
  workspace: string;
  channel: string;
  thread: string;
  user: string;
  description: string;
  status: string;
  verdict: string | null;
  recommended: string | null;
  updated_at: string;
}

export function listItemFromRow(row: ListRow): ConversationListItem {
  return {
    id: row.id,
    workspace: row.workspace,
    channel: row.channel,
    thread: row.thread,
    user: row.user,
    description: row.description,
    status: row.status as ConversationStatus,
    verdict: row.verdict,
    recommended: row.recommended,
    updatedAt: row.updated_at,
  };
}

export interface TurnRow {
  conversation_id: string;
  seq: number;
  at: string;
  role: string;
  kind: string;
  actor: string;
  text: string;
  payload: string | null;
}

export function turnFromRow(row: TurnRow): Turn {
  return {
    conversationId: row.conversation_id,
    seq: row.seq,
    at: row.at,
    role: row.role as TurnRole,
    kind: row.kind as TurnKind,
    actor: row.actor,
    text: row.text,
    payload: payloadFromColumn(row.payload),
  };
}

/** JSON has no `undefined`, so an absent payload is SQL NULL and `null` is the JSON text 'null'. */
export function payloadToColumn(payload: unknown): string | null {
  return payload === undefined ? null : JSON.stringify(payload);
}

function payloadFromColumn(column: string | null): unknown {
  return column === null ? undefined : JSON.parse(column);
}

export interface AssessmentRow {
  id: string;
  conversation_id: string;
  workspace: string;
  platform: string;
  channel: string;
  thread: string;
  user: string;
  at: string;
  description: string;
  verdict: string;
  recommended: string;
  recommended_monthly_usd: number | null;
  alternative_monthly_usd: number | null;
  catalog_version: string;
  reassessment: number;
  facts: string | null;
  catalog_as_of: string | null;
}

export function assessmentToRow(r: AssessmentRecord): AssessmentRow {
  return {
    id: r.id,
    conversation_id: r.conversationId,
    workspace: r.workspace,
    platform: r.platform,
    channel: r.channel,
    thread: r.thread,
    user: r.user,
    at: r.at,
    description: r.description,
    verdict: r.verdict,
    recommended: r.recommended,
    recommended_monthly_usd: r.recommendedMonthlyUsd,
    alternative_monthly_usd: r.alternativeMonthlyUsd,
    catalog_version: r.catalogVersion,
    reassessment: r.reassessment ? 1 : 0,
    facts: r.facts === null ? null : JSON.stringify(r.facts),
    catalog_as_of: r.catalogAsOf,
  };
}

export function assessmentFromRow(row: AssessmentRow): AssessmentRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    workspace: row.workspace,
    platform: row.platform as PlatformName,
    channel: row.channel,
    thread: row.thread,
    user: row.user,
    at: row.at,
    description: row.description,
    verdict: row.verdict as Verdict,
    recommended: row.recommended,
    recommendedMonthlyUsd: row.recommended_monthly_usd,
    alternativeMonthlyUsd: row.alternative_monthly_usd,
    catalogVersion: row.catalog_version,
    catalogAsOf: row.catalog_as_of,
    reassessment: row.reassessment === 1,
    facts: row.facts === null ? null : (JSON.parse(row.facts) as WorkloadFacts),
  };
}

/** The columns of a saved decision, in the order savedDecisionFromColumns reads them (facts stay JSON text). */
export const SAVED_COLUMNS = [
  'id',
  'conversation_id',
  'workspace',
  'platform',
  'channel',
  'thread',
  'user',
  'at',
  'description',
  'verdict',
  'recommended',
  'recommended_monthly_usd',
  'alternative_monthly_usd',
  'catalog_version',
  'catalog_as_of',
  'reassessment',
  'facts',
] as const;

export function savedDecisionFromColumns(columns: unknown[]): SavedDecision {
  return {
    id: columns[0] as string,
    conversationId: columns[1] as string,
    workspace: columns[2] as string,
    platform: columns[3] as PlatformName,
    channel: columns[4] as string,
    thread: columns[5] as string,
    user: columns[6] as string,
    at: columns[7] as string,
    description: columns[8] as string,
    verdict: columns[9] as Verdict,
    recommended: columns[10] as string,
    recommendedMonthlyUsd: columns[11] as number | null,
    alternativeMonthlyUsd: columns[12] as number | null,
    catalogVersion: columns[13] as string,
    catalogAsOf: columns[14] as string | null,
    reassessment: Number(columns[15]) === 1,
    facts: columns[16] as string | null,
  };
}
