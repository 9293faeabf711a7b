import type { webApi } from '@slack/bolt';
import type { Advisor } from '../../core/advisor-types.js';
import type { RecordStep } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import { downloadBounded, type Download } from '../../files/bounded-download.js';
import { readSharedTemplate } from '../../files/template-upload.js';
import type { Tell } from './deliver.js';
import type { FileShareWork } from './file-share-work.js';
import { renderNoticeBlocks } from './render-card.js';
import type { ReviewFlow } from './review-flow.js';
import { slackThread } from './translate.js';

// Files shared in a design review's thread on Slack. Each is looked up with
// files.info (its url_private_download and size), downloaded with the bot
// token from Slack's file host only, read, and handed to the review; the
// review's answer is recorded with the delivery, so a replay answers once.
// What cannot be imported is told privately to whoever shared it.

export interface SlackFileFlowDeps {
  advisor: Advisor;
  record: RecordStep;
  review: ReviewFlow | undefined;
  client: Pick<webApi.WebClient, 'files'>;
  botToken: string;
  /** Slack's file host (SLACK_FILES_URL); nothing else is fetched with the token. */
  filesUrl: string;
  logger: Logger;
  fetch?: typeof fetch;
}

export async function takeFileShare(work: FileShareWork, deps: SlackFileFlowDeps, tell: Tell): Promise<void> {
  const thread = slackThread(work.workspace, work.channel, work.threadTs);
  for (const file of work.files) {
    const turn = await readSharedTemplate({ name: file.name, bytes: file.size }, (maxBytes) => fetchFile(file.id, maxBytes, deps));
    if (turn.kind === 'refused') {
      await tell(renderNoticeBlocks(turn.reply, null));
      continue;
    }
    const reply = await deps.record('advice', () => deps.advisor.handle({ key: { ...thread, user: work.user }, event: turn.event, actor: work.user }));
    if (reply.kind !== 'result' && reply.review && deps.review) await deps.review.deliver(reply, tell);
    else if (reply.kind === 'notice') await tell(renderNoticeBlocks(reply, reply.conversationId));
  }
}

async function fetchFile(id: string, maxBytes: number, deps: SlackFileFlowDeps): Promise<Download> {
  let url: string;
  try {
    const info = await deps.client.files.info({ file: id });
    const file = info.file;
    if (typeof file?.size === 'number' && file.size > maxBytes) return { ok: false, tooLarge: true, why: `it is over ${maxBytes / 1e6} MB, the most a template may be` };
    url = file?.url_private_download ?? file?.url_private ?? '';
    if (!url) return { ok: false, tooLarge: false, why: 'Slack gave no download link for it (an external or deleted file)' };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    deps.logger.warn('slack: files.info failed for a shared file', { fileId: id, error: code ?? String(error) });
    return { ok: false, tooLarge: false, why: code === 'missing_scope' ? 'the app lacks the files:read scope (reinstall it from the manifest)' : `Slack would not describe it (${code ?? 'no answer'})` };
  }
  return downloadBounded({ url, allowedBase: deps.filesUrl, headers: { authorization: `Bearer ${deps.botToken}` }, maxBytes, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
}
