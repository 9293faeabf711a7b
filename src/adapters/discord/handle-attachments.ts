import type { ThreadKey } from '../../core/conversation.js';
import { downloadBounded } from '../../files/bounded-download.js';
import { readSharedTemplate } from '../../files/template-upload.js';
import { DEFAULT_DISCORD_CDN_URL } from './config.js';
import { textOutgoing } from './deliver.js';
import type { MessageWork } from './discord-work.js';
import type { Advisor } from '../../core/advisor-types.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import type { DiscordConfig } from './config.js';
import type { BotCalls } from './responder.js';
import { postReviewReply } from './handle-review.js';
import { renderReply } from './render-card.js';

// Files attached to a message in a design review's thread: each is downloaded
// from Discord's CDN only (no token is sent; attachment links are signed),
// within the template size limit, read, and handed to the review. A message
// has no interaction to answer privately, so what cannot be imported is
// said in one sentence as a reply to the message that carried the file.

export interface AttachmentDeps {
  advisor: Advisor;
  logger: Logger;
  bot: BotCalls;
  record: RecordStep;
  config?: Pick<DiscordConfig, 'cdnUrl'>;
}

export async function handleAttachments(work: MessageWork, thread: ThreadKey, deps: AttachmentDeps): Promise<void> {
  const cdnUrl = deps.config?.cdnUrl ?? DEFAULT_DISCORD_CDN_URL;
  for (const attachment of work.attachments ?? []) {
    const turn = await readSharedTemplate({ name: attachment.name, bytes: attachment.size }, (maxBytes) => downloadBounded({ url: attachment.url, allowedBase: cdnUrl, maxBytes }));
    if (turn.kind === 'refused') {
      await deps.bot.post(work.channelId, textOutgoing(turn.reply.text), { replyTo: work.messageId });
      continue;
    }
    const reply = await deps.record('advice', () => deps.advisor.handle({ key: { ...thread, user: work.authorId }, event: turn.event, actor: work.authorId }));
    if (reply.kind !== 'result' && reply.review && !(reply.kind === 'notice' && reply.level === 'error')) await postReviewReply(reply, deps);
    else await deps.bot.post(work.channelId, { message: renderReply(reply), files: [] }, { replyTo: work.messageId });
  }
}
