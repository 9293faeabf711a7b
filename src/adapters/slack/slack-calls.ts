import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { SlackMessage } from './render-card.js';
import { classifySlackError, type SlackFailure } from './errors.js';

// The few Web API calls the adapter makes, each retried on a rate limit (as
// many times as `attempts` allows, waiting what Slack's Retry-After says, capped)
// and returning a result value instead of throwing.

export type CallResult<T = object> = ({ ok: true } & T) | { ok: false; failure: SlackFailure };

export interface RetryPolicy {
  attempts: number;
  /** Upper bound on one wait, whatever Retry-After says. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, maxWaitMs: 30_000 };

export interface SlackCalls {
  /** `tag` is carried in the message's metadata, so `findPost` can tell later whether this post happened. */
  postMessage(channel: string, message: SlackMessage, threadTs?: string, tag?: string): Promise<CallResult<{ ts: string }>>;
  update(channel: string, ts: string, message: SlackMessage): Promise<CallResult>;
  postEphemeral(channel: string, user: string, message: SlackMessage, threadTs?: string): Promise<CallResult>;
  /** `afterTs`: the message the file belongs under, so `findUpload` knows where to look. */
  uploadPng(channel: string, threadTs: string, png: Buffer, filename: string, title: string, afterTs?: string): Promise<CallResult>;
  openView(triggerId: string, view: Record<string, unknown>): Promise<CallResult>;
  /** The person's IANA time zone from users.info (scope users:read), for digest defaults. */
  userTimezone(user: string): Promise<CallResult<{ tz: string | null }>>;
  /** The message posted with `tag` (in the thread, or at the top of the channel), if Slack has it; null when not or unknown. */
  findPost(channel: string, threadTs: string | undefined, tag: string): Promise<CallResult<{ ts: string }> | null>;
  /** Whether a file called `filename` was shared in the thread after `afterTs`; null when not or unknown. */
  findUpload(channel: string, threadTs: string, filename: string, afterTs: string | undefined): Promise<CallResult | null>;
}

/** The metadata type our posts carry (Slack message metadata), naming the delivery step that posted them. */
export const POST_METADATA_TYPE = 'serverless_fit_post';

/** How far back a replay looks for what it may already have posted. */
const LOOKBACK_SECONDS = 40 * 60;

interface FoundMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { step?: unknown } };
  files?: { name?: string }[];
}

export function createSlackCalls(client: webApi.WebClient, logger: Logger, retry: RetryPolicy = DEFAULT_RETRY): SlackCalls {
  async function call<T>(method: string, work: () => Promise<T>): Promise<CallResult<{ value: T }>> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { ok: true, value: await work() };
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.code === 'rate_limited' && attempt < retry.attempts) {
          const waitMs = Math.min(retry.maxWaitMs, (failure.retryAfterSec ?? 1) * 1000);
          logger.warn('slack rate limit, retrying', { method, attempt, waitMs });
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          continue;
        }
        logger.warn('slack call failed', { method, code: failure.code, detail: failure.detail, attempt });
        return { ok: false, failure };
      }
    }
  }

  return {
    async postMessage(channel, message, threadTs, tag) {
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks as never,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(tag ? { metadata: { event_type: POST_METADATA_TYPE, event_payload: { step: tag } } } : {}),
        }),
      );
      if (!result.ok) return result;
      return { ok: true, ts: result.value.ts ?? '' };
    },
    async update(channel, ts, message) {
      const result = await call('chat.update', () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks as never }));
      return result.ok ? { ok: true } : result;
    },
    async postEphemeral(channel, user, message, threadTs) {
      const result = await call('chat.postEphemeral', () =>
        client.chat.postEphemeral({
          channel,
          user,
          text: message.text,
          blocks: message.blocks as never,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
      return result.ok ? { ok: true } : result;
    },
    async uploadPng(channel, threadTs, png, filename, title, _afterTs) {
      // files.uploadV2 runs Slack's three steps: getUploadURLExternal, the upload, completeUploadExternal.
      const result = await call('files.uploadV2', () =>
        client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, file: png, filename, title }),
      );
      return result.ok ? { ok: true } : result;
    },
    async openView(triggerId, view) {
      const result = await call('views.open', () => client.views.open({ trigger_id: triggerId, view: view as never }));
      return result.ok ? { ok: true } : result;
    },
    async userTimezone(user) {
      const result = await call('users.info', () => client.users.info({ user }));
      if (!result.ok) return result;
      return { ok: true, tz: result.value.user?.tz ?? null };
    },
    async findPost(channel, threadTs, tag) {
      const found = (await recent(channel, threadTs)).find((m) => m.metadata?.event_type === POST_METADATA_TYPE && m.metadata.event_payload?.step === tag);
      return found?.ts ? { ok: true, ts: found.ts } : null;
    },
    async findUpload(channel, threadTs, filename, afterTs) {
      const after = Number(afterTs ?? 0);
      const found = (await recent(channel, threadTs)).some((m) => Number(m.ts ?? 0) > after && (m.files ?? []).some((f) => f.name === filename));
      return found ? { ok: true } : null;
    },
  };

  /** Recent messages of a thread (or the channel), with their metadata; empty when Slack cannot say. */
  async function recent(channel: string, threadTs: string | undefined): Promise<FoundMessage[]> {
    const oldest = String(Math.floor(Date.now() / 1000) - LOOKBACK_SECONDS);
    const result = threadTs
      ? await call('conversations.replies', () => client.conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true }))
      : await call('conversations.history', () => client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true }));
    return result.ok ? ((result.value.messages ?? []) as FoundMessage[]) : [];
  }
}
