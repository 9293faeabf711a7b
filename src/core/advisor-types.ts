import type { Assessment } from './assessment.js';
import type { Card, CardAction, QuestionCard } from './card.js';
import type { ConversationKey, ThreadKey } from './conversation.js';
import type { ReviewCard } from './review/review-types.js';

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
  | { kind: 'forget-me' }
  /** `/serverless-fit review <system name>`: a design review in key.thread (the adapter made the thread). */
  | { kind: 'review-open'; name: string }
  /** `/serverless-fit review list`: recent reviews on this platform in the workspace. */
  | { kind: 'review-list' }
  /** `/serverless-fit review <id>`: reopen a review; the reply's `review.thread` says where it lives. */
  | { kind: 'review-reopen'; id: string };

/**
 * Carried by every reply in a design review. Adapters that know reviews keep
 * the living summary card (anchored at the top of the thread) in step with
 * `card`, and post `card` itself when `show` is set; adapters that do not
 * render the reply as the plain question or notice it also is.
 */
export interface ReviewAttachment {
  reviewId: string;
  /** Where the review lives (a reopen by id is answered from another channel). */
  thread: ThreadKey;
  /** The message id of the living summary card, once the adapter has saved one. */
  anchor: string | null;
  /** The summary card as it stands after this turn. */
  card: ReviewCard;
  /** True when this turn changed the card: edit the anchored message. */
  updated: boolean;
  /** True when the card is itself the message to post (open, "summary", close, reopen); the notice text is its plain-text fallback. */
  show: boolean;
  /** With `show` on an open review: the question still waiting for an answer, for a front end that cannot point back to where it was asked. */
  pending?: QuestionCard;
}

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
      /** Set in a design review; conversationId is then the review id. */
      review?: ReviewAttachment;
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
      /** Set in a design review; conversationId is then the review id. */
      review?: ReviewAttachment;
    };

export interface Advisor {
  handle(input: AdvisorInput): Reply;
  /** True when the thread holds a conversation or a design review this advisor owns (adapters ignore other threads). */
  owns(key: Omit<ConversationKey, 'user'>): boolean;
}
