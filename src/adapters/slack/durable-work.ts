import { ACTION_ID_PREFIX, decodeActionValue, START_MODAL_BLOCK_ID, START_MODAL_CALLBACK_ID, START_MODAL_INPUT_ID, type ActionRef } from './render-card.js';
import { REVIEW_ADD_BLOCK_ID, REVIEW_ADD_INPUT_ID, REVIEW_ADD_MODAL_CALLBACK_ID } from './render-review.js';
import { mentionWorkOf, withoutMention, type MentionWork } from './mention-work.js';
import { fileShareOf, type FileShareWork } from './file-share-work.js';
import { decodeModalOrigin, decodeReviewModalOrigin, threadReply, type ReviewModalOrigin, type SlackMessageEvent } from './translate.js';

// A Slack request body -> the work it asks for, as kept in the delivery
// ledger until it is done: only the fields needed to do it (or do it again
// after a crash), never the whole payload. Pure.

export type DurableWork =
  | { kind: 'command'; workspace: string; channel: string; user: string; text: string; triggerId: string; responseUrl: string }
  | { kind: 'action'; workspace: string; user: string; ref: ActionRef; channel: string; thread: string; triggerId: string; responseUrl: string }
  | { kind: 'message'; workspace: string; channel: string; user: string; text: string; threadTs: string }
  | { kind: 'start-modal'; workspace: string; channel: string; user: string; description: string }
  | { kind: 'review-modal'; workspace: string; user: string; origin: ReviewModalOrigin; text: string }
  | FileShareWork
  | MentionWork;

export interface WorkRequest {
  /** Unique per delivery, the same on every retry of it. */
  deliveryId: string;
  work: DurableWork;
}

type Body = Record<string, unknown>;

/**
 * The bot user an event was delivered to, from its \`authorizations\` (one
 * entry since Slack compacted the field): installed in many workspaces, each
 * workspace has a bot user of its own, so no one id known at start fits all.
 */
export function authorizedBot(body: Body): string | undefined {
  const first: unknown = Array.isArray(body.authorizations) ? (body.authorizations as unknown[])[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const { user_id: user, is_bot: isBot } = first as { user_id?: unknown; is_bot?: unknown };
  return isBot === true && typeof user === 'string' && user !== '' ? user : undefined;
}

/** The work a body asks for, or null when there is nothing to keep (an event we ignore, a button of another app). */
export function durableWorkOf(body: Body, botUserId: string | undefined): WorkRequest | null {
  if (typeof body.command === 'string') return command(body);
  switch (body.type) {
    case 'block_actions':
      return action(body);
    case 'view_submission':
      return view(body);
    case 'event_callback': {
      const bot = botUserId ?? authorizedBot(body);
      return message(body, bot) ?? fileShareOf(body, bot) ?? mentionWorkOf(body, bot);
    }
    default:
      return null;
  }
}

/**
 * The conversation a piece of work belongs to, whose deliveries are worked
 * one at a time in arrival order: a thread (replies, buttons, a review's
 * form), or, for what starts a new thread (a command, the start form), the
 * person in that channel, so their own commands are answered in the order typed.
 */
export function laneOf(work: DurableWork): string {
  switch (work.kind) {
    case 'command':
    case 'start-modal':
    case 'mention':
      return `${work.workspace}/${work.channel}/by:${work.user}`;
    case 'action':
      return `${work.workspace}/${work.channel}/${work.thread}`;
    case 'message':
    case 'file':
      return `${work.workspace}/${work.channel}/${work.threadTs}`;
    case 'review-modal':
      return `${work.workspace}/${work.origin.channel}/${work.origin.thread}`;
  }
}

/**
 * The request as the inbox keeps it for Bolt: everything but the deprecated
 * verification token, which nothing here reads (requests are verified by
 * their signature) and which has no business sitting in the database.
 */
export function requestToKeep(body: Body): Body {
  const { token: _token, ...kept } = body;
  return kept;
}

/** The free text a work item carries, which the advisor reads only up to a limit. */
export function textOf(work: DurableWork): string {
  switch (work.kind) {
    case 'command':
    case 'message':
    case 'review-modal':
    case 'mention':
      return work.text;
    case 'start-modal':
      return work.description;
    case 'file':
      return '';
    case 'action':
      return work.ref.value ?? '';
  }
}

function command(body: Body): WorkRequest | null {
  const triggerId = text(body.trigger_id);
  if (!triggerId) return null;
  return {
    deliveryId: `command:${triggerId}`,
    work: {
      kind: 'command',
      workspace: text(body.team_id),
      channel: text(body.channel_id),
      user: text(body.user_id),
      text: text(body.text),
      triggerId,
      responseUrl: text(body.response_url),
    },
  };
}

function action(body: Body): WorkRequest | null {
  const first = (Array.isArray(body.actions) ? body.actions[0] : undefined) as Body | undefined;
  const actionId = text(first?.action_id);
  if (!actionId.startsWith(ACTION_ID_PREFIX)) return null;
  const ref = decodeActionValue(typeof first?.value === 'string' ? first.value : undefined);
  const triggerId = text(body.trigger_id);
  if (!ref || !triggerId) return null;
  const team = body.team as Body | undefined;
  const user = (body.user ?? {}) as Body;
  const container = (body.container ?? {}) as Body;
  const channel = body.channel as Body | undefined;
  return {
    deliveryId: `action:${triggerId}`,
    work: {
      kind: 'action',
      workspace: text(team?.id) || text(user.team_id),
      user: text(user.id),
      ref,
      channel: text(channel?.id) || text(container.channel_id),
      thread: text(container.thread_ts) || text(container.message_ts),
      triggerId,
      responseUrl: text(body.response_url),
    },
  };
}

function view(body: Body): WorkRequest | null {
  const viewBody = (body.view ?? {}) as Body;
  const viewId = text(viewBody.id);
  const values = (((viewBody.state ?? {}) as Body).values ?? {}) as Record<string, Record<string, { value?: unknown }>>;
  const team = body.team as Body | undefined;
  const user = (body.user ?? {}) as Body;
  const workspace = text(team?.id) || text(user.team_id);
  const metadata = typeof viewBody.private_metadata === 'string' ? viewBody.private_metadata : undefined;
  if (!viewId) return null;
  if (viewBody.callback_id === START_MODAL_CALLBACK_ID) {
    const description = text(values[START_MODAL_BLOCK_ID]?.[START_MODAL_INPUT_ID]?.value).trim();
    const origin = decodeModalOrigin(metadata);
    if (!description || !origin) return null;
    return { deliveryId: `view:${viewId}`, work: { kind: 'start-modal', workspace, channel: origin.channel, user: text(user.id), description } };
  }
  if (viewBody.callback_id === REVIEW_ADD_MODAL_CALLBACK_ID) {
    const added = text(values[REVIEW_ADD_BLOCK_ID]?.[REVIEW_ADD_INPUT_ID]?.value).trim();
    const origin = decodeReviewModalOrigin(metadata);
    if (!added || !origin) return null;
    return { deliveryId: `view:${viewId}`, work: { kind: 'review-modal', workspace, user: text(user.id), origin, text: added } };
  }
  return null;
}

function message(body: Body, botUserId: string | undefined): WorkRequest | null {
  const event = body.event as SlackMessageEvent | undefined;
  const eventId = text(body.event_id);
  if (!event || !eventId) return null;
  const reply = threadReply(event, botUserId);
  if (!reply) return null;
  return { deliveryId: `event:${eventId}`, work: { kind: 'message', workspace: text(body.team_id), channel: reply.channel, user: reply.user, text: withoutMention(reply.text, botUserId), threadTs: reply.threadTs } };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
