import { REVIEW_ACTIONS } from '../../core/review/review-actions.js';
import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import { StorageUnavailable, type ConversationStore } from '../../core/ports.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import type { MeasureAnswer, MeasureSource } from '../../core/metrics/measure-request.js';
import { commandMeasured, handleMeasured } from '../measure-first.js';
import { renderNoticeBlocks, renderRootMessage, renderStartModal, type ActionRef } from './render-card.js';
import { notice, type Deliverer, type Tell } from './deliver.js';
import type { DurableWork } from './durable-work.js';
import type { FileShareWork } from './file-share-work.js';
import { failureText } from './errors.js';
import { runMention } from './mentions.js';
import type { SlackCalls } from './slack-calls.js';
import type { DigestFlow } from './digest-flow.js';
import type { ReviewFlow } from './review-flow.js';
import { encodeModalOrigin, slackKey, slackThread, toActionRef, toInput, type ThreadReply } from './translate.js';
import { LeaseLost } from '../../delivery/inbox-leases.js';

// What happens for each kind of Slack input, once it is written down and
// acknowledged. Platform-free apart from the Slack calls it is handed. Every
// decision that writes (the advisor's answer, an anchor) goes through
// `record`, which saves it with the delivery, so a replay continues instead
// of deciding again.

export type { DurableWork } from './durable-work.js';

export interface FlowDeps {
  advisor: Advisor;
  store: ConversationStore;
  logger: Logger;
  deliver: Deliverer;
  calls: SlackCalls;
  record: RecordStep;
  /** `/serverless-fit digest ...`; answers privately. */
  digest?: DigestFlow;
  /** Design reviews' threads, cards and forms; set when reviews are. */
  review?: ReviewFlow;
  /** Reads the metrics a measuring command or review message asks for. */
  measure?: MeasureSource;
  /** Template files shared in a review's thread. */
  fileShare?: (work: FileShareWork, tell: Tell) => Promise<void>;
}

export interface StartRequest {
  workspace: string;
  channel: string;
  user: string;
  description: string;
  tell: Tell;
  /** A measured workload's reading, carried from the command to the conversation it starts. */
  measured?: MeasureAnswer;
}

export interface CommandRequest {
  workspace: string;
  channel: string;
  user: string;
  text: string;
  triggerId: string;
  tell: Tell;
}

export interface ActionRequest {
  workspace: string;
  user: string;
  ref: ActionRef;
  /** Where the clicked message lives, for actions not tied to a conversation. */
  channel: string;
  thread: string;
  /** Lets a button open a modal (a review's "Add component"). */
  triggerId?: string;
  tell: Tell;
}

export const SORRY = 'Something went wrong on my side and I could not answer that. It has been logged; please try again.';
export const NOT_SAVED_MIDWAY =
  'I could not save my answer (the bot cannot write to its database right now), so I stopped there. Please try again in a minute.';

export interface Flows {
  command(request: CommandRequest): Promise<void>;
  start(request: StartRequest): Promise<void>;
  threadMessage(workspace: string, reply: ThreadReply, tell: Tell): Promise<void>;
  action(request: ActionRequest): Promise<void>;
  fileShare(work: FileShareWork, tell: Tell): Promise<void>;
}

/** Slack direct-message channel ids start with D; only the person and the bot are in one. */
export function isDirectChannel(channel: string): boolean {
  return channel.startsWith('D');
}

export function createFlows(deps: FlowDeps): Flows {
  const { advisor, store, logger, deliver, calls, record } = deps;

  /** The core never throws by design; if it does, or storage refuses, the user hears so and the operator gets the error. */
  async function decide<T>(what: string, tell: Tell, work: () => Promise<T>): Promise<T | null> {
    return guarded(what, tell, () => record('advice', work));
  }

  async function guarded<T>(what: string, tell: Tell, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      // Another replica has the delivery now: it answers, this one says nothing.
      if (error instanceof LeaseLost) throw error;
      logger.error('advisor failed', { error, event: what });
      await tell(notice('error', error instanceof StorageUnavailable ? NOT_SAVED_MIDWAY : SORRY));
      return null;
    }
  }

  function ask(input: AdvisorInput, tell: Tell): Promise<Reply | null> {
    return decide(input.event.kind, tell, () => advisor.handle(input));
  }

  /** A private answer: the asker sees it, nobody else. */
  async function tellPrivately(reply: Reply, tell: Tell): Promise<void> {
    if (reply.kind === 'notice') await tell(renderNoticeBlocks(reply, reply.conversationId));
    else logger.warn('unexpected private reply to a command', { kind: reply.kind });
  }

  /** The conversation's thread starts at a root message in the channel; the conversation is keyed by it. */
  async function startInThread(request: StartRequest): Promise<void> {
    const { workspace, channel, user, description, tell, measured } = request;
    const root = await calls.postMessage(channel, renderRootMessage({ asker: user, description }));
    if (!root.ok) {
      await tell(notice('warning', failureText(root.failure, channel, false)));
      return;
    }
    const key = slackKey(workspace, channel, root.ts, user);
    const reply = await ask(toInput(key, { kind: 'start', text: description, ...(measured ? { measured } : {}) }, user), tell);
    if (!reply) return;
    if (reply.conversationId) await rememberAnchor(workspace, reply.conversationId, root.ts);
    await deliver.reply(reply, { workspace, channel, thread: root.ts }, tell);
  }

  async function rememberAnchor(workspace: string, conversationId: string, ts: string): Promise<void> {
    await record('anchor', async () => {
      const conversation = await store.get(workspace, conversationId);
      if (conversation && conversation.anchor !== ts) await store.save({ ...conversation, anchor: ts });
      return ts;
    });
  }

  async function command(request: CommandRequest, subCommand?: string): Promise<void> {
    const { workspace, channel, user, text, triggerId, tell } = request;
    // No thread exists yet; the key is where the command was typed.
    const here = slackKey(workspace, channel, '', user);
    const input = { key: here, actor: user, text, ...(subCommand ? { subCommand } : {}) };
    const outcome = await guarded('command', tell, () => commandMeasured(input, { advisor, record, measure: deps.measure, logger }));
    if (!outcome) return;
    switch (outcome.kind) {
      case 'private':
        return tellPrivately(outcome.reply, tell);
      case 'reopened':
        if (deps.review) await deps.review.reopened(outcome.reply, outcome.note, tell);
        return;
      case 'digest':
        if (deps.digest) await deps.digest.command({ workspace, channel, user, text: outcome.text, subscribing: outcome.subscribing, tell });
        return;
      case 'thread-first': {
        const { then } = outcome;
        if (then.kind === 'review-open') {
          if (deps.review) await deps.review.open({ workspace, channel, user, name: then.name, tell });
          return;
        }
        if (then.text !== '') return startInThread({ workspace, channel, user, description: then.text, tell, ...(then.measured ? { measured: then.measured } : {}) });
        // Nothing described yet: Slack asks for it in a form, which comes back as a start.
        const opened = await calls.openView(triggerId, renderStartModal(encodeModalOrigin({ channel })));
        if (!opened.ok) await tell(notice('warning', failureText(opened.failure, channel, false)));
        return;
      }
    }
  }

  return {
    command: (request) => command(request),

    // The form's text is a description, whatever its first word.
    start: (request) => command({ ...request, text: request.description, triggerId: '' }, 'assess'),

    async threadMessage(workspace, message, tell) {
      const thread = slackThread(workspace, message.channel, message.threadTs);
      // Anyone may answer: the key keeps the asker, the actor is whoever wrote.
      const asker = (await store.findByThread(thread))?.key.user ?? message.user;
      const input = toInput({ ...thread, user: asker }, { kind: 'message', text: message.text }, message.user);
      const measured = await guarded('message', tell, () => handleMeasured(input, { advisor, record, measure: deps.measure, logger }));
      const reply = measured?.reply;
      // A measurement that failed changed nothing: only the person who asked hears why.
      if (measured?.privately) await tellPrivately(measured.reply, tell);
      else if (reply && reply.kind !== 'result' && reply.review && deps.review) await deps.review.deliver(reply, tell);
      else if (reply) await deliver.reply(reply, thread, tell);
    },

    fileShare: async (work, tell) => deps.fileShare?.(work, tell),

    async action(request) {
      const { workspace, user, ref, tell } = request;
      const key = slackKey(workspace, request.channel, request.thread, user);
      const outcome = await decide('action', tell, () =>
        advisor.act({ ref: toActionRef(ref), key, actor: user, direct: isDirectChannel(request.channel), canOpenForm: Boolean(request.triggerId && deps.review) }),
      );
      if (!outcome) return;
      switch (outcome.kind) {
        case 'refused':
          if (outcome.notYours) logger.warn('slack: refused an action on a conversation from elsewhere', { workspace, user, channel: request.channel });
          return tellPrivately(outcome.reply, tell);
        case 'form':
          if (outcome.form === 'review-add' && deps.review && request.triggerId && outcome.target) {
            await deps.review.openAddModal(request.triggerId, { reviewId: outcome.target, channel: outcome.thread.channel, thread: outcome.thread.thread }, tell);
          } else logger.warn('slack: a form Slack does not offer was asked for', { form: outcome.form });
          return;
        case 'reply': {
          const { reply } = outcome;
          if (reply.kind !== 'result' && reply.review && deps.review) {
            await deps.review.deliver(reply, tell, outcome.key);
            return;
          }
          // "Share" answers with the card again; it goes into the channel itself.
          if (outcome.share && reply.kind === 'result') {
            await deliver.share(reply.card, reply.conversationId, outcome.key.channel, user, tell);
            return;
          }
          await deliver.reply(reply, outcome.key, tell);
        }
      }
    },
  };
}

/** Runs a command, a button press, a thread reply or a form, live or replayed after a restart. */
export async function runWork(flows: Flows, work: DurableWork, tell: Tell): Promise<void> {
  switch (work.kind) {
    case 'command':
      return flows.command({ workspace: work.workspace, channel: work.channel, user: work.user, text: work.text, triggerId: work.triggerId, tell });
    case 'action':
      return flows.action({ workspace: work.workspace, user: work.user, ref: work.ref, channel: work.channel, thread: work.thread, triggerId: work.triggerId, tell });
    case 'message':
      return flows.threadMessage(work.workspace, { channel: work.channel, user: work.user, text: work.text, threadTs: work.threadTs }, tell);
    case 'start-modal':
      return flows.start({ workspace: work.workspace, channel: work.channel, user: work.user, description: work.description, tell });
    case 'file':
      return flows.fileShare(work, tell);
    case 'mention':
      return runMention((request) => flows.command(request), work, tell);
    case 'review-modal':
      // The "Add component" form: what was typed is the value of the review's add action.
      return flows.action({
        workspace: work.workspace,
        user: work.user,
        ref: { conversationId: work.origin.reviewId, actionId: REVIEW_ACTIONS.add, value: work.text },
        channel: work.origin.channel,
        thread: work.origin.thread,
        tell,
      });
  }
}
