import type { PlatformPorts } from '../../../src/adapters/chat-platform.js';
import type { AdvisorEvent, Reply } from '../../../src/core/advisor-types.js';
import type { CardAction } from '../../../src/core/card.js';
import type { ConversationKey, ThreadKey } from '../../../src/core/conversation.js';
import { reviewEventFor } from '../../../src/core/review/review-command-text.js';
import { REVIEW_ACTIONS } from '../../../src/core/review/review-actions.js';
import { renderDigestText } from '../../../src/render/digest-text.js';
import { renderReviewText } from '../../../src/render/review-text.js';
import { renderReply } from '../../../src/render/text.js';
import type { EchoBot, EchoButton, EchoEvent, EchoChatServer } from './echo-server.js';

// Echo Chat's adapter: an event in, one call into the core, the reply out.
// Threads start from the bot's first message (its id is the thread's), a
// review's living card is that first message, edited in place. What the
// command's words mean is asked of the core through `askCore` alone.

export const ECHO_PLATFORM = 'echo-chat';
const WORKSPACE = 'echo-workspace';
const PLAIN = { color: false };

type CoreAnswer = { kind: 'advice'; reply: Reply } | { kind: 'digest'; text: string; private: boolean };

/** The one place this adapter calls into the core: a command's words or an action, to an answer. */
export function askCore(ports: PlatformPorts, key: ConversationKey, actor: string, input: { words: string } | { event: AdvisorEvent }): CoreAnswer {
  if ('event' in input) return { kind: 'advice', reply: ports.advisor.handle({ key, event: input.event, actor }) };
  const [first = '', ...rest] = input.words.trim().split(/\s+/);
  const tail = rest.join(' ');
  switch (first.toLowerCase()) {
    case 'help':
    case 'history':
    case 'forget-me':
      return { kind: 'advice', reply: ports.advisor.handle({ key, event: { kind: first.toLowerCase() as 'help' | 'history' | 'forget-me' }, actor }) };
    case 'review':
      return { kind: 'advice', reply: ports.advisor.handle({ key, event: reviewEventFor(tail), actor }) };
    case 'digest': {
      if (!ports.digests) return { kind: 'digest', text: 'Weekly digests are not set up in this bot.', private: true };
      const answer = ports.digests.command({ platform: key.platform, workspace: key.workspace, channel: key.channel, user: actor, text: tail });
      return { kind: 'digest', text: answer.kind === 'notice' ? answer.text : renderDigestText(answer.digest), private: true };
    }
    default:
      return { kind: 'advice', reply: ports.advisor.handle({ key, event: { kind: 'start', text: input.words.trim() }, actor }) };
  }
}

/** Whether `/serverless-fit <words>` opens a new review, which needs a thread before the core sees it (not a reopen by id). */
export function opensNewReview(ports: PlatformPorts, words: string): boolean {
  const review = /^review\s+(.+)$/i.exec(words.trim());
  const event = review ? reviewEventFor(review[1] ?? '') : null;
  return event?.kind === 'review-open' && Boolean(event.name) && !ports.reviews?.get(WORKSPACE, event.name.toLowerCase());
}

const buttonsOf = (actions: readonly CardAction[] | undefined): EchoButton[] =>
  (actions ?? []).map((a) => ({ label: a.label, actionId: a.id, ...(a.value === undefined ? {} : { value: a.value }) }));

function replyButtons(reply: Reply): EchoButton[] {
  if (reply.kind === 'question') return buttonsOf(reply.question.choices);
  if (reply.kind === 'result') return buttonsOf(reply.card.actions);
  return buttonsOf(reply.actions);
}

export function createEchoAdapter(server: EchoChatServer, token: string, ports: PlatformPorts) {
  let bot: EchoBot | null = null;
  const forms = new Map<string, ThreadKey>();
  const key = (channel: string, thread: string, user: string): ConversationKey => ({ platform: ECHO_PLATFORM, workspace: WORKSPACE, channel, thread, user });

  /** A reply in its thread; a review's card is kept current at the top of its thread. */
  function deliver(reply: Reply, where: ThreadKey, user: string): void {
    const chat = bot as EchoBot;
    if (reply.kind !== 'result' && reply.review) {
      const { thread, anchor, card, updated, show } = reply.review;
      if (updated && anchor) chat.edit(anchor, renderReviewText(card), buttonsOf(card.actions));
      if (show) {
        chat.post(thread.channel, thread.thread, renderReviewText(card), buttonsOf(card.actions));
        return;
      }
      chat.post(thread.channel, thread.thread, renderReply(reply, PLAIN), replyButtons(reply));
      return;
    }
    if (reply.kind === 'notice' && reply.conversationId === null) chat.whisper(user, where.channel, renderReply(reply, PLAIN));
    else chat.post(where.channel, where.thread, renderReply(reply, PLAIN), replyButtons(reply));
  }

  async function onCommand(user: string, channel: string, words: string): Promise<void> {
    const chat = bot as EchoBot;
    const opening = opensNewReview(ports, words);
    if (!opening && /^(help|history|forget-me|digest|review)\b/i.test(words.trim())) {
      const answer = askCore(ports, key(channel, '', user), user, { words });
      if (answer.kind === 'digest') chat.whisper(user, channel, answer.text);
      else if (answer.reply.kind !== 'result' && answer.reply.review) {
        deliver(answer.reply, answer.reply.review.thread, user);
        chat.whisper(user, channel, `The review "${answer.reply.review.card.title}" is open again; it continues in its thread.`);
      } else chat.whisper(user, channel, renderReply(answer.reply, PLAIN));
      return;
    }
    // A conversation or a review lives in the thread of the bot's first message.
    const root = chat.post(channel, null, opening ? 'Opening a design review...' : `${user} asked: ${words}`);
    const answer = askCore(ports, key(channel, root.id, user), user, { words });
    if (answer.kind !== 'advice') return;
    const reply = answer.reply;
    if (opening && reply.kind !== 'result' && reply.review) {
      ports.reviews?.setAnchor(WORKSPACE, reply.review.reviewId, root.id);
      chat.edit(root.id, renderReviewText(reply.review.card), buttonsOf(reply.review.card.actions));
      const howTo = reply.kind === 'notice' ? (reply.text.split('\n')[0] ?? '') : '';
      if (howTo) chat.post(channel, root.id, howTo);
      return;
    }
    deliver(reply, key(channel, root.id, user), user);
  }

  async function handle(event: EchoEvent): Promise<void> {
    switch (event.kind) {
      case 'command':
        return onCommand(event.user, event.channel, event.text);
      case 'message': {
        const where = key(event.channel, event.thread, event.user);
        if (!ports.advisor.owns(where)) return;
        const answer = askCore(ports, where, event.user, { event: { kind: 'message', text: event.text } });
        if (answer.kind === 'advice') deliver(answer.reply, where, event.user);
        return;
      }
      case 'press': {
        const { message, button, user } = event;
        const where = key(message.channel, message.thread ?? message.id, user);
        if (button.actionId === REVIEW_ACTIONS.add && !button.value) {
          const formId = `form-${forms.size + 1}`;
          forms.set(formId, where);
          bot?.openForm(user, formId, 'Add a component');
          return;
        }
        const answer = askCore(ports, where, user, { event: { kind: 'action', actionId: button.actionId, ...(button.value === undefined ? {} : { value: button.value }) } });
        if (answer.kind === 'advice') deliver(answer.reply, where, user);
        return;
      }
      case 'form': {
        const where = forms.get(event.formId);
        if (!where) return;
        if (!event.text.trim()) {
          bot?.whisper(event.user, where.channel, 'Describe the component, e.g. "image pipeline: resize uploads, 2 s, 3k/day".');
          return;
        }
        const answer = askCore(ports, { ...where, user: event.user }, event.user, { event: { kind: 'action', actionId: REVIEW_ACTIONS.add, value: event.text } });
        if (answer.kind === 'advice') deliver(answer.reply, where, event.user);
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
