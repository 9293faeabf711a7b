import type { Verdict } from './assessment.js';
import type { PlatformId } from './cost/cost-types.js';
import type { WorkloadFacts } from './workload.js';

/** Which front end a conversation came through, by that front end's own name: kept, never interpreted. */
export type PlatformName = string;

/** Where a conversation lives. Thread replies find it by everything but `user`. */
export interface ThreadKey {
  platform: PlatformName;
  workspace: string;
  channel: string;
  thread: string;
}

export interface ConversationKey extends ThreadKey {
  /** Who started it. Anyone in the thread may answer. */
  user: string;
}

export const QUESTION_IDS = ['description', 'traffic', 'duration', 'constraints'] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export type ConversationStatus = 'interviewing' | 'complete';

/** The latest result, kept on the conversation so a what-if can say what changed. */
export interface AssessmentSnapshot {
  verdict: Verdict;
  platform: string;
  score: number;
  /** Monthly USD per platform id (available platforms only). */
  monthlyUsd: Partial<Record<PlatformId, number>>;
  averageRps: number;
  durationMs: number;
  memoryMb: number;
}

export interface Conversation {
  id: string;
  key: ConversationKey;
  status: ConversationStatus;
  facts: WorkloadFacts;
  /** The question waiting for an answer; null once complete. */
  pending: QuestionId | null;
  /** How many times in a row the pending question could not be read. */
  misses: number;
  last: AssessmentSnapshot | null;
  /** The platform's id of the root/anchor message, when the adapter has one. */
  anchor: string | null;
  createdAt: string;
  updatedAt: string;
}

export type TurnRole = 'user' | 'bot';
export type TurnKind = 'message' | 'answer' | 'action' | 'question' | 'card' | 'notice';

export interface Turn {
  conversationId: string;
  /** 1, 2, 3 ... within the conversation, assigned by the store. */
  seq: number;
  at: string;
  role: TurnRole;
  kind: TurnKind;
  /** Who wrote it (platform user id); the bot's turns carry 'bot'. */
  actor: string;
  text: string;
  /** Structured content (question id, card JSON, action id) for replays and audits. */
  payload: unknown;
}

export type NewTurn = Omit<Turn, 'seq'>;

/** One row per finished assessment, for history and digests. */
export interface AssessmentRecord {
  id: string;
  conversationId: string;
  workspace: string;
  platform: PlatformName;
  channel: string;
  thread: string;
  user: string;
  at: string;
  description: string;
  verdict: Verdict;
  recommended: string;
  /** Monthly USD of the recommended option, and of the cheapest alternative of the other kind. */
  recommendedMonthlyUsd: number | null;
  alternativeMonthlyUsd: number | null;
  catalogVersion: string;
  /** The as-of date of that catalog; null on records saved before it was kept. */
  catalogAsOf: string | null;
  /** Whether this assessment came from a what-if or correction on an earlier result. */
  reassessment: boolean;
  /** The workload facts it was assessed from, to assess again at other prices; null on records saved before they were kept. */
  facts: WorkloadFacts | null;
}

/** A decision as saved: the record with its facts still the JSON text they were stored as (null when none were kept). */
export type SavedDecision = Omit<AssessmentRecord, 'facts'> & { facts: string | null };
