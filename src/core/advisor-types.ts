import type { Assessment } from './assessment.js';
import type { Card, CardAction, QuestionCard } from './card.js';
import type { ConversationKey } from './conversation.js';

// The one entry point every adapter uses. An adapter translates a platform
// event into an AdvisorEvent, calls `advisor.handle`, and renders the Reply.
// Adapters never decide what to ask next or what the verdict is.

export type AdvisorEvent =
  /** `/serverless-fit <text>`: a new conversation (text may be empty). */
  | { kind: 'start'; text: string }
  /** Free text in the conversation's thread: an answer, a correction or a what-if. */
  | { kind: 'message'; text: string }
  /** A button or select: `actionId` from a CardAction, `value` when it carries one. */
  | { kind: 'action'; actionId: string; value?: string }
  /** `/serverless-fit help`. */
  | { kind: 'help' }
  /** `/serverless-fit history`: recent assessments in key.channel. */
  | { kind: 'history' }
  /** `/serverless-fit forget-me`: delete what the actor saved in this workspace. */
  | { kind: 'forget-me' };

export interface AdvisorInput {
  key: ConversationKey;
  event: AdvisorEvent;
  /** Platform user id of whoever sent the event (may differ from key.user in a thread). */
  actor: string;
}

export type Reply =
  | {
      kind: 'question';
      conversationId: string;
      question: QuestionCard;
    }
  | {
      kind: 'result';
      conversationId: string;
      card: Card;
      assessment: Assessment;
      /** True when this result replaced an earlier one (what-if, correction). */
      reassessment: boolean;
    }
  | {
      kind: 'notice';
      conversationId: string | null;
      level: 'info' | 'warning' | 'error';
      /** Optional bold first line. */
      title?: string;
      /** Plain text, lines separated by \n; renderers add platform formatting. */
      text: string;
      /** Quick replies offered with the notice (e.g. on a history list). */
      actions?: CardAction[];
    };

export interface Advisor {
  handle(input: AdvisorInput): Reply;
  /** True when the thread holds a conversation this advisor owns (adapters ignore other threads). */
  owns(key: Omit<ConversationKey, 'user'>): boolean;
}
