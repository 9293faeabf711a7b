import type { Assessment } from './assessment.js';
import type { Card, CardAction, QuestionCard } from './card.js';
import type { ConversationKey, QuestionId, ThreadKey } from './conversation.js';
import type { MeasureAnswer, MeasureRequest } from './metrics/measure-request.js';
import type { ReviewCard } from './review/review-types.js';
import type { TemplateReadResult } from './templates/template-types.js';

// The one entry point every adapter uses. An adapter turns a platform payload
// into a command (`advisor.command`), a control's action ref (`advisor.act`)
// or a turn in a thread (`advisor.handle`), and delivers what comes back.
// Adapters never decide what a command means, whose a button is, what to ask
// next or what the verdict is.

export type AdvisorEvent =
  /** A new conversation in the thread `advisor.command` asked for (text may be empty). */
  | { kind: 'start'; text: string; measured?: MeasureAnswer }
  /** What a notice's `measure` request read, handed back by the front end that read it. */
  | { kind: 'measured'; answer: MeasureAnswer }
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
  /** A design review in key.thread (the thread `advisor.command` asked for). */
  | { kind: 'review-open'; name: string }
  /** `/serverless-fit review list`: recent reviews on this platform in the workspace. */
  | { kind: 'review-list' }
  /** `/serverless-fit review <id>`: reopen a review; the reply's `review.thread` says where it lives. */
  | { kind: 'review-reopen'; id: string }
  /** A template file dropped into a design review's thread, as read (see src/files/template-upload.ts): import or re-import it. */
  | { kind: 'template'; file: string; read: TemplateReadResult };

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
      /** Metrics to read before the answer: the front end reads them and hands them back as a `measured` event; `text` says what is being read. */
      measure?: MeasureRequest;
    };

export interface Advisor {
  /** A turn in a conversation's or a review's thread (a message there, or a thread the command opened). */
  handle(input: AdvisorInput): Promise<Reply>;
  /** `/serverless-fit <text>`: which sub-command, and where its answer goes. */
  command(input: CommandInput): Promise<CommandOutcome>;
  /** A button, menu or form on a card: whose it is, and what it does. */
  act(input: ActionInput): Promise<ActionOutcome>;
  /** True when the thread holds a conversation or a design review this advisor owns (adapters ignore other threads). */
  owns(key: Omit<ConversationKey, 'user'>): Promise<boolean>;
}

// The neutral language between every chat front end and the core for the two
// things people do outside a conversation's thread: type the command, and
// press a control on a card. Each platform turns its own payload into one of
// these inputs; the core decides what it means and answers with an outcome
// that says what to show and where.

/** `/serverless-fit <text>`, typed (Slack, the terminal) or picked from a menu (Discord). */
export interface CommandInput {
  /** Where the command was given. `thread` is the thread it was typed in, or '' when none exists yet. */
  key: ConversationKey;
  actor: string;
  /** Everything after the command's name, as typed: "review open checkout", "  assess  a cron job". */
  text: string;
  /**
   * The sub-command when the platform chose it structurally (Discord's menu);
   * `text` is then only its argument words. Omitted when the first word of
   * `text` names it (or does not, which means assess).
   */
  subCommand?: string;
  /** What the `measure` outcome of this same command read, handed back by the front end. */
  measured?: MeasureAnswer;
}

/** The events that start something that lives in a thread the platform has to make first. */
export type ThreadOpening = Extract<AdvisorEvent, { kind: 'start' } | { kind: 'review-open' }>;

export type CommandOutcome =
  /** Answered: show `reply` only to whoever gave the command. */
  | { kind: 'private'; reply: Reply }
  /** A design review reopened from elsewhere: post `reply` in its thread (`reply.review.thread`) and tell the asker `note` privately. */
  | { kind: 'reopened'; reply: Reply; note: string }
  /**
   * The answer lives in a thread of its own: make it (or, where threads cannot
   * be made, use the place the command came from), then hand `then` to
   * `advisor.handle` keyed by that thread. `title` names it.
   */
  | { kind: 'thread-first'; title: string; then: ThreadOpening }
  /** `/serverless-fit digest <text>`, for the digest service. `subscribing`: the asker's time zone is worth looking up where the platform knows it. */
  | { kind: 'digest'; text: string; subscribing: boolean }
  /** Metrics to read first (I/O the core does not do): read them, then give the same command again with `measured`. */
  | { kind: 'measure'; request: MeasureRequest };

/**
 * What a button, menu or form carries back on every platform: the conversation
 * or design review it belongs to (`target`, its id; null for a control tied
 * to neither) and what it does.
 */
export type ActionRef =
  /** A button or menu choice: the action id from a CardAction, with its value when it carries one. */
  | { target: string | null; kind: 'action'; actionId: string; value?: string }
  /** Text typed into a form that belongs to the target: an answer, a what-if, a component list. */
  | { target: string | null; kind: 'typed'; text: string }
  /** "Let me type it": which form to open for the target. */
  | { target: string | null; kind: 'form' };

export interface ActionInput {
  ref: ActionRef;
  /** Where the control was pressed, as the platform says (channel, thread), and by whom; also the key of a control tied to no conversation. */
  key: ConversationKey;
  actor: string;
  /** True in a one-to-one direct message with the bot. */
  direct: boolean;
  /** False when the platform cannot open a form right now (a form's own submit, a replay without a trigger). */
  canOpenForm: boolean;
}

/** The forms a front end may be asked to open. */
export type FormKind =
  /** Type an answer to a conversation's `prompt` (its pending question, or a what-if after the result). */
  | 'answer'
  /** Type an answer in a design review. */
  | 'review-answer'
  /** Add components to a design review. */
  | 'review-add';

export type ActionOutcome =
  /** The turn's reply, for the conversation or review at `key`. `share`: the result card is to be posted in the channel itself. */
  | { kind: 'reply'; reply: Reply; key: ConversationKey; share: boolean }
  /** Nothing was done; tell the presser `reply` privately. `notYours`: pressed from somewhere the target does not live. */
  | { kind: 'refused'; reply: Reply; notYours: boolean }
  /** Open `form`; what is typed comes back for `target` as `{ kind: 'typed' }` (review-add: as the add action with the text as its value). */
  | { kind: 'form'; form: FormKind; target: string | null; thread: ThreadKey; prompt: QuestionId | 'what-if' | null };
