import { StorageUnavailable, type DeliveryLedger, type InboxEntry } from '../core/ports.js';
import type { Logger } from '../logger.js';

// Workers that take deliveries from the inbox (the ledger's waiting entries):
// one entry of a conversation (lane) at a time, in arrival order, and at most
// `width` lanes at once. The backlog stays in the database: in memory there
// is only a bounded window of it as arrival numbers and lanes (which entry
// comes next in each conversation), read once as it arrives, and the entries
// being worked. A finished entry hands its lane to the next one without
// reading the backlog again, so working a deep backlog costs the same per
// entry as a shallow one, and a restart picks up whatever is still waiting,
// oldest first.

export interface InboxWorkersOptions {
  ledger: DeliveryLedger;
  platform: string;
  /** How many conversations are worked at once. */
  width: number;
  /**
   * True while deliveries are being received and not yet acknowledged. While
   * they are (or while deliveries keep arriving, see `pauseCheckMs`), no new work
   * starts beyond `busyWidth` running entries, so the CPU goes to the
   * acknowledgements first and the backlog waits on disk.
   */
  receiving?: () => boolean;
  /** How many entries may run while deliveries arrive; default 2. */
  busyWidth?: number;
  /** Deliveries count as arriving until this long passes without one; default 20 ms. */
  pauseCheckMs?: number;
  /** Entries received before this are no longer answerable (their reply tokens expired) and are not taken. */
  since: () => string;
  /** Does an entry's work; resolves true once it is complete in the ledger, false when it is left waiting for the next start. */
  work: (entry: InboxEntry) => Promise<boolean>;
  logger: Logger;
  /** How long to wait before looking again when the database is busy; default 100 ms. */
  busyRetryMs?: number;
  /** How many waiting entries are known (as arrival number and lane) at most; default 5,000. */
  window?: number;
}

export interface InboxWorkers {
  /** A delivery was written (or the process started): look for entries to take. Calls within one turn are merged. */
  wake(): void;
  /** Takes nothing new from now on; what is running goes on. */
  stop(): void;
  /** How many entries are being worked right now. */
  running(): number;
}

/** Entries read per query while catching up with the inbox. */
const PAGE = 200;

export function createInboxWorkers(options: InboxWorkersOptions): InboxWorkers {
  const { ledger, platform, width, logger } = options;
  const busyRetryMs = options.busyRetryMs ?? 100;
  const windowSize = options.window ?? 5_000;
  /** lane -> arrival numbers of its known waiting entries, oldest first; the first is running when the lane is in `running`. */
  const lanes = new Map<string, number[]>();
  /** Lanes whose first entry is being worked. */
  const running = new Set<string>();
  /** How many entries `lanes` holds. */
  let known = 0;
  /** The last arrival number read from the inbox: only later ones are new. */
  let readUpTo = 0;
  /** Whether entries after `readUpTo` may be waiting unread (a wake-up, or the window filled up). */
  let unread = true;
  let scheduled = false;
  /** A look is under way; another asked for meanwhile runs after it, never beside it. */
  let filling = false;
  let lookAgain = false;
  let stopped = false;
  /** Deliveries have been arriving: the intake is busy, even between two requests. */
  let arriving = false;
  /** Whether one arrived since the pause check was armed. */
  let arrivedSinceCheck = false;
  let pauseCheck: NodeJS.Timeout | null = null;

  /** Ends `arriving` once a whole check interval passes without a delivery. */
  function checkForPause(): void {
    if (pauseCheck !== null) return;
    arrivedSinceCheck = false;
    pauseCheck = setTimeout(() => {
      pauseCheck = null;
      if (arrivedSinceCheck) return checkForPause();
      arriving = false;
      look();
    }, options.pauseCheckMs ?? 20);
    pauseCheck.unref();
  }

  function look(): void {
    if (stopped) return;
    if (filling) {
      lookAgain = true;
      return;
    }
    if (scheduled) return;
    scheduled = true;
    // Before the event loop moves on: an entry acknowledged just now is taken
    // before a shutdown signal can be handled, and the wake-ups of one batch
    // of acknowledgements are merged into one look.
    queueMicrotask(() => void fill());
  }

  async function fill(): Promise<void> {
    scheduled = false;
    if (stopped) return;
    filling = true;
    try {
      if (await readNew()) await startFreeLanes();
    } finally {
      filling = false;
    }
    if (lookAgain) {
      lookAgain = false;
      look();
    }
  }

  /** Reads the entries that arrived since the last read, up to the window; false when the inbox could not be read. */
  async function readNew(): Promise<boolean> {
    while (unread && known < windowSize) {
      let page: InboxEntry[];
      try {
        page = await ledger.waiting(platform, { since: options.since(), afterSeq: readUpTo, limit: Math.min(PAGE, windowSize - known) });
      } catch (error) {
        failedToRead(error);
        return false;
      }
      for (const entry of page) {
        readUpTo = entry.seq;
        const queue = lanes.get(entry.lane);
        if (queue) queue.push(entry.seq);
        else lanes.set(entry.lane, [entry.seq]);
        known += 1;
      }
      // A short page is the end of the inbox as it is now; the window filling up leaves the rest for later.
      if (page.length < PAGE && known < windowSize) unread = false;
      if (page.length === 0) break;
    }
    return true;
  }

  async function startFreeLanes(): Promise<void> {
    const busy = arriving || options.receiving?.() === true;
    const free = (busy ? Math.min(width, options.busyWidth ?? 2) : width) - running.size;
    if (free <= 0) return;
    // The free lanes whose next entry arrived first: oldest work first, across conversations.
    const idle: [string, number][] = [];
    for (const [lane, queue] of lanes) if (!running.has(lane)) idle.push([lane, queue[0]!]);
    idle.sort((a, b) => a[1] - b[1]);
    const taken = idle.slice(0, free);
    for (const [lane] of taken) running.add(lane);
    await Promise.all(taken.map(([lane, seq]) => start(lane, seq)));
  }

  /** Reads the entry afresh (only its number and lane were kept) and works it, unless it is no longer waiting. */
  async function start(lane: string, seq: number): Promise<void> {
    let entry: InboxEntry | undefined;
    try {
      [entry] = await ledger.waiting(platform, { since: options.since(), afterSeq: seq - 1, limit: 1 });
    } catch (error) {
      running.delete(lane);
      failedToRead(error);
      return;
    }
    if (stopped) {
      running.delete(lane);
      return;
    }
    // Done meanwhile, or too old to answer now: nothing to do with it here.
    if (entry?.seq !== seq) return next(lane);
    void options
      .work(entry)
      .catch((error: unknown) => {
        logger.error(`${platform}: an inbox entry failed; it is left for the next start`, { error, deliveryId: entry.deliveryId });
        return false;
      })
      // Complete or left for the next start, it blocks nothing more here: its lane moves on either way.
      .then(() => next(lane));
  }

  /** The lane's first entry is over: the lane is free for the one behind it. */
  function next(lane: string): void {
    const queue = lanes.get(lane);
    queue?.shift();
    known -= 1;
    if (queue?.length === 0) lanes.delete(lane);
    running.delete(lane);
    look();
  }

  function failedToRead(error: unknown): void {
    // Locked by another process, or failing: the entries are safe where they are; look again shortly.
    if (error instanceof StorageUnavailable) logger.warn(`${platform}: could not read the inbox; trying again shortly`, { reason: error.reason });
    else logger.error(`${platform}: could not read the inbox; trying again shortly`, { error });
    setTimeout(look, busyRetryMs).unref();
  }

  return {
    wake() {
      arriving = true;
      arrivedSinceCheck = true;
      unread = true;
      checkForPause();
      look();
    },
    stop() {
      stopped = true;
    },
    running: () => running.size,
  };
}
