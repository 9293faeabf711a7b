import type { ActionRef, AdvisorEvent, AdvisorInput } from '../../core/advisor-types.js';
import type { ConversationKey, ThreadKey } from '../../core/conversation.js';

// Slack payloads -> the advisor's neutral input. Pure; no Bolt types, only
// the handful of payload fields the adapter reads.

export function slackThread(workspace: string, channel: string, thread: string): ThreadKey {
  return { platform: 'slack', workspace, channel, thread };
}

export function slackKey(workspace: string, channel: string, thread: string, user: string): ConversationKey {
  return { ...slackThread(workspace, channel, thread), user };
}

export function toInput(key: ConversationKey, event: AdvisorEvent, actor: string): AdvisorInput {
  return { key, event, actor };
}

/** A button's value (conversationId, actionId, value) -> the core's action ref. */
export function toActionRef(ref: { conversationId: string | null; actionId: string; value?: string }): ActionRef {
  return { target: ref.conversationId, kind: 'action', actionId: ref.actionId, ...(ref.value === undefined ? {} : { value: ref.value }) };
}

/** The fields of a `message` event the adapter looks at. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
}

/** A person's reply inside a thread (not the thread's root, not a bot, not an edit). */
export interface ThreadReply {
  channel: string;
  user: string;
  text: string;
  threadTs: string;
}

/**
 * Keeps only human replies in threads. Subtypes are edits, joins, bot posts
 * and the like; `thread_broadcast` is a reply also sent to the channel and
 * still an answer.
 */
export function threadReply(event: SlackMessageEvent, botUserId: string | undefined): ThreadReply | null {
  if (event.type !== 'message') return null;
  if (event.subtype !== undefined && event.subtype !== 'thread_broadcast') return null;
  if (event.bot_id !== undefined) return null;
  if (!event.user || event.user === botUserId) return null;
  if (!event.channel || !event.thread_ts || event.thread_ts === event.ts) return null;
  return { channel: event.channel, user: event.user, text: event.text ?? '', threadTs: event.thread_ts };
}

/** Where a modal-started conversation should go, carried in the view's private_metadata. */
export interface ModalOrigin {
  channel: string;
}

export function encodeModalOrigin(origin: ModalOrigin): string {
  return JSON.stringify(origin);
}

export function decodeModalOrigin(raw: string | undefined): ModalOrigin | null {
  try {
    const parsed = JSON.parse(raw ?? '') as { channel?: unknown };
    return typeof parsed.channel === 'string' && parsed.channel !== '' ? { channel: parsed.channel } : null;
  } catch {
    return null;
  }
}

/** Where a review's "Add component" modal came from, carried in its private_metadata. */
export interface ReviewModalOrigin {
  reviewId: string;
  channel: string;
  thread: string;
}

export function decodeReviewModalOrigin(raw: string | undefined): ReviewModalOrigin | null {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<ReviewModalOrigin>;
    return typeof parsed.reviewId === 'string' && typeof parsed.channel === 'string' && typeof parsed.thread === 'string'
      ? { reviewId: parsed.reviewId, channel: parsed.channel, thread: parsed.thread }
      : null;
  } catch {
    return null;
  }
}
