import { ACTION_IDS } from '../action-ids.js';
import type { AdvisorEvent, AdvisorInput, Reply } from '../advisor-types.js';
import type { ConversationKey } from '../conversation.js';
import { mayActOn, NOT_YOURS } from '../may-act.js';
import type { Clock, ConversationStore, ReviewStore, WorkspaceSettingsStore } from '../ports.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { answerSettings } from './answer-settings.js';
import { REVIEW_ACTIONS } from '../review/review-actions.js';
import { CONVERSATION_GONE, isTooLong, notSetUp, privateNotice, tooLong, UNKNOWN_SUB_COMMAND } from './answers.js';
import type { ActionInput, ActionOutcome, ActionRef, CommandInput, CommandOutcome } from '../advisor-types.js';
import { readCommand, type ReviewCommandEvent } from './read-command.js';
import { measureCommand, measuredCommand } from './measure-command.js';

// In front of the advisor: the command and the controls, the same on every
// platform. It decides which sub-command was meant, whether a control belongs
// to a conversation or to a design review, whether "review <words>" opens a
// new review or reopens one, and what to say when a feature is not set up;
// the turn itself is the advisor's (`handle`).

export interface DispatchDeps {
  handle(input: AdvisorInput): Promise<Reply>;
  store: ConversationStore;
  /** Design reviews; without them the review sub-command answers that they are not set up. */
  reviews: ReviewStore | undefined;
  /** For a measured command: the window it reads ends at the clock's hour; the catalog prices what it read. */
  /** Workspace settings; without them the settings sub-command answers that they are not set up. */
  settings: WorkspaceSettingsStore | undefined;
  catalog: PricingCatalog;
  clock: Clock;
}

export interface Dispatch {
  command(input: CommandInput): Promise<CommandOutcome>;
  act(input: ActionInput): Promise<ActionOutcome>;
}

const SUBSCRIBE = /^\s*subscribe\b/i;

export function createDispatch(deps: DispatchDeps): Dispatch {
  const { handle, store, reviews } = deps;

  async function privately(input: CommandInput, event: AdvisorEvent): Promise<CommandOutcome> {
    return { kind: 'private', reply: await handle({ key: input.key, event, actor: input.actor }) };
  }

  async function review(input: CommandInput, event: ReviewCommandEvent): Promise<CommandOutcome> {
    if (!reviews) return { kind: 'private', reply: notSetUp('reviews') };
    const { key, actor } = input;
    if (event.kind === 'review-open' && event.name.trim()) {
      // "review 3f9c2a1b" names a review by its id: reopen it rather than start one called that.
      const byId = await reviews.get(key.workspace, event.name.trim().toLowerCase());
      if (!byId || byId.key.platform !== key.platform) return { kind: 'thread-first', title: event.name.trim(), then: event };
      return reopened(await handle({ key, event: { kind: 'review-reopen', id: byId.id }, actor }));
    }
    const reply = await handle({ key, event, actor });
    return event.kind === 'review-reopen' ? reopened(reply) : { kind: 'private', reply };
  }

  function reopened(reply: Reply): CommandOutcome {
    if (reply.kind === 'result' || !reply.review) return { kind: 'private', reply };
    return { kind: 'reopened', reply, note: `The review "${reply.review.card.title}" is open again; it continues in its thread.` };
  }

  function eventOf(ref: ActionRef): Extract<AdvisorEvent, { kind: 'action' } | { kind: 'message' }> {
    if (ref.kind === 'typed') return { kind: 'message', text: ref.text };
    if (ref.kind === 'action') return ref.value === undefined ? { kind: 'action', actionId: ref.actionId } : { kind: 'action', actionId: ref.actionId, value: ref.value };
    return { kind: 'message', text: '' };
  }

  async function turn(key: ConversationKey, input: ActionInput): Promise<ActionOutcome> {
    const reply = await handle({ key, event: eventOf(input.ref), actor: input.actor });
    const share = input.ref.kind === 'action' && input.ref.actionId === ACTION_IDS.share && reply.kind === 'result';
    return { kind: 'reply', reply, key, share };
  }

  return {
    async command(input) {
      if (isTooLong(input.text)) return { kind: 'private', reply: tooLong(input.text.length) };
      if (input.measured) return measuredCommand(input.measured, deps.catalog);
      const command = readCommand(input.text, input.subCommand);
      switch (command.kind) {
        case 'assess':
          return { kind: 'thread-first', title: command.text, then: { kind: 'start', text: command.text } };
        case 'measure':
          return measureCommand(command.words, deps.clock.now());
        case 'help':
        case 'history':
        case 'forget-me':
          return privately(input, { kind: command.kind });
        case 'digest':
          return { kind: 'digest', text: command.text, subscribing: SUBSCRIBE.test(command.text) };
        case 'review':
          return review(input, command.event);
        case 'settings':
          return { kind: 'private', reply: await answerSettings(command.text, { settings: deps.settings, catalog: deps.catalog, key: input.key, actor: input.actor, now: deps.clock.now().toISOString() }) };
        case 'unknown':
          return { kind: 'private', reply: privateNotice(UNKNOWN_SUB_COMMAND) };
      }
    },

    async act(input) {
      const { ref, key } = input;
      const conversation = ref.target ? await store.get(key.workspace, ref.target) : null;
      // Controls on a review's card and questions carry the review's id where a conversation's would be.
      const inReview = ref.target && !conversation ? ((await reviews?.get(key.workspace, ref.target)) ?? null) : null;
      const owner = conversation?.key ?? inReview?.key;
      if (owner && !mayActOn(owner, { channel: key.channel, direct: input.direct, actor: input.actor })) {
        return { kind: 'refused', reply: privateNotice(NOT_YOURS), notYours: true };
      }
      if (ref.kind === 'typed' && isTooLong(ref.text)) return { kind: 'refused', reply: tooLong(ref.text.length), notYours: false };
      if (inReview) {
        const { workspace, channel, thread } = inReview.key;
        const where = { platform: inReview.key.platform, workspace, channel, thread };
        if (ref.kind === 'form') return { kind: 'form', form: 'review-answer', target: inReview.id, thread: where, prompt: null };
        if (ref.kind === 'action' && ref.actionId === REVIEW_ACTIONS.add && !ref.value && input.canOpenForm) {
          return { kind: 'form', form: 'review-add', target: inReview.id, thread: where, prompt: null };
        }
        return turn(inReview.key, input);
      }
      if (ref.target && !conversation) return { kind: 'refused', reply: privateNotice(CONVERSATION_GONE), notYours: false };
      if (ref.kind === 'form') {
        const { platform, workspace, channel, thread } = conversation?.key ?? key;
        return { kind: 'form', form: 'answer', target: ref.target, thread: { platform, workspace, channel, thread }, prompt: conversation?.pending ?? 'what-if' };
      }
      return turn(conversation?.key ?? key, input);
    },
  };
}
