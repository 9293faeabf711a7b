import type { webApi } from '@slack/bolt';
import type { Advisor } from '../../core/advisor-types.js';
import type { Logger } from '../../logger.js';
import type { SlackMessage } from '../../render/slack-blocks.js';

// Slack shows nothing while the bot works (Discord shows "thinking..."), so a
// reply that is not in the thread about a second after the bot started on it
// gets a "Working on it..." note there, removed once the card and its chart
// are in. A reply that comes quickly never shows one. The note is a courtesy,
// not a delivery step: it is not journaled, and a failure to post or remove
// it is only logged.

export interface ProgressDeps {
  client: Pick<webApi.WebClient, 'chat'>;
  logger: Logger;
  /** Resolves when a reply still not delivered deserves the note; about a second unless a test drives it. */
  after?: () => Promise<void>;
}

export const PROGRESS_MESSAGE: SlackMessage = {
  text: 'Working on it…',
  blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: ':hourglass_flowing_sand: Working on it… the card and its chart follow here.' }] }],
};

/** How long a reply may take before the note appears. */
export const PROGRESS_AFTER_MS = 1_000;

const aboutASecond = () =>
  new Promise<void>((resolve) => {
    // unref: a pending note never keeps a stopping process alive.
    setTimeout(resolve, PROGRESS_AFTER_MS).unref();
  });

interface Note {
  channel: string;
  ts: string;
}

/**
 * Runs one delivery's work with `advisor` watched: the first time it is asked
 * about a thread, the clock starts; when `work` ends, the note (if it was
 * posted) is removed.
 */
export async function withProgress<T>(advisor: Advisor, deps: ProgressDeps, work: (advisor: Advisor) => Promise<T>): Promise<T> {
  let finished = false;
  let started = false;
  const shown: { posting: Promise<Note | null> | null } = { posting: null };

  const post = async (channel: string, thread: string): Promise<Note | null> => {
    try {
      const posted = await deps.client.chat.postMessage({ channel, thread_ts: thread, text: PROGRESS_MESSAGE.text, blocks: PROGRESS_MESSAGE.blocks as never });
      return posted.ts ? { channel, ts: posted.ts } : null;
    } catch (error) {
      deps.logger.warn('slack: could not post the progress note', { error, channel });
      return null;
    }
  };

  const watched: Advisor = {
    owns: (key) => advisor.owns(key),
    handle(input) {
      // Private answers (help, history) have no thread to show progress in.
      if (!started && input.key.thread !== '') {
        started = true;
        const { channel, thread } = input.key;
        void (deps.after ?? aboutASecond)().then(() => {
          if (!finished) shown.posting = post(channel, thread);
        });
      }
      return advisor.handle(input);
    },
  };

  try {
    return await work(watched);
  } finally {
    finished = true;
    const note = await shown.posting;
    if (note) {
      await deps.client.chat.delete({ channel: note.channel, ts: note.ts }).catch((error: unknown) => deps.logger.warn('slack: could not remove the progress note', { error, channel: note.channel }));
    }
  }
}
