import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import type { ReviewStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { renderReviewAddModal, renderReviewSlack } from './render-review.js';
import { renderNoticeBlocks, type SlackMessage } from './render-card.js';
import { notice, type Deliverer, type Tell, type Where } from './deliver.js';
import { failureText } from './errors.js';
import type { RecordStep } from '../../delivery/journal.js';
import { LeaseLost } from '../../delivery/inbox-leases.js';
import type { SlackCalls } from './slack-calls.js';
import { slackKey, type ReviewModalOrigin } from './translate.js';

export type { ReviewModalOrigin } from './translate.js';

// Design reviews on Slack. A review the dispatch asks to open posts the living
// summary card as a channel message whose thread holds the review; every turn
// that changes the review edits that card in place (chat.update), so the top
// of the thread always shows the current plan.

export interface ReviewFlowDeps {
  advisor: Advisor;
  /** Saves each decision with the delivery, so a replay continues instead of deciding again. */
  record: RecordStep;
  reviews: ReviewStore;
  deliver: Deliverer;
  calls: SlackCalls;
  logger: Logger;
}

export interface ReviewOpenRequest {
  workspace: string;
  channel: string;
  user: string;
  /** The review's name, as the dispatch read it. */
  name: string;
  tell: Tell;
}

const SORRY = 'Something went wrong on my side and I could not answer that. It has been logged; please try again.';

export function createReviewFlow(deps: ReviewFlowDeps) {
  const { advisor, reviews, calls, logger, record } = deps;

  async function ask(input: AdvisorInput): Promise<Reply | null> {
    try {
      return await record('advice', () => advisor.handle(input));
    } catch (error) {
      // Another replica has the delivery now: it answers, this one says nothing.
      if (error instanceof LeaseLost) throw error;
      logger.error('advisor failed on a review', { error, event: input.event.kind, workspace: input.key.workspace });
      return null;
    }
  }

  /** Edits the living card; a stale card is worth a log line, not a message to anyone. */
  async function refreshCard(reply: Reply): Promise<void> {
    if (reply.kind === 'result' || !reply.review?.anchor) return;
    const { thread, anchor, card } = reply.review;
    const updated = await calls.update(thread.channel, anchor, renderReviewSlack(card));
    if (!updated.ok) logger.warn('could not update the review card', { reviewId: reply.review.reviewId, failure: updated.failure });
  }

  /** A review reply in its thread: the card edited when it changed, then the card, question or notice posted. */
  async function deliver(reply: Reply, tell: Tell, where?: Where): Promise<boolean> {
    if (reply.kind === 'result' || !reply.review) return deps.deliver.reply(reply, where ?? { workspace: '', channel: '', thread: '' }, tell);
    const { thread } = reply.review;
    const target: Where = { workspace: thread.workspace, channel: thread.channel, thread: thread.thread };
    if (reply.review.updated) await refreshCard(reply);
    if (reply.kind === 'notice' && reply.level === 'error') {
      await tell(renderNoticeBlocks(reply, reply.conversationId));
      return true;
    }
    if (reply.review.show) return post(renderReviewSlack(reply.review.card), target, tell);
    const { review: _review, ...plain } = reply;
    return deps.deliver.reply(plain, target, tell);
  }

  async function post(message: SlackMessage, where: Where, tell: Tell): Promise<boolean> {
    const posted = await calls.postMessage(where.channel, message, where.thread);
    if (posted.ok) return true;
    await tell(notice('warning', failureText(posted.failure, where.channel, true)));
    return false;
  }

  /** A new review: the card is the thread's root, then the review is opened keyed by it. */
  async function open(request: ReviewOpenRequest): Promise<void> {
    const { workspace, channel, user, name, tell } = request;
    // The card is the thread's root, so it must exist before the review does; it is filled in right after.
    const root = await calls.postMessage(channel, { text: `Design review: ${name}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:hourglass: Opening the design review *${name.replace(/[&<>]/g, '')}*…` } }] });
    if (!root.ok) {
      await tell(notice('warning', failureText(root.failure, channel, false)));
      return;
    }
    const reply = await ask({ key: slackKey(workspace, channel, root.ts, user), event: { kind: 'review-open', name }, actor: user });
    if (!reply || reply.kind === 'result' || !reply.review) {
      await calls.update(channel, root.ts, notice('warning', 'This review could not be opened.'));
      await tell(reply && reply.kind === 'notice' ? renderNoticeBlocks(reply, null) : notice('error', SORRY));
      return;
    }
    const reviewId = reply.review.reviewId;
    await record('anchor', () => reviews.setAnchor(workspace, reviewId, root.ts));
    const updated = await calls.update(channel, root.ts, renderReviewSlack(reply.review.card));
    if (!updated.ok) logger.warn('could not fill in the review card', { failure: updated.failure });
    const howTo = reply.kind === 'notice' ? (reply.text.split('\n')[0] ?? '') : '';
    if (howTo) await post(renderNoticeBlocks({ level: 'info', text: howTo }, reply.review.reviewId), { workspace, channel, thread: root.ts }, tell);
  }

  return {
    deliver,

    open,

    /** A review reopened from elsewhere: the card goes to its thread, the asker hears where. */
    async reopened(reply: Reply, note: string, tell: Tell): Promise<void> {
      await deliver(reply, tell);
      await tell(notice('info', note));
    },

    /** Opens the "Add component" form for a review. */
    async openAddModal(triggerId: string, origin: ReviewModalOrigin, tell: Tell): Promise<void> {
      const opened = await calls.openView(triggerId, renderReviewAddModal(JSON.stringify(origin)));
      if (!opened.ok) await tell(notice('warning', failureText(opened.failure, origin.channel, false)));
    },
  };
}

export type ReviewFlow = ReturnType<typeof createReviewFlow>;
