import { StorageUnavailable, type DeliveryLedger, type InboxEntry } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { InFlight } from './in-flight.js';
import type { InboxLeases } from './inbox-leases.js';

// Workers that take deliveries from the inbox (the ledger's waiting entries):
// one entry of a conversation (lane) at a time, in arrival order, and at most
// `width` lanes at once. The backlog stays in the database; in memory there is
// only a bounded window of it, read once as it arrives (a page at a time,
// after the last arrival number read), grouped by lane. A finished entry hands
// its lane to the next one without reading the backlog again, so a deep
// backlog costs the same per entry as a shallow one, and a restart picks up
// whatever is still waiting, oldest first.
//
// With replicas on one database the window is only a list of candidates: an
// entry starts once this replica holds its lease. A lease refused means the
// entry was finished elsewhere (it is dropped and its lane moves on) or
// another replica holds its lane; that lane waits for the next poll (each
// lease renewal), when a lapsed lease of a killed replica can be taken over.

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
  /** With replicas on one database: an entry is started only once this replica holds its lease, and handed back when its work stops short. */
  leases?: Pick<InboxLeases, 'take' | 'finished'>;
  /** How many waiting entries are kept in memory at most; default 2,000. */
  window?: number;
  /**
   * Entries being taken (their leases asked for) are tracked here, so a
   * shutdown that comes meanwhile waits for them to start and finish: what
   * was acknowledged just before the signal is answered before the exit.
   */
  inFlight?: Pick<InFlight, 'track'>;
}

export interface InboxWorkers {
  /** A delivery was written (or the process started): look for entries to take. Calls within one turn are merged. */
  wake(): void;
  /** Looks for entries to take without a new delivery here (another replica's lanes may have moved on). */
  poll(): void;
  /** Takes nothing new from now on; what is running, or already being taken, goes on. */
  stop(): void;
  /** How many entries are being worked right now. */
  running(): number;
}

/** Entries read per query while catching up with the inbox. */
const PAGE = 200;

export function createInboxWorkers(options: InboxWorkersOptions): InboxWorkers {
  const { ledger, platform, width, logger } = options;
  const busyRetryMs = options.busyRetryMs ?? 100;
  const windowSize = options.window ?? 2_000;
  /** lane -> its known waiting entries, oldest first; the first is being worked when the lane is in `running`. */
  const lanes = new Map<string, InboxEntry[]>();
  /** Lanes whose first entry is being worked (or being leased). */
  const running = new Set<string>();
  /** Lanes whose first entry another replica holds: tried again at the next poll. */
  const heldElsewhere = new Set<string>();
  /** How many entries `lanes` holds. */
  let known = 0;
  /** The last arrival number read from the inbox: only later ones are new. */
  let readUpTo = 0;
  /** Whether entries after `readUpTo` may be waiting unread (a wake-up, a poll, or the window filled up). */
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
        if (queue) queue.push(entry);
        else lanes.set(entry.lane, [entry]);
        known += 1;
      }
      // A short page is the end of the inbox as it is now; the window filling up leaves the rest for later.
      if (page.length < PAGE && known < windowSize) unread = false;
      if (page.length === 0) break;
    }
    return true;
  }

  async function startFreeLanes(): Promise<void> {
    if (stopped) return;
    const busy = arriving || options.receiving?.() === true;
    const free = (busy ? Math.min(width, options.busyWidth ?? 2) : width) - running.size;
    if (free <= 0) return;
    // The free lanes whose next entry arrived first: oldest work first, across conversations.
    const idle: InboxEntry[] = [];
    for (const [lane, queue] of lanes) if (!running.has(lane) && !heldElsewhere.has(lane)) idle.push(queue[0]!);
    idle.sort((a, b) => a.seq - b.seq);
    const taken = idle.slice(0, free);
    for (const entry of taken) running.add(entry.lane);
    // The leases of one look are asked for together: on SQLite they share one commit.
    const taking = Promise.all(taken.map(take));
    if (taken.length > 0) options.inFlight?.track(`${platform} inbox: taking ${taken.length} entries`, taking);
    if ((await taking).includes('moved-on')) look();
  }

  /** Leases the lane's first entry and works it; 'moved-on' when it was dropped and its lane may go on at once. */
  async function take(entry: InboxEntry): Promise<'started' | 'held' | 'moved-on'> {
    // Too old to answer now: the old read would not have listed it either.
    if (entry.at < options.since()) return drop(entry);
    if (options.leases) {
      if (!(await options.leases.take({ platform, workspace: entry.workspace, deliveryId: entry.deliveryId }))) return refused(entry);
    } else {
      // Alone on the database: the entry is read again, in case another process (a restart's replay) finished it meanwhile.
      const still = await stillWaiting(entry);
      if (still !== 'waiting') return still;
    }
    // A stop that came while the lease was asked for does not hand the entry back: it was
    // being taken already, and the shutdown waits for it (see `inFlight`).
    void options
      .work(entry)
      .catch((error: unknown) => {
        logger.error(`${platform}: an inbox entry failed; it is left for the next start`, { error, deliveryId: entry.deliveryId });
        return false;
      })
      .then((complete) => {
        void options.leases?.finished({ platform, workspace: entry.workspace, deliveryId: entry.deliveryId }, complete);
        // Complete or left for the next start, it holds up nothing more here: its lane moves on either way.
        drop(entry);
        look();
      });
    return 'started';
  }

  /** The lease was refused: finished elsewhere (dropped), or another replica holds the lane (it waits for the next poll). */
  async function refused(entry: InboxEntry): Promise<'held' | 'moved-on'> {
    const still = await stillWaiting(entry);
    if (still !== 'waiting') return still;
    running.delete(entry.lane);
    heldElsewhere.add(entry.lane);
    return 'held';
  }

  /** Reads the entry again: 'moved-on' (dropped) when it is no longer waiting, 'held' when the inbox could not be read. */
  async function stillWaiting(entry: InboxEntry): Promise<'waiting' | 'held' | 'moved-on'> {
    let still: InboxEntry | undefined;
    try {
      [still] = await ledger.waiting(platform, { since: options.since(), afterSeq: entry.seq - 1, limit: 1 });
    } catch (error) {
      running.delete(entry.lane);
      failedToRead(error);
      return 'held';
    }
    return still?.seq === entry.seq ? 'waiting' : drop(entry);
  }

  /** The lane's first entry is over here: the lane is free for the one behind it. */
  function drop(entry: InboxEntry): 'moved-on' {
    const queue = lanes.get(entry.lane);
    if (queue?.[0] === entry) {
      queue.shift();
      known -= 1;
      if (queue.length === 0) lanes.delete(entry.lane);
    }
    running.delete(entry.lane);
    return 'moved-on';
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
    poll() {
      // Another replica may have written entries, finished some, or let its leases lapse.
      unread = true;
      heldElsewhere.clear();
      look();
    },
    stop() {
      stopped = true;
    },
    running: () => running.size,
  };
}
