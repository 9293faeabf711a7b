import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { SlackMessage } from '../../render/slack-blocks.js';
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
  postMessage(channel: string, message: SlackMessage, threadTs?: string): Promise<CallResult<{ ts: string }>>;
  update(channel: string, ts: string, message: SlackMessage): Promise<CallResult>;
  postEphemeral(channel: string, user: string, message: SlackMessage, threadTs?: string): Promise<CallResult>;
  uploadPng(channel: string, threadTs: string, png: Buffer, filename: string, title: string): Promise<CallResult>;
  openView(triggerId: string, view: Record<string, unknown>): Promise<CallResult>;
  /** The person's IANA time zone from users.info (scope users:read), for digest defaults. */
  userTimezone(user: string): Promise<CallResult<{ tz: string | null }>>;
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
    async postMessage(channel, message, threadTs) {
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, ...(threadTs ? { thread_ts: threadTs } : {}) }),
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
    async uploadPng(channel, threadTs, png, filename, title) {
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
  };
}
