import type { PlatformPorts } from '../../../src/adapters/chat-platform.js';
import { commandMeasured, handleMeasured, type MeasureFirstDeps } from '../../../src/adapters/measure-first.js';
import type { ActionRef, Reply } from '../../../src/core/advisor-types.js';
import type { CardAction } from '../../../src/core/card.js';
import type { ConversationKey, ThreadKey } from '../../../src/core/conversation.js';
import { answerDigest } from '../../../src/core/dispatch/answer-digest.js';
import { REVIEW_ACTIONS } from '../../../src/core/review/review-actions.js';
import { renderDigestText } from '../../../src/render/digest-text.js';
import { renderReviewText } from '../../../src/render/review-text.js';
import { renderReply } from '../../../src/render/text.js';
import type { EchoBot, EchoButton, EchoEvent, EchoChatServer } from './echo-server.js';

// Echo Chat's adapter: an event in, one call into the core, the reply out.
// Threads start from the bot's first message (its id is the thread's), a
// review's living card is that first message, edited in place. What a
// command's words or a button mean is the core's to say (advisor.command,
// advisor.act); this file only translates and delivers.

export const ECHO_PLATFORM = 'echo-chat';
const WORKSPACE = 'echo-workspace';
const PLAIN = { color: false };

const buttonsOf = (actions: readonly CardAction[] | undefined, target: string | null): EchoButton[] =>
  (actions ?? []).map((a) => ({ label: a.label, actionId: a.id, target, ...(a.value === undefined ? {} : { value: a.value }) }));

function replyButtons(reply: Reply): EchoButton[] {
  const target = (reply.kind !== 'result' ? reply.review?.reviewId : undefined) ?? reply.conversationId ?? null;
  if (reply.kind === 'question') return buttonsOf(reply.question.choices, target);
  if (reply.kind === 'result') return buttonsOf(reply.card.actions, target);
  return buttonsOf(reply.actions, target);
}

interface OpenForm {
  target: string | null;
  thread: ThreadKey;
  kind: 'answer' | 'review-answer' | 'review-add';
}

export function createEchoAdapter(server: EchoChatServer, token: string, ports: PlatformPorts) {
  let bot: EchoBot | null = null;
  const forms = new Map<string, OpenForm>();
  const key = (channel: string, thread: string, user: string): ConversationKey => ({ platform: ECHO_PLATFORM, workspace: WORKSPACE, channel, thread, user });
  // Echo Chat keeps no delivery journal: a decision is simply made.
  const measuring: MeasureFirstDeps = { advisor: ports.advisor, record: async (_kind, work) => work(), measure: ports.measure, logger: ports.logger };

  /** A reply in its thread; a review's card is kept current at the top of its thread. */
  function deliver(reply: Reply, where: ThreadKey, user: string): void {
    const chat = bot as EchoBot;
    if (reply.kind !== 'result' && reply.review) {
      const { thread, anchor, card, updated, show } = reply.review;
      if (updated && anchor) chat.edit(anchor, renderReviewText(card), buttonsOf(card.actions, reply.review.reviewId));
      if (show) {
        chat.post(thread.channel, thread.thread, renderReviewText(card), buttonsOf(card.actions, reply.review.reviewId));
        return;
      }
      chat.post(thread.channel, thread.thread, renderReply(reply, PLAIN), replyButtons(reply));
      return;
    }
    if (reply.kind === 'notice' && reply.conversationId === null) chat.whisper(user, where.channel, renderReply(reply, PLAIN));
    else chat.post(where.channel, where.thread, renderReply(reply, PLAIN), replyButtons(reply));
  }

  /** `/serverless-fit <words>`: the core says what it means and where the answer goes. */
  async function onCommand(user: string, channel: string, words: string): Promise<void> {
    const chat = bot as EchoBot;
    const outcome = await commandMeasured({ key: key(channel, '', user), actor: user, text: words }, measuring);
    switch (outcome.kind) {
      case 'private':
        chat.whisper(user, channel, renderReply(outcome.reply, PLAIN));
        return;
      case 'reopened':
        if (outcome.reply.kind !== 'result' && outcome.reply.review) deliver(outcome.reply, outcome.reply.review.thread, user);
        chat.whisper(user, channel, outcome.note);
        return;
      case 'digest': {
        const answer = await answerDigest(ports.digests, { platform: ECHO_PLATFORM, workspace: WORKSPACE, channel, user, text: outcome.text });
        chat.whisper(user, channel, answer.kind === 'notice' ? answer.text : renderDigestText(answer.digest));
        return;
      }
      case 'thread-first': {
        // A conversation or a review lives in the thread of the bot's first message.
        const root = chat.post(channel, null, outcome.title);
        const reply = await ports.advisor.handle({ key: key(channel, root.id, user), event: outcome.then, actor: user });
        if (outcome.then.kind === 'review-open' && reply.kind !== 'result' && reply.review) {
          await ports.reviews?.setAnchor(WORKSPACE, reply.review.reviewId, root.id);
          chat.edit(root.id, renderReviewText(reply.review.card), buttonsOf(reply.review.card.actions, reply.review.reviewId));
          const howTo = reply.kind === 'notice' ? (reply.text.split('\n')[0] ?? '') : '';
          if (howTo) chat.post(channel, root.id, howTo);
          return;
        }
        deliver(reply, key(channel, root.id, user), user);
      }
    }
  }

  /** A button or a form: the core says whose it is and what it does. */
  async function onAction(ref: ActionRef, where: ConversationKey, user: string, canOpenForm: boolean): Promise<void> {
    const outcome = await ports.advisor.act({ ref, key: where, actor: user, direct: false, canOpenForm });
    switch (outcome.kind) {
      case 'reply':
        deliver(outcome.reply, outcome.key, user);
        return;
      case 'refused':
        bot?.whisper(user, where.channel, renderReply(outcome.reply, PLAIN));
        return;
      case 'form': {
        const formId = `form-${forms.size + 1}`;
        forms.set(formId, { target: outcome.target, thread: outcome.thread, kind: outcome.form });
        bot?.openForm(user, formId, outcome.form === 'review-add' ? 'Add a component' : 'Your answer');
      }
    }
  }

  async function handle(event: EchoEvent): Promise<void> {
    switch (event.kind) {
      case 'command':
        return onCommand(event.user, event.channel, event.text);
      case 'message': {
        const where = key(event.channel, event.thread, event.user);
        if (!(await ports.advisor.owns(where))) return;
        const { reply, privately } = await handleMeasured({ key: where, event: { kind: 'message', text: event.text }, actor: event.user }, measuring);
        if (privately) bot?.whisper(event.user, where.channel, renderReply(reply, PLAIN));
        else deliver(reply, where, event.user);
        return;
      }
      case 'press': {
        const { message, button, user } = event;
        const ref: ActionRef = { target: button.target ?? null, kind: 'action', actionId: button.actionId, ...(button.value === undefined ? {} : { value: button.value }) };
        return onAction(ref, key(message.channel, message.thread ?? message.id, user), user, true);
      }
      case 'form': {
        const form = forms.get(event.formId);
        if (!form) return;
        const where = { ...form.thread, user: event.user };
        // An empty form is turned back by the form itself, as Slack's required fields are.
        if (!event.text.trim()) {
          bot?.whisper(event.user, where.channel, 'Type something in the form, or close it.');
          return;
        }
        // A component list comes back as the review's add action with the text; anything else is a typed answer.
        const ref: ActionRef =
          form.kind === 'review-add' ? { target: form.target, kind: 'action', actionId: REVIEW_ACTIONS.add, value: event.text } : { target: form.target, kind: 'typed', text: event.text };
        return onAction(ref, where, event.user, false);
      }
    }
  }

  return {
    start(): void {
      bot = server.connect(token, async (event) => {
        try {
          await handle(event);
        } catch (error) {
          ports.logger.error('echo chat: event failed', { error });
          bot?.whisper(event.user, event.kind === 'command' || event.kind === 'message' ? event.channel : '', 'Something went wrong on my side; it has been logged.');
        }
      });
      if (!bot) throw new Error('Echo Chat refused ECHO_CHAT_TOKEN');
    },
    stop(): void {
      server.disconnect();
      bot = null;
    },
    ready: () => bot !== null && server.connected(),
    postDigest(channel: string, text: string): void {
      if (!bot) throw new Error('Echo Chat is not connected');
      bot.post(channel, null, text);
    },
  };
}
