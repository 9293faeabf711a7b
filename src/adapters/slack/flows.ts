import { MAX_DESCRIPTION_CHARS, parseCommandText } from '../../../commands/serverless-fit.js';
import { ACTION_IDS } from '../../core/action-ids.js';
import type { Advisor, AdvisorInput, Reply } from '../../core/advisor-types.js';
import { mayActOn, NOT_YOURS } from '../../core/may-act.js';
import { StorageUnavailable, type ConversationStore, type ReviewStore } from '../../core/ports.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { renderNoticeBlocks, renderRootMessage, renderStartModal, type ActionRef } from '../../render/slack-blocks.js';
import { notice, type Deliverer, type Tell } from './deliver.js';
import type { DurableWork } from './durable-work.js';
import { failureText } from './errors.js';
import { runMention } from './mentions.js';
import type { SlackCalls } from './slack-calls.js';
import type { DigestFlow } from './digest-flow.js';
import type { ReviewFlow } from './review-flow.js';
import { encodeModalOrigin, slackKey, slackThread, toInput, type ThreadReply } from './translate.js';

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
  /** `/serverless-fit review ...` and the review threads; both set or neither. */
  review?: ReviewFlow;
  reviews?: ReviewStore;
}

export interface StartRequest {
  workspace: string;
  channel: string;
  user: string;
  description: string;
  tell: Tell;
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
  /** The "Add component" modal came back; absent when reviews are not set up. */
  addComponents?: ReviewFlow['addFromModal'];
}

/** Slack direct-message channel ids start with D; only the person and the bot are in one. */
export function isDirectChannel(channel: string): boolean {
  return channel.startsWith('D');
}

export function createFlows(deps: FlowDeps): Flows {
  const { advisor, store, logger, deliver, calls, record } = deps;

  /** The advisor never throws by design; if it does, or storage refuses, the user hears so and the operator gets the error. */
  async function ask(input: AdvisorInput, tell: Tell): Promise<Reply | null> {
    try {
      return await record('advice', () => advisor.handle(input));
    } catch (error) {
      logger.error('advisor failed', { error, event: input.event.kind, workspace: input.key.workspace });
      await tell(notice('error', error instanceof StorageUnavailable ? NOT_SAVED_MIDWAY : SORRY));
      return null;
    }
  }

  async function start(request: StartRequest): Promise<void> {
    const { workspace, channel, user, description, tell } = request;
    if (description.length > MAX_DESCRIPTION_CHARS) {
      await tell(
        notice('warning', `That description is too long (${description.length.toLocaleString('en-US')} characters, max ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')}). Please shorten it and try again.`),
      );
      return;
    }
    const root = await calls.postMessage(channel, renderRootMessage({ asker: user, description }));
    if (!root.ok) {
      await tell(notice('warning', failureText(root.failure, channel, false)));
      return;
    }
    const key = slackKey(workspace, channel, root.ts, user);
    const reply = await ask(toInput(key, { kind: 'start', text: description }, user), tell);
    if (!reply) return;
    if (reply.conversationId) await rememberAnchor(workspace, reply.conversationId, root.ts);
    await deliver.reply(reply, { workspace, channel, thread: root.ts }, tell);
  }

  async function rememberAnchor(workspace: string, conversationId: string, ts: string): Promise<void> {
    await record('anchor', () => {
      const conversation = store.get(workspace, conversationId);
      if (conversation && conversation.anchor !== ts) store.save({ ...conversation, anchor: ts });
      return ts;
    });
  }

  return {
    start,

    ...(deps.review ? { addComponents: deps.review.addFromModal } : {}),

    async command(request) {
      const { workspace, channel, user, text, triggerId, tell } = request;
      const { subCommand, rest } = parseCommandText(text);
      if (subCommand === 'digest') {
        if (deps.digest) await deps.digest.command({ workspace, channel, user, text: rest, tell });
        else await tell(notice('warning', 'Weekly digests are not set up in this bot yet. Ask whoever runs it to enable them.'));
        return;
      }
      if (subCommand === 'review') {
        if (deps.review) await deps.review.command({ workspace, channel, user, text: rest, tell });
        else await tell(notice('warning', 'Design reviews are not set up in this bot yet. Ask whoever runs it to enable them.'));
        return;
      }
      if (subCommand === 'help' || subCommand === 'history' || subCommand === 'forget-me') {
        // Private answers; the thread key is empty because no thread exists.
        const reply = await ask(toInput(slackKey(workspace, channel, '', user), { kind: subCommand }, user), tell);
        if (!reply) return;
        if (reply.kind === 'notice') await tell(renderNoticeBlocks(reply, reply.conversationId));
        else logger.warn('unexpected reply to a private sub-command', { subCommand, kind: reply.kind });
        return;
      }
      if (rest.trim() === '') {
        const opened = await calls.openView(triggerId, renderStartModal(encodeModalOrigin({ channel })));
        if (!opened.ok) await tell(notice('warning', failureText(opened.failure, channel, false)));
        return;
      }
      await start({ workspace, channel, user, description: rest.trim(), tell });
    },

    async threadMessage(workspace, message, tell) {
      const thread = slackThread(workspace, message.channel, message.threadTs);
      // Anyone may answer: the key keeps the asker, the actor is whoever wrote.
      const asker = store.findByThread(thread)?.key.user ?? message.user;
      const reply = await ask(toInput({ ...thread, user: asker }, { kind: 'message', text: message.text }, message.user), tell);
      if (reply && reply.kind !== 'result' && reply.review && deps.review) await deps.review.deliver(reply, tell);
      else if (reply) await deliver.reply(reply, thread, tell);
    },

    async action(request) {
      const { workspace, user, ref, tell } = request;
      const origin = { channel: request.channel, direct: isDirectChannel(request.channel), actor: user };
      const conversation = ref.conversationId ? store.get(workspace, ref.conversationId) : null;
      // Buttons on a review's card and questions carry the review's id where a conversation's would be.
      const review = ref.conversationId && !conversation ? (deps.reviews?.get(workspace, ref.conversationId) ?? null) : null;
      const owner = conversation?.key ?? review?.key;
      if (owner && !mayActOn(owner, origin)) {
        logger.warn('slack: refused an action on a conversation from elsewhere', { workspace, user, channel: request.channel });
        await tell(notice('warning', NOT_YOURS));
        return;
      }
      if (review && deps.review) {
        const modalOrigin = { reviewId: review.id, channel: review.key.channel, thread: review.key.thread };
        if (await deps.review.maybeOpenAddModal(ref.actionId, ref.value, request.triggerId, modalOrigin, tell)) return;
        const event = { kind: 'action' as const, actionId: ref.actionId, ...(ref.value === undefined ? {} : { value: ref.value }) };
        const reply = await ask(toInput(review.key, event, user), tell);
        if (reply) await deps.review.deliver(reply, tell, review.key);
        return;
      }
      if (ref.conversationId && !conversation) {
        await tell(notice('warning', 'That conversation is no longer available. Start a new one with `/serverless-fit`.'));
        return;
      }
      const key = conversation?.key ?? slackKey(workspace, request.channel, request.thread, user);
      const event = { kind: 'action' as const, actionId: ref.actionId, ...(ref.value === undefined ? {} : { value: ref.value }) };
      const reply = await ask(toInput(key, event, user), tell);
      if (!reply) return;
      // The advisor answers `share` with the card again; where it goes is the adapter's call.
      if (ref.actionId === ACTION_IDS.share && reply.kind === 'result') {
        await deliver.share(reply.card, reply.conversationId, key.channel, user, tell);
        return;
      }
      await deliver.reply(reply, key, tell);
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
    case 'mention':
      return runMention((request) => flows.command(request), work, tell);
    case 'review-modal':
      if (flows.addComponents) await flows.addComponents(work.workspace, work.user, work.origin, work.text, tell);
      else await tell(notice('warning', 'Design reviews are not set up in this bot yet. Ask whoever runs it to enable them.'));
      return;
  }
}
