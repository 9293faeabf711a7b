import { AsyncLocalStorage } from 'node:async_hooks';
import type { webApi } from '@slack/bolt';
import type { Advisor } from '../../core/advisor-types.js';
import type { Journal } from '../../delivery/journal.js';
import type { Logger } from '../../logger.js';
import type { SlackMessage } from './render-card.js';
import { POST_METADATA_TYPE, type SlackCalls } from './slack-calls.js';

// Slack shows nothing while the bot works (Discord shows "thinking..."), so a
// reply that is not in the thread about a second after the bot started on it
// gets a "Working on it..." note there, removed once the card and its chart
// are in. A reply that comes quickly never shows one. Where a note went is
// recorded with the delivery and the note carries the delivery's tag, so when
// a crash interrupts the work, its continuation after the restart removes the
// note the first run left behind. A failure to post or remove one is logged only.

/** Runs a function in the context this module was loaded in: outside any delivery's storage transaction. */
const outsideTheTurn = AsyncLocalStorage.snapshot();

export interface ProgressDeps {
  client: Pick<webApi.WebClient, 'chat'>;
  /** Finds a note an interrupted run left (by its metadata tag). */
  calls: Pick<SlackCalls, 'findPost'>;
  journal: Pick<Journal, 'atomically' | 'resuming' | 'delivery'>;
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

interface Where {
  channel: string;
  thread: string;
}

/**
 * Runs one delivery's work with `advisor` watched: the first time it is asked
 * about a thread, the clock starts; when `work` ends, the note (this run's, or
 * one an interrupted run left) is removed.
 */
export async function withProgress<T>(advisor: Advisor, deps: ProgressDeps, work: (advisor: Advisor) => Promise<T>): Promise<T> {
  const { client, journal, logger } = deps;
  const tag = `${journal.delivery.deliveryId}/progress`;
  const state: { finished: boolean; started: boolean; where: Promise<Where | null> | null; posting: Promise<string | null> | null } = {
    finished: false,
    started: false,
    where: null,
    posting: null,
  };
  /** Where this delivery's note goes (or went, in an interrupted run); asked at most once a run, as journal steps are counted. */
  const whereOnce = (here: Where | null) => (state.where ??= journal.atomically('progress', async () => here));

  const post = async (where: Where): Promise<string | null> => {
    try {
      const posted = await client.chat.postMessage({
        channel: where.channel,
        thread_ts: where.thread,
        text: PROGRESS_MESSAGE.text,
        blocks: PROGRESS_MESSAGE.blocks as never,
        metadata: { event_type: POST_METADATA_TYPE, event_payload: { step: tag } },
      });
      return posted.ts ?? null;
    } catch (error) {
      logger.warn('slack: could not post the progress note', { error, channel: where.channel });
      return null;
    }
  };
  const remove = async (channel: string, ts: string) => {
    await client.chat.delete({ channel, ts }).catch((error: unknown) => logger.warn('slack: could not remove the progress note', { error, channel }));
  };

  /** The first turn in a thread starts the clock; private answers (help, history) have no thread to show progress in. */
  const watch = (key: { channel: string; thread: string }) => {
    if (state.started || key.thread === '') return;
    state.started = true;
    const here = { channel: key.channel, thread: key.thread };
    // The note is not part of the turn: it must not join the transaction the turn runs in.
    void outsideTheTurn(() =>
      (deps.after ?? aboutASecond)().then(() => {
        if (state.finished) return;
        state.posting = whereOnce(here).then((where) => (where ? post(where) : null));
      }),
    );
  };

  const watched: Advisor = {
    owns: (key) => advisor.owns(key),
    command: (input) => advisor.command(input),
    handle(input) {
      watch(input.key);
      return advisor.handle(input);
    },
    act(input) {
      watch(input.key);
      return advisor.act(input);
    },
  };

  try {
    return await work(watched);
  } finally {
    state.finished = true;
    await cleanUp().catch((error: unknown) => logger.warn('slack: could not clean up the progress note', { error }));
  }

  async function cleanUp(): Promise<void> {
    const mine = await state.posting;
    const where = await (state.where ?? (journal.resuming ? whereOnce(null) : null));
    if (!where) return;
    if (mine) await remove(where.channel, mine);
    if (!journal.resuming) return;
    // A run that crashed after posting its note left it there: the tag finds it.
    for (let left = 0; left < 3; left += 1) {
      const found = await deps.calls.findPost(where.channel, where.thread, tag);
      if (!found?.ok || found.ts === mine) return;
      await remove(where.channel, found.ts);
    }
  }
}
