import { answerDigest } from '../../core/dispatch/answer-digest.js';
import type { Digest } from '../../core/digest/digest-types.js';
import type { DigestService } from '../../core/digest/digest-service.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { DIGEST_CHART_FILE_NAME } from '../../render/digest-chart.js';
import { renderDigestSlack } from './render-digest.js';
import { notice, type Tell } from './deliver.js';
import { failureText } from './errors.js';
import type { SlackCalls } from './slack-calls.js';

// `/serverless-fit digest ...` on Slack, answered privately, and the
// scheduler's way to post a digest into a channel (chat.postMessage).

export interface DigestFlowDeps {
  digests: DigestService | undefined;
  /** Saves a subscription change with the delivery, so a replay does not make it twice. */
  record: RecordStep;
  calls: SlackCalls;
  logger: Logger;
  /** The cost-by-platform PNG (null when not worth drawing); posted in the digest's thread. */
  renderDigestChart?: ((digest: Digest) => Promise<Buffer | null>) | undefined;
}

export interface DigestCommandRequest {
  workspace: string;
  channel: string;
  user: string;
  /** The words after `digest`. */
  text: string;
  /** A subscription: the asker's own time zone is worth looking up. */
  subscribing: boolean;
  tell: Tell;
}

export type DigestPostResult = { ok: true; ts: string } | { ok: false; reason: string };

export function createDigestFlow(deps: DigestFlowDeps) {
  const { digests, calls, logger } = deps;

  /** The subscriber's own zone is the best guess at "09:00" for a Slack workspace, which has none of its own. */
  async function askerTimezone(user: string): Promise<string | undefined> {
    const result = await calls.userTimezone(user);
    if (!result.ok) {
      logger.warn('slack: could not read the subscriber time zone; using UTC', { user, detail: result.failure.detail });
      return undefined;
    }
    return result.tz ?? undefined;
  }

  /** The digest stands without its chart, so a chart that fails is only logged. */
  async function attachChart(channel: string, ts: string, digest: Digest): Promise<void> {
    if (!deps.renderDigestChart) return;
    try {
      const png = await deps.renderDigestChart(digest);
      if (!png) return;
      const uploaded = await calls.uploadPng(channel, ts, png, DIGEST_CHART_FILE_NAME, 'Recommended monthly cost by platform');
      if (!uploaded.ok) logger.warn('slack: could not attach the digest chart', { channel, detail: uploaded.failure.detail });
    } catch (error) {
      logger.warn('slack: digest chart rendering failed; the digest went out without it', { channel, error });
    }
  }

  return {
    async command(request: DigestCommandRequest): Promise<void> {
      const { workspace, channel, user, text, tell } = request;
      const defaultTimezone = digests && request.subscribing ? await askerTimezone(user) : undefined;
      const reply = await deps.record('digest', () =>
        answerDigest(digests, { platform: 'slack', workspace, channel, user, text, ...(defaultTimezone ? { defaultTimezone } : {}) }),
      );
      if (reply.kind === 'preview') await tell(renderDigestSlack(reply.digest));
      else await tell(notice(reply.level, reply.text));
    },

    async postDigest(channel: string, digest: Digest): Promise<DigestPostResult> {
      const posted = await calls.postMessage(channel, renderDigestSlack(digest));
      if (posted.ok) {
        await attachChart(channel, posted.ts, digest);
        return { ok: true, ts: posted.ts };
      }
      return { ok: false, reason: `${posted.failure.code}: ${failureText(posted.failure, channel, false)}` };
    },
  };
}

export type DigestFlow = ReturnType<typeof createDigestFlow>;
