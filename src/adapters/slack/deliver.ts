import type { Reply } from '../../core/advisor-types.js';
import type { Card } from '../../core/card.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import type { ConversationStore } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import {
  renderCardBlocks,
  renderNoticeBlocks,
  renderQuestionBlocks,
  renderRootMessage,
  type SlackMessage,
} from './render-card.js';
import { failureText } from './errors.js';
import type { SlackCalls } from './slack-calls.js';

// Reply -> Slack API calls. Questions, cards and notices go into the thread; a
// result also edits the root message to show the verdict, and its chart is
// handed on to follow the card in the thread once drawn (chart-follow-ups.ts).
// When Slack refuses a post the user is told (the advisor has already saved
// the turn, so nothing is lost and the next message continues).

/** The thread a reply belongs in. */
export interface Where {
  workspace: string;
  channel: string;
  thread: string;
}

/** Tells one person something privately (ephemeral message or response_url). */
export type Tell = (message: SlackMessage) => Promise<void>;

export interface DeliverDeps {
  calls: SlackCalls;
  store: ConversationStore;
  logger: Logger;
  /** Has `chart` drawn and posted under the card at `cardTs` later, without holding this reply up; without it cards go out alone. */
  chartLater?: (chart: CostChart, where: Where, cardTs: string) => Promise<void>;
}

export interface Deliverer {
  /** Posts `reply` in the thread; returns false when Slack refused it (the user was told). */
  reply(reply: Reply, where: Where, tell: Tell): Promise<boolean>;
  /** Posts a card in the channel itself, outside any thread. */
  share(card: Card, conversationId: string, channel: string, sharedBy: string, tell: Tell): Promise<boolean>;
}

export function notice(level: 'info' | 'warning' | 'error', text: string): SlackMessage {
  return renderNoticeBlocks({ level, text }, null);
}

export function createDeliverer(deps: DeliverDeps): Deliverer {
  const { calls, store, logger } = deps;

  /** The ts of the posted message, or null when Slack refused it (the user was told). */
  async function post(message: SlackMessage, where: Where, saved: boolean, tell: Tell): Promise<string | null> {
    const posted = await calls.postMessage(where.channel, message, where.thread);
    if (posted.ok) return posted.ts;
    await tell(notice('warning', failureText(posted.failure, where.channel, saved)));
    return null;
  }

  async function showVerdictOnRoot(conversationId: string, where: Where, card: Card): Promise<void> {
    const conversation = await store.get(where.workspace, conversationId);
    if (!conversation) return;
    const root = renderRootMessage({
      asker: conversation.key.user,
      description: conversation.facts.description ?? '',
      outcome: { verdict: card.verdict, headline: card.headline },
    });
    const updated = await calls.update(conversation.key.channel, conversation.anchor ?? conversation.key.thread, root);
    // The card itself is in the thread; a stale root is worth a log line, not a user message.
    if (!updated.ok) logger.warn('could not show the verdict on the root message', { conversationId, failure: updated.failure });
  }

  return {
    async reply(reply, where, tell) {
      switch (reply.kind) {
        case 'question':
          return (await post(renderQuestionBlocks(reply.question, reply.conversationId), where, true, tell)) !== null;
        case 'notice':
          return (await post(renderNoticeBlocks(reply, reply.conversationId), where, reply.conversationId !== null, tell)) !== null;
        case 'result': {
          // The card goes out first; its chart is drawn apart and follows it, so a slow chart never holds an answer back.
          const cardTs = await post(renderCardBlocks(reply.card, reply.conversationId), where, true, tell);
          if (cardTs === null) return false;
          await showVerdictOnRoot(reply.conversationId, where, reply.card);
          if (reply.card.chart && deps.chartLater) await deps.chartLater(reply.card.chart, where, cardTs);
          return true;
        }
      }
    },
    async share(card, conversationId, channel, sharedBy, tell) {
      const posted = await calls.postMessage(channel, renderCardBlocks(card, conversationId, { sharedBy }));
      if (posted.ok) return true;
      await tell(notice('warning', failureText(posted.failure, channel, false)));
      return false;
    },
  };
}
