import type { AssessmentRecord, Conversation, NewTurn, ThreadKey, Turn } from './conversation.js';

// The ports the core needs from the outside world. Implementations live in
// src/store (SQLite); the contract suite in test/contract runs against each.
// Every read and write is scoped to one workspace: a workspace can never see
// another's rows, whatever ids it passes.

export interface ConversationListItem {
  id: string;
  workspace: string;
  channel: string;
  thread: string;
  user: string;
  description: string;
  status: Conversation['status'];
  verdict: string | null;
  recommended: string | null;
  updatedAt: string;
}

export interface ConversationStore {
  /** Saves a new conversation; the id is the caller's. */
  create(conversation: Conversation): void;
  /** Overwrites the mutable parts (status, facts, pending, misses, last, anchor, updatedAt). */
  save(conversation: Conversation): void;
  get(workspace: string, id: string): Conversation | null;
  /** The newest conversation in that thread, if any. */
  findByThread(key: ThreadKey): Conversation | null;
  /** Appends a turn and returns it with its sequence number. */
  appendTurn(workspace: string, turn: NewTurn): Turn;
  turns(workspace: string, conversationId: string): Turn[];
  /** Newest first. */
  list(workspace: string, options?: { channel?: string; platform?: string; limit?: number }): ConversationListItem[];
  recordAssessment(record: AssessmentRecord): void;
  assessments(workspace: string, options?: { since?: string; until?: string; limit?: number }): AssessmentRecord[];
  /** Runs `work` atomically: all its writes land or none do. */
  transaction<T>(work: () => T): T;
  /**
   * Deletes what one person saved in a workspace on one platform: the
   * conversations they started (with every turn and assessment of them) and
   * their own turns in other people's threads.
   */
  forgetUser(workspace: string, platform: string, user: string): { conversations: number; turns: number };
}

/** Remembers which platform deliveries were already processed (Slack retries, Discord resumes). */
export interface DeliveryLedger {
  /** True the first time an id is claimed, false on every repeat. */
  claim(platform: string, workspace: string, deliveryId: string, at: string): boolean;
}

/** Time and ids come from outside so the core stays deterministic. */
export interface Clock {
  now(): Date;
}

export type IdGenerator = () => string;
