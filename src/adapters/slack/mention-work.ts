import type { ThreadKey } from '../../core/conversation.js';
import { slackThread } from './translate.js';

// Which Slack events address the bot the way `/serverless-fit <words>` does
// ("@serverless-fit <words>" in a channel, or the words in a DM to it), and
// the words they carry without the mention. Pure. Replies inside a thread
// the bot already runs are answers, handled as such by the `message` events;
// a mention there is left alone so nothing is answered twice.

export interface MentionWork {
  kind: 'mention';
  workspace: string;
  channel: string;
  user: string;
  /** The words with the bot's mention taken out. */
  text: string;
  /** Set when the mention was written inside a thread. */
  threadTs?: string;
}

type Body = Record<string, unknown>;

interface MentionEvent {
  type?: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  edited?: unknown;
}

/**
 * The work an `app_mention`, or a top-level message in a DM with the bot,
 * asks for; null for anything else (edits, bots, the bot itself, thread
 * replies in a DM, which are answers).
 */
export function mentionWorkOf(body: Body, botUserId: string | undefined): { deliveryId: string; work: MentionWork } | null {
  const event = body.event as MentionEvent | undefined;
  const eventId = typeof body.event_id === 'string' ? body.event_id : '';
  if (!event || !eventId || !event.channel || !event.user) return null;
  if (event.subtype !== undefined || event.bot_id !== undefined || event.edited !== undefined || event.user === botUserId) return null;
  const inThread = event.thread_ts !== undefined && event.thread_ts !== event.ts;
  const mention = event.type === 'app_mention';
  const direct = event.type === 'message' && event.channel_type === 'im' && !inThread;
  if (!mention && !direct) return null;
  const work: MentionWork = {
    kind: 'mention',
    workspace: typeof body.team_id === 'string' ? body.team_id : '',
    channel: event.channel,
    user: event.user,
    text: withoutMention(event.text ?? '', botUserId),
    ...(inThread && event.thread_ts ? { threadTs: event.thread_ts } : {}),
  };
  return { deliveryId: `event:${eventId}`, work };
}

/**
 * Takes the bot's own mention (`<@U123>` or `<@U123|name>`) out of the words;
 * other people's mentions, line breaks (a pasted list of components) and
 * text without the mention stay as they were.
 */
export function withoutMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  const pattern = new RegExp(`[ \\t]*<@${botUserId.replace(/[^A-Z0-9]/gi, '')}(?:\\|[^>]*)?>[ \\t]*`, 'gi');
  return pattern.test(text) ? text.replace(pattern, ' ').trim() : text;
}

/** A mention in a thread the advisor already runs is an answer there (its `message` event carries it), not a new start. */
export async function mentionIsAnswer(work: MentionWork, owns: (thread: ThreadKey) => Promise<boolean>): Promise<boolean> {
  return work.threadTs !== undefined && (await owns(slackThread(work.workspace, work.channel, work.threadTs)));
}
