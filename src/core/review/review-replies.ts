import type { Reply, ReviewAttachment } from '../advisor-types.js';
import type { QuestionCard } from '../card.js';
import type { ReviewStore } from '../ports.js';
import { componentQuestion } from './component-interview.js';
import { buildReviewCard } from './review-card.js';
import type { Review } from './review-types.js';

// How a design review answers: every reply carries the summary card as it
// stands (so the card heading the thread can be kept in step), and a turn
// ends with the next open question or, when none is left, its notes.

export interface NoticeOptions {
  title?: string;
  level?: 'info' | 'warning' | 'error';
  updated?: boolean;
  show?: boolean;
}

export function createReviewReplies(reviews: ReviewStore) {
  async function attachment(review: Review, updated: boolean, show: boolean): Promise<ReviewAttachment> {
    const trail = await reviews.changes(review.key.workspace, review.id);
    const last = trail.at(-1);
    const card = buildReviewCard(review, { changes: trail.length, lastActor: last?.actor ?? review.key.user, lastAt: last?.at ?? review.updatedAt });
    const { platform, workspace, channel, thread } = review.key;
    return { reviewId: review.id, thread: { platform, workspace, channel, thread }, anchor: review.anchor, card, updated, show };
  }

  async function notice(review: Review | null, text: string, options: NoticeOptions = {}): Promise<Reply> {
    return {
      kind: 'notice',
      conversationId: review?.id ?? null,
      level: options.level ?? 'info',
      ...(options.title ? { title: options.title } : {}),
      text,
      ...(review ? { review: await attachment(review, options.updated ?? false, options.show ?? false) } : {}),
    };
  }

  async function showCard(review: Review, updated: boolean, footnote?: string): Promise<Reply> {
    const pending = review.status === 'open' ? openQuestion(review) : null;
    const a = { ...(await attachment(review, updated, true)), ...(pending ? { pending } : {}) };
    const text = [...(footnote ? [footnote] : []), a.card.headline, ...a.card.totalLines, ...(a.card.risks.length ? ['Biggest risks:', ...a.card.risks.map((r) => `- ${r}`)] : [])].join('\n');
    return { kind: 'notice', conversationId: review.id, level: 'info', title: a.card.title, text, review: a };
  }

  /** The question the review waits on: the first component, in adding order, with one open. */
  function openQuestion(review: Review): QuestionCard | null {
    const open = review.components.filter((c) => c.kind === 'workload' && c.pending);
    return open[0] ? componentQuestion(open[0], null, open.length - 1) : null;
  }

  /** The next question in the review, or `notes` as a notice when none is open. */
  async function respond(review: Review, notes: string[], updated: boolean, retry: { componentId: string; hint: string } | null = null): Promise<Reply> {
    const open = review.components.filter((c) => c.kind === 'workload' && c.pending);
    const head = (retry && open.find((c) => c.id === retry.componentId)) || open[0];
    if (head) {
      const question = componentQuestion(head, retry && retry.componentId === head.id ? { hint: retry.hint } : null, open.length - 1, notes);
      if (question) return { kind: 'question', conversationId: review.id, question, review: await attachment(review, updated, false) };
    }
    return notice(review, notes.join('\n') || 'Done.', { updated });
  }

  return { attachment, notice, showCard, respond };
}

export type ReviewReplies = ReturnType<typeof createReviewReplies>;
