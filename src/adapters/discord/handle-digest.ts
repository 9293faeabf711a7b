import type { REST } from 'discord.js';
import { answerDigest } from '../../core/dispatch/answer-digest.js';
import type { Digest } from '../../core/digest/digest-types.js';
import type { DigestService } from '../../core/digest/digest-service.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { DIGEST_CHART_FILE_NAME } from '../../render/digest-chart.js';
import { renderDigestDiscord } from './render-digest.js';
import { postInChannel, textOutgoing } from './deliver.js';
import type { InteractionResponder } from './responder.js';
import { discordErrorCode, isMissingAccess } from './errors.js';
import { workspaceOf } from './translate.js';

// `/serverless-fit digest ...` on Discord, answered ephemerally, and the
// scheduler's way to post a digest as a channel message (bot token, REST).
// Discord tells a bot no time zone, so a subscription defaults to UTC.

export async function handleDigest(
  request: { guildId: string | null; channelId: string; user: string; text: string },
  responder: InteractionResponder,
  digests: DigestService | undefined,
  record: RecordStep,
): Promise<void> {
  if (digests && request.guildId === null) {
    await responder.send(textOutgoing('Digests are posted in a server channel; run this in the channel that should get it.'), { ephemeral: true });
    return;
  }
  const reply = await record('digest', () =>
    answerDigest(digests, { platform: 'discord', workspace: workspaceOf(request.guildId, request.user), channel: request.channelId, user: request.user, text: request.text }),
  );
  if (reply.kind === 'preview') {
    await responder.send({ message: renderDigestDiscord(reply.digest), files: [] }, { ephemeral: true });
    return;
  }
  await responder.send(textOutgoing(reply.level === 'warning' ? `⚠️ ${reply.text}` : reply.text), { ephemeral: true });
}

export type DigestPostResult = { ok: true; id: string } | { ok: false; reason: string };

export type RenderDigestChart = (digest: Digest) => Promise<Buffer | null>;

export async function postDigest(rest: REST, logger: Logger, channel: string, digest: Digest, renderChart?: RenderDigestChart): Promise<DigestPostResult> {
  const png = await chartFor(digest, renderChart, logger);
  try {
    const posted = await postInChannel(rest, channel, {
      message: renderDigestDiscord(digest, { hasChart: png !== null }),
      files: png ? [{ name: DIGEST_CHART_FILE_NAME, data: png }] : [],
    });
    return { ok: true, id: posted.id };
  } catch (error) {
    const reason = isMissingAccess(error)
      ? `missing access to channel ${channel} (invite the bot or grant Send Messages and Embed Links)`
      : `discord refused the digest (${discordErrorCode(error) ?? (error instanceof Error ? error.message : String(error))})`;
    logger.warn('discord: could not post a digest', { channel, error });
    return { ok: false, reason };
  }
}

/** The digest stands without its chart, so a chart that fails is only logged. */
async function chartFor(digest: Digest, renderChart: RenderDigestChart | undefined, logger: Logger): Promise<Buffer | null> {
  if (!renderChart) return null;
  try {
    return await renderChart(digest);
  } catch (error) {
    logger.warn('discord: digest chart rendering failed; the digest goes out without it', { error });
    return null;
  }
}
